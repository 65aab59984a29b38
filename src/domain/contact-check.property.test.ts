// Properties of the contact check (V1–V5) over random restriction sets and random instants, weighted towards the
// weeks of the clock changes in 2026 and 2027 (29 March and 25 October 2026; 28 March and 31 October 2027).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { checkContact, verdictRank } from './contact-check.ts'
import type { CheckContact, CheckInput, CheckMatter, CheckRestriction, Verdict } from './contact-check.ts'
import { channels } from './contacts.ts'
import { fromLondon, londonDate } from './london-time.ts'
import { matterTypes } from './matters.ts'
import { inForce, restrictionChannels, weekdays } from './restrictions.ts'
import type { PhoneWindow, RestrictionSpec, RestrictionState, Scope, Weekday } from './restrictions.ts'

const RUNS = { numRuns: 300 }
const services = ['Housing', 'Adult Social Care', 'Waste', 'Highways'] as const
const staff = ['u1', 'u2', 'u3'] as const
const matterIds = ['m1', 'm2', 'm3'] as const

const ms = (iso: string) => new Date(iso).getTime()
const week = (monday: string) =>
  fc.integer({ min: ms(`${monday}T00:00:00Z`), max: ms(`${monday}T00:00:00Z`) + 8 * 86_400_000 })
const arbInstant = fc
  .oneof(
    week('2026-03-23'),
    week('2026-10-19'),
    week('2027-03-22'),
    week('2027-10-25'),
    fc.integer({ min: ms('2026-01-01T00:00:00Z'), max: ms('2027-12-31T23:59:59Z') }),
  )
  .map((t) => new Date(t))

const hhmm = (minutes: number) =>
  minutes === 1440
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
const arbWindow: fc.Arbitrary<PhoneWindow> = fc
  .record({
    day: fc.constantFrom(...weekdays),
    // night windows too, so that the hour the clocks skip or repeat is exercised
    start: fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 50, max: 150 })),
    length: fc.integer({ min: 1, max: 600 }),
  })
  .map(({ day, start, length }) => ({ day, from: hhmm(start), to: hhmm(Math.min(1440, start + length)) }))

const arbScope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant({ councilWide: true as const }),
  fc.uniqueArray(fc.constantFrom(...services), { minLength: 1, maxLength: 3 }).map((s) => ({ services: s })),
)

const arbTerms: fc.Arbitrary<RestrictionSpec> = fc.oneof(
  fc.record({
    type: fc.constant('contact_method' as const),
    channels: fc.uniqueArray(fc.constantFrom(...restrictionChannels), { minLength: 1, maxLength: 3 }),
    address: fc.option(fc.constant('PO Box 1, Northampton'), { nil: undefined }),
    scope: arbScope,
  }),
  fc.record({
    type: fc.constant('named_contact' as const),
    staffUserId: fc.constantFrom(...staff),
    deputyStaffUserId: fc.option(fc.constantFrom(...staff), { nil: undefined }),
    scope: arbScope,
  }),
  fc.record({
    type: fc.constant('phone_times' as const),
    windows: fc.array(arbWindow, { minLength: 1, maxLength: 4 }),
    maxCallMinutes: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
    scope: arbScope,
  }),
  fc.record({
    type: fc.constant('contact_agreement' as const),
    terms: fc.constant('One email a week'),
    scope: arbScope,
  }),
  fc.record({
    type: fc.constant('matter_closed' as const),
    matterId: fc.constantFrom(...matterIds),
    reply: fc.constantFrom('acknowledge' as const, 'file_without_acknowledgement' as const),
    scope: arbScope,
  }),
)

/** In force on every day of 2026 and 2027. */
const inForceState: RestrictionState = {
  proposalStatus: 'approved',
  noticeIssuedOn: '2025-12-01',
  interim: null,
  startsOn: '2025-12-01',
  endsOn: '2028-01-31',
  liftedOn: null,
}
/** Never in force in 2026 or 2027: lapsed, lifted, rejected, awaiting a decision, not notified, not started, unratified. */
const notInForceStates: RestrictionState[] = [
  { ...inForceState, endsOn: '2025-12-31' },
  { ...inForceState, liftedOn: '2025-12-15' },
  { ...inForceState, proposalStatus: 'rejected' },
  { ...inForceState, proposalStatus: 'awaiting_decision', noticeIssuedOn: null },
  { ...inForceState, noticeIssuedOn: null },
  { ...inForceState, startsOn: '2028-01-01' },
  {
    ...inForceState,
    proposalStatus: 'awaiting_decision',
    noticeIssuedOn: '2025-12-01',
    interim: { imposedOn: '2025-12-01', ratifyBy: '2025-12-15' },
  },
]

let counter = 0
const arbRestriction = (states: fc.Arbitrary<RestrictionState>): fc.Arbitrary<CheckRestriction> =>
  fc
    .record({
      state: states,
      terms: arbTerms,
      officerAbsent: fc.boolean(),
      deputyAbsent: fc.boolean(),
    })
    .map(({ state, terms, officerAbsent, deputyAbsent }) => {
      counter += 1
      const r: CheckRestriction = { ...state, id: `r${counter}`, terms }
      if (terms.type === 'named_contact') {
        r.namedOfficer = { id: terms.staffUserId, name: `Officer ${terms.staffUserId}`, absent: officerAbsent }
        if (terms.deputyStaffUserId)
          r.deputy = { id: terms.deputyStaffUserId, name: `Officer ${terms.deputyStaffUserId}`, absent: deputyAbsent }
      }
      if (terms.type === 'matter_closed')
        r.matter = { id: terms.matterId, reference: `CMP-${terms.matterId}`, subject: 'Repairs' }
      return r
    })
const arbLive = arbRestriction(fc.constant(inForceState))
const arbDead = arbRestriction(fc.constantFrom(...notInForceStates))
const arbAny = fc.oneof(arbLive, arbDead)

const arbMatter: fc.Arbitrary<CheckMatter> = fc.record({
  id: fc.constantFrom(...matterIds),
  type: fc.constantFrom(...matterTypes),
  service: fc.constantFrom(...services),
  reference: fc.constant('CMP-1'),
  status: fc.constantFrom('open' as const, 'closed' as const),
})

const arbContact: fc.Arbitrary<CheckContact> = fc.record({
  channel: fc.constantFrom(...channels),
  at: arbInstant,
  staffUserId: fc.option(fc.constantFrom(...staff), { nil: undefined }),
  matter: fc.option(arbMatter, { nil: undefined }),
  service: fc.option(fc.constantFrom(...services), { nil: undefined }),
  regarding: fc.option(fc.constant('councillor_conduct' as const), { nil: undefined, freq: 8 }),
})

const arbInput: fc.Arbitrary<CheckInput> = fc.record({
  person: fc.record({ id: fc.constant('p1'), fullName: fc.constant('Alex Example'), isCouncillor: fc.boolean() }),
  restrictions: fc.array(arbAny, { maxLength: 5 }),
  safetyMarkers: fc.array(
    fc.record(
      { precautions: fc.constant('Two staff present'), reviewOn: fc.constant('2026-06-01') },
      { noNullPrototype: true },
    ),
    {
      maxLength: 1,
    },
  ),
  contact: arbContact,
  bankHolidays: fc.constant(
    new Map([
      ['2026-04-06', 'Easter Monday'],
      ['2027-03-29', 'Easter Monday'],
    ]),
  ),
})

const statutory = (input: CheckInput) => input.contact.matter?.type === 'foi' || input.contact.matter?.type === 'eir'
const otherProcess = (input: CheckInput) => statutory(input) || input.contact.regarding === 'councillor_conduct'

describe('contact check properties (V1–V5)', () => {
  test('F7, F9: restrictions not in force never change the answer', () => {
    fc.assert(
      fc.property(arbInput, fc.array(arbDead, { minLength: 1, maxLength: 4 }), (input, dead) => {
        for (const r of dead) assert.equal(inForce(r, londonDate(input.contact.at)), false)
        const expected = checkContact(input)
        assert.deepEqual(checkContact({ ...input, restrictions: [...input.restrictions, ...dead] }), expected)
        assert.deepEqual(checkContact({ ...input, restrictions: [...dead, ...input.restrictions] }), expected)
      }),
      RUNS,
    )
  })

  test('V1–V5: adding a restriction never makes the verdict less restrictive', () => {
    fc.assert(
      fc.property(arbInput, arbLive, fc.nat(), (input, extra, at) => {
        const before = checkContact(input)
        const position = at % (input.restrictions.length + 1)
        const restrictions = [...input.restrictions]
        restrictions.splice(position, 0, extra)
        const after = checkContact({ ...input, restrictions })
        const rank = (v: typeof before.verdict) => verdictRank(v, input.contact.channel)
        assert.ok(rank(after.verdict) >= rank(before.verdict), `${before.verdict} became ${after.verdict}`)
      }),
      RUNS,
    )
  })

  test('V1–V5: every verdict has a reason; every applicable restriction in force is a reason, and only those', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = checkContact(input)
        assert.ok(result.reasons.length > 0)
        assert.ok(result.script.trim().length > 0)
        const cited = result.reasons.flatMap((r) => (r.restrictionId ? [r.restrictionId] : []))
        if (otherProcess(input)) {
          assert.equal(result.verdict, 'not_this_procedure')
          assert.deepEqual(cited, [])
          return
        }
        let service = input.contact.service ?? input.contact.matter?.service
        // F6: with no service and answers that differ by service, the verdict is the most restrictive of them, and
        // the reasons are those of the service (or of anything else) that gives it.
        if (result.serviceNeeded) {
          const rank = (v: Verdict) => verdictRank(v, input.contact.channel)
          const other = { service: undefined as string | undefined, verdict: result.otherServicesVerdict ?? 'proceed' }
          const top = (result.byService ?? []).reduce((w, s) => (rank(s.verdict) > rank(w.verdict) ? s : w), other)
          assert.equal(result.verdict, top.verdict)
          assert.notEqual(result.verdict, 'proceed', 'never "no restriction" when a service would be restricted')
          service = top.service
        }
        const today = londonDate(input.contact.at)
        const applicable = input.restrictions
          .filter((r) => inForce(r, today))
          .filter(
            (r) =>
              'councilWide' in r.terms.scope || (service !== undefined && r.terms.scope.services.includes(service)),
          )
          .map((r) => r.id)
        assert.deepEqual([...cited].sort(), [...applicable].sort())
        if (result.verdict === 'proceed') assert.ok(result.reasons.some((r) => r.rule === 'V1'))
        if (input.safetyMarkers.length) assert.notEqual(result.verdict, 'proceed')
        assert.deepEqual(result.safetyMarkers, input.safetyMarkers)
      }),
      RUNS,
    )
  })

  const londonWeekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long' })
  const londonTime = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  /** The wall clock read independently of the engine: weekday and `HH:MM` in London. */
  const wallClock = (at: Date) => ({
    day: londonWeekday.format(at).toLowerCase() as Weekday,
    clock: londonTime.format(at),
  })
  const dayOfDate = (date: string) => weekdays[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]

  test('F5c: a call inside a window (London wall clock) is never redirected; outside, it is, to a later window', () => {
    fc.assert(
      fc.property(fc.array(arbWindow, { minLength: 1, maxLength: 4 }), arbInstant, (windows, at) => {
        const phone: CheckRestriction = {
          ...inForceState,
          id: 'r-phone',
          terms: { type: 'phone_times', windows, scope: { councilWide: true } },
        }
        const result = checkContact({
          person: { id: 'p1', fullName: 'Alex Example', isCouncillor: false },
          restrictions: [phone],
          safetyMarkers: [],
          contact: { channel: 'phone', at },
          bankHolidays: new Set(),
        })
        const { day, clock } = wallClock(at)
        const inside = windows.some((w) => w.day === day && w.from <= clock && clock < w.to)
        if (inside) {
          assert.equal(result.verdict, 'proceed_with_conditions')
          assert.equal(result.nextWindow, undefined)
          return
        }
        assert.equal(result.verdict, 'redirect')
        const next = result.nextWindow
        assert.ok(next, 'a next window within the fortnight')
        // inside a window: it starts where a window starts on that weekday and ends no later than it
        assert.ok(
          windows.some(
            (w) => w.day === dayOfDate(next.date) && w.from <= next.from && next.from < w.to && next.to <= w.to,
          ),
        )
        // strictly after the call: some occurrence of its start on the clock is later (the hour the clocks skip has
        // none, so compare the wall clock there)
        const [hour = NaN, minute = NaN] = next.from.split(':').map(Number)
        const occurrences = (['BST', 'GMT'] as const).flatMap((zone) => {
          const found = fromLondon(next.date, { hour, minute, zone })
          return found.ok ? [found.at.getTime()] : []
        })
        if (occurrences.length)
          assert.ok(
            occurrences.some((t) => t > at.getTime()),
            `${next.date} ${next.from} after ${at.toISOString()}`,
          )
        else assert.ok(`${next.date} ${next.from}` > `${londonDate(at)} ${clock}`)
        assert.ok(next.date <= londonDate(new Date(at.getTime() + 8 * 86_400_000)), 'within a week and a day')
      }),
      { numRuns: 1000 },
    )
  })

  test('F6: a restriction scoped to some services never affects a contact about another service', () => {
    fc.assert(
      fc.property(arbInput, arbLive, fc.constantFrom(...services), (input, extra, service) => {
        const scoped: CheckRestriction = {
          ...extra,
          terms: { ...extra.terms, scope: { services: services.filter((s) => s !== service) } },
        }
        const contact = { ...input.contact, service }
        const without = checkContact({ ...input, contact })
        assert.deepEqual(checkContact({ ...input, contact, restrictions: [...input.restrictions, scoped] }), without)
        // Issue 13: with no service known, the scoped restriction never makes the answer less restrictive (an
        // integration reading only the verdict never waves the person through), and what applies to anything else is
        // the answer without it.
        const unknown = { ...input.contact, service: undefined, matter: undefined }
        const before = checkContact({ ...input, contact: unknown })
        const after = checkContact({ ...input, contact: unknown, restrictions: [...input.restrictions, scoped] })
        const rank = (v: Verdict) => verdictRank(v, unknown.channel)
        assert.ok(rank(after.verdict) >= rank(before.verdict))
        const anythingElse = (r: typeof before) => (r.serviceNeeded ? r.otherServicesVerdict : r.verdict)
        assert.equal(anythingElse(after), anythingElse(before))
      }),
      RUNS,
    )
  })

  test('S3: a contact on an FOI or EIR matter is always not_this_procedure', () => {
    fc.assert(
      fc.property(arbInput, fc.constantFrom('foi' as const, 'eir' as const), (input, type) => {
        const matter = { id: 'm9', type, service: 'Housing', reference: 'FOI-1', status: 'open' as const }
        const result = checkContact({ ...input, contact: { ...input.contact, matter } })
        assert.equal(result.verdict, 'not_this_procedure')
        assert.ok(result.reasons.some((r) => r.rule === 'S3'))
      }),
      RUNS,
    )
  })
})
