import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkCandidates, checkContact, verdictRank } from './contact-check.ts'
import type { CheckContact, CheckInput, CheckRestriction, CheckResult } from './contact-check.ts'
import { fromLondon, parseTime } from './london-time.ts'
import { statutoryProcess } from './matters.ts'
import type { PhoneWindow, RestrictionSpec, RestrictionState } from './restrictions.ts'

/** The instant a UK wall-clock time names (`BST`/`GMT` suffix for the hour that happens twice). */
function london(date: string, time: string): Date {
  const parsed = parseTime(time)
  assert.ok(parsed, time)
  const result = fromLondon(date, parsed)
  assert.ok(result.ok, `${date} ${time}`)
  return result.at
}

const inForceState: RestrictionState = {
  proposalStatus: 'approved',
  noticeIssuedOn: '2026-01-05',
  interim: null,
  startsOn: '2026-01-05',
  endsOn: '2026-12-31',
  liftedOn: null,
}

const everywhere = { councilWide: true } as const

function restriction(
  id: string,
  terms: RestrictionSpec,
  extra: Partial<Omit<CheckRestriction, 'id' | 'terms'>> = {},
): CheckRestriction {
  return { ...inForceState, id, terms, ...extra }
}

const lettersOnly = restriction('r-letters', {
  type: 'contact_method',
  channels: ['letter'],
  address: 'Customer Services, PO Box 1, Northampton NN1 1AA',
  scope: everywhere,
})
const mondayAndThursday: PhoneWindow[] = [
  { day: 'monday', from: '10:00', to: '12:00' },
  { day: 'thursday', from: '14:00', to: '16:00' },
]
const mondayCalls = restriction('r-phone', {
  type: 'phone_times',
  windows: mondayAndThursday,
  maxCallMinutes: 20,
  scope: everywhere,
})
const officer = { id: 'u-officer', name: 'Sam Patel', absent: false }
const deputy = { id: 'u-deputy', name: 'Jo Green', absent: false }
const namedOfficer = (officerAbsent = false, withDeputy = true, deputyAbsent = false) =>
  restriction(
    'r-named',
    {
      type: 'named_contact',
      staffUserId: officer.id,
      deputyStaffUserId: withDeputy ? deputy.id : undefined,
      scope: everywhere,
    },
    {
      namedOfficer: { ...officer, absent: officerAbsent },
      deputy: withDeputy ? { ...deputy, absent: deputyAbsent } : undefined,
    },
  )
const closedMatter = { id: 'm-closed', type: 'complaint', service: 'Housing', reference: 'CMP-2025-000042' } as const
const matterClosed = (reply: 'acknowledge' | 'file_without_acknowledgement') =>
  restriction(
    'r-closed',
    { type: 'matter_closed', matterId: closedMatter.id, reply, scope: everywhere },
    { matter: { id: closedMatter.id, reference: closedMatter.reference, subject: 'Repairs to 4 High Street' } },
  )

/** An open Housing matter of this type, as the contact check is given it. */
const openMatter = (id: string, type: 'foi' | 'eir' | 'sar', reference: string) =>
  ({ id, type, service: 'Housing', reference, status: 'open' }) as const

const aMonday = london('2026-01-12', '10:30') // winter, GMT

function check(
  restrictions: CheckRestriction[],
  contact: Partial<CheckContact> = {},
  extra: Partial<Omit<CheckInput, 'contact' | 'restrictions'>> = {},
): CheckResult {
  return checkContact({
    person: { id: 'p1', fullName: 'Alex Example', isCouncillor: false },
    restrictions,
    safetyMarkers: [],
    bankHolidays: new Set(),
    ...extra,
    contact: { channel: 'phone', at: aMonday, ...contact },
  })
}

const rules = (result: CheckResult) => result.reasons.map((r) => r.rule)
const ids = (result: CheckResult) => result.reasons.flatMap((r) => (r.restrictionId ? [r.restrictionId] : []))

describe('V1: nothing applies', () => {
  test('V1: with no restrictions the contact proceeds, with the V1 reason', () => {
    const result = check([])
    assert.equal(result.verdict, 'proceed')
    assert.deepEqual(result.reasons, [{ rule: 'V1', text: 'No formal restriction applies to this contact' }])
    assert.deepEqual(result.conditions, [])
    assert.deepEqual(result.howToContact, ["Any of the council's usual ways"])
    assert.match(result.script, /usual way/)
    assert.deepEqual(result.safetyMarkers, [])
  })
})

describe('F7, F9: only restrictions in force count', () => {
  const states: [string, Partial<RestrictionState>][] = [
    ['lapsed at its end date (F7)', { endsOn: '2026-01-11' }],
    ['lifted by a review (F7)', { liftedOn: '2026-01-10' }],
    ['rejected by a decision-maker (F4)', { proposalStatus: 'rejected' }],
    ['awaiting a decision (F4)', { proposalStatus: 'awaiting_decision', noticeIssuedOn: null }],
    ['approved but the letter not issued (F9)', { noticeIssuedOn: null }],
    ['approved and notified, starting later', { startsOn: '2026-02-01' }],
    [
      'interim and not ratified in time (F8)',
      { proposalStatus: 'awaiting_decision', interim: { imposedOn: '2026-01-02', ratifyBy: '2026-01-09' } },
    ],
  ]
  for (const [name, state] of states) {
    test(`F7/F9: a restriction ${name} never counts`, () => {
      const result = check([{ ...lettersOnly, ...state }])
      assert.deepEqual(result, check([]))
    })
  }

  test('F8: an interim restriction counts from its imposition until its ratification deadline', () => {
    const interim = {
      ...lettersOnly,
      proposalStatus: 'awaiting_decision' as const,
      noticeIssuedOn: '2026-01-10',
      interim: { imposedOn: '2026-01-10', ratifyBy: '2026-01-23' },
    }
    assert.equal(check([interim]).verdict, 'redirect')
  })

  test('F7: the day is the London date: 00:30 BST on 1 July is after a restriction ending 30 June', () => {
    const endsJune = { ...lettersOnly, endsOn: '2026-06-30' }
    assert.equal(check([endsJune], { at: new Date('2026-06-30T22:59:00Z') }).verdict, 'redirect')
    assert.equal(check([endsJune], { at: new Date('2026-06-30T23:30:00Z') }).verdict, 'proceed')
  })
})

describe('F6: scope', () => {
  const housingLetters = { ...lettersOnly, terms: { ...lettersOnly.terms, scope: { services: ['Housing'] } } }

  test('F6: a restriction scoped to Housing does not apply to an Adult Social Care contact, nor is it mentioned', () => {
    const result = check([housingLetters], { service: 'Adult Social Care' })
    assert.deepEqual(result, check([], { service: 'Adult Social Care' }))
  })

  test("F6: it applies to a Housing contact, and to a contact on a Housing matter (the matter's service)", () => {
    assert.equal(check([housingLetters], { service: 'housing ' }).verdict, 'redirect')
    const matter = { ...closedMatter, id: 'm-open', status: 'open' } as const
    assert.equal(check([housingLetters], { matter }).verdict, 'redirect')
  })

  test("F6: the contact's service overrides the matter's", () => {
    const matter = { ...closedMatter, id: 'm-open', status: 'open' } as const
    assert.equal(check([housingLetters], { matter, service: 'Waste' }).verdict, 'proceed')
  })

  test('F6: with no service and a restriction for one service, the answer says what applies for it and for anything else, and its verdict is the most restrictive', () => {
    const result = check([housingLetters])
    assert.equal(result.verdict, 'redirect', 'an integration reading only the verdict never waves them through')
    assert.equal(result.serviceNeeded, true)
    assert.deepEqual(
      result.byService?.map((s) => [s.service, s.verdict]),
      [['Housing', 'redirect']],
    )
    assert.equal(result.otherServicesVerdict, 'proceed')
    assert.equal(result.reasons[0]?.rule, 'F6')
    assert.match(
      result.reasons[0]?.text ?? '',
      /^Ask which service this is about first: a restriction covers contact about Housing/,
    )
    assert.match(result.reasons[0]?.text ?? '', /About anything else: no restriction applies/)
    assert.ok(!result.reasons.some((r) => r.rule === 'V1'), 'never "no formal restriction" about a restricted person')
  })

  test('F6: with the service given, only what applies to it', () => {
    const housing = check([housingLetters], { service: 'Housing' })
    assert.equal(housing.verdict, 'redirect')
    assert.equal(housing.serviceNeeded, undefined)
    const waste = check([housingLetters], { service: 'Waste' })
    assert.equal(waste.verdict, 'proceed')
  })

  test('F6: a council-wide restriction applies with no service given', () => {
    assert.equal(check([lettersOnly]).verdict, 'redirect')
  })
})

describe('S3: FOI and EIR requests have their own process', () => {
  for (const type of ['foi', 'eir'] as const) {
    test(`S3: a contact on an ${type.toUpperCase()} matter is not_this_procedure, whatever the restrictions`, () => {
      const matter = openMatter('m-req', type, `${type.toUpperCase()}-2026-000001`)
      const result = check([lettersOnly, mondayCalls, namedOfficer(), matterClosed('acknowledge')], {
        matter,
        at: london('2026-01-10', '20:00'),
      })
      assert.equal(result.verdict, 'not_this_procedure')
      assert.deepEqual(result.reasons, [{ rule: 'S3', text: statutoryProcess(type) }])
      assert.match(
        result.script,
        type === 'foi' ? /Freedom of Information Act 2000/ : /Environmental Information Regulations 2004/,
      )
      assert.equal(result.nextWindow, undefined)
      assert.equal(result.namedOfficer, undefined)
    })
  }

  test('S3: a subject access request is not an FOI/EIR matter: the procedure applies', () => {
    const matter = openMatter('m-sar', 'sar', 'SAR-2026-000001')
    assert.equal(check([lettersOnly], { matter }).verdict, 'redirect')
  })

  test('S3, P4: safety markers still show on an FOI contact', () => {
    const matter = openMatter('m-req', 'foi', 'FOI-2026-000001')
    const marker = { precautions: 'Meet only in the public reception', reviewOn: '2026-04-01' }
    const result = check([], { matter }, { safetyMarkers: [marker] })
    assert.equal(result.verdict, 'not_this_procedure')
    assert.deepEqual(result.safetyMarkers, [marker])
    assert.deepEqual(result.conditions, [marker.precautions])
    assert.deepEqual(rules(result), ['S3', 'P4'])
  })
})

describe('S2: councillors', () => {
  const councillor = { id: 'p2', fullName: 'Cllr Jane Doe', isCouncillor: true }

  test("S2: a councillor's contact about their councillor conduct goes to the Standards Committee", () => {
    const result = check([lettersOnly], { regarding: 'councillor_conduct' }, { person: councillor })
    assert.equal(result.verdict, 'not_this_procedure')
    assert.deepEqual(rules(result), ['S2'])
    assert.match(result.script, /Monitoring Officer and the Standards Committee/)
    assert.match(result.script, /your conduct as a councillor/)
  })

  test('S2: a councillor contacting as a private resident is a person like anyone else: restrictions count', () => {
    const result = check([lettersOnly], {}, { person: councillor })
    assert.equal(result.verdict, 'redirect')
  })

  test("S2: anyone's complaint about a councillor's conduct goes to the Monitoring Officer (decision)", () => {
    const result = check([lettersOnly], { regarding: 'councillor_conduct' })
    assert.equal(result.verdict, 'not_this_procedure')
    assert.match(result.script, /a councillor's conduct/)
  })
})

describe('F5a: one form of contact', () => {
  test('F5a: a call from someone limited to letters is redirected to writing, with the address', () => {
    const result = check([lettersOnly])
    assert.equal(result.verdict, 'redirect')
    assert.deepEqual(result.reasons, [
      {
        rule: 'F5a',
        restrictionId: 'r-letters',
        text: 'Contact is limited to by letter, to Customer Services, PO Box 1, Northampton NN1 1AA; this contact is by telephone',
      },
    ])
    assert.equal(
      result.script,
      "You can only contact the council by letter, to Customer Services, PO Box 1, Northampton NN1 1AA, so I'm not able to deal with this by telephone.",
    )
    assert.deepEqual(result.howToContact, ['By letter, to Customer Services, PO Box 1, Northampton NN1 1AA'])
    assert.ok(result.conditions.some((c) => /Do not deal with the substance/.test(c)))
  })

  test('F5a: a letter from someone limited to letters proceeds, and the reason says so', () => {
    const result = check([lettersOnly], { channel: 'letter' })
    assert.equal(result.verdict, 'proceed')
    assert.deepEqual(rules(result), ['F5a', 'V1'])
  })

  test('F5a: several channels are named together', () => {
    const two = restriction('r2', { type: 'contact_method', channels: ['letter', 'email'], scope: everywhere })
    assert.equal(check([two], { channel: 'email' }).verdict, 'proceed')
    const result = check([two], { channel: 'in_person' })
    assert.equal(result.verdict, 'redirect')
    assert.match(
      result.script,
      /only contact the council by letter or by email, so I'm not able to deal with this in person/,
    )
  })

  test('F5a: social media is never a permitted channel', () => {
    const all = restriction('r-all', {
      type: 'contact_method',
      channels: ['letter', 'email', 'phone', 'in_person', 'web'],
      scope: everywhere,
    })
    assert.equal(check([all], { channel: 'social_media' }).verdict, 'redirect')
  })
})

describe('F5b: a named officer, with a deputy for absence', () => {
  test('F5b: the named officer dealing with it proceeds with conditions', () => {
    const result = check([namedOfficer()], { staffUserId: officer.id })
    assert.equal(result.verdict, 'proceed_with_conditions')
    assert.deepEqual(result.conditions, ['The named officer deals with this'])
    assert.deepEqual(result.namedOfficer, { id: officer.id, name: officer.name })
    assert.deepEqual(result.deputy, { id: deputy.id, name: deputy.name })
  })

  test('F5b: anyone else is redirected to the named officer', () => {
    const result = check([namedOfficer()], { staffUserId: 'u-someone' })
    assert.equal(result.verdict, 'redirect')
    assert.match(result.script, /through Sam Patel, so I'll pass your details to them/)
    assert.ok(result.conditions.includes('Pass it to Sam Patel, the named officer'))
  })

  test('F5b: when who is dealing with it is unknown, it is redirected too', () => {
    assert.equal(check([namedOfficer()]).verdict, 'redirect')
  })

  test('F5b: a letter opened by someone else is passed to the named officer', () => {
    const result = check([namedOfficer()], { channel: 'letter', staffUserId: 'u-post' })
    assert.equal(result.verdict, 'redirect')
    assert.match(result.script, /I have passed your letter to them/)
  })

  test('F5b: the named officer is away: redirect to the deputy', () => {
    const result = check([namedOfficer(true)], { staffUserId: 'u-someone' })
    assert.equal(result.verdict, 'redirect')
    assert.match(result.script, /through Jo Green/)
    assert.ok(result.conditions.includes('Pass it to Jo Green, the deputy'))
  })

  test('F5b: the deputy dealing with it while the named officer is away proceeds with conditions', () => {
    const result = check([namedOfficer(true)], { staffUserId: deputy.id })
    assert.equal(result.verdict, 'proceed_with_conditions')
    assert.deepEqual(result.conditions, ['The deputy deals with this while Sam Patel is away'])
    assert.match(result.script, /Sam Patel is away, so I'm dealing with this for them/)
  })

  test('F5b: the deputy is only for absence: with the named officer in, the deputy redirects to them', () => {
    const result = check([namedOfficer(false)], { staffUserId: deputy.id })
    assert.equal(result.verdict, 'redirect')
    assert.match(result.script, /through Sam Patel/)
  })

  test('F5b: named officer away and no deputy (or the deputy away too): a message for their return', () => {
    for (const r of [namedOfficer(true, false), namedOfficer(true, true, true)]) {
      const result = check([r], { staffUserId: 'u-someone' })
      assert.equal(result.verdict, 'redirect')
      assert.match(result.script, /Sam Patel, who is away at the moment/)
      assert.ok(result.conditions.some((c) => /for their return/.test(c)))
    }
  })
})

describe('F5c: telephone calls at set times, on the UK wall clock', () => {
  test('F5c: a call inside a window proceeds with the call length limit', () => {
    const result = check([mondayCalls])
    assert.equal(result.verdict, 'proceed_with_conditions')
    assert.deepEqual(result.conditions, ['Calls last at most 20 minutes', 'The permitted time ends at 12:00'])
    assert.match(result.script, /up to 20 minutes/)
    assert.deepEqual(result.permittedCallTimes, [
      { day: 'monday', from: '10:00', to: '12:00' },
      { day: 'thursday', from: '14:00', to: '16:00' },
    ])
    assert.equal(result.nextWindow, undefined)
  })

  test('F5c: the window starts inclusive and ends exclusive', () => {
    assert.equal(check([mondayCalls], { at: london('2026-01-12', '10:00') }).verdict, 'proceed_with_conditions')
    assert.equal(check([mondayCalls], { at: london('2026-01-12', '11:59') }).verdict, 'proceed_with_conditions')
    assert.equal(check([mondayCalls], { at: london('2026-01-12', '12:00') }).verdict, 'redirect')
    assert.equal(check([mondayCalls], { at: london('2026-01-12', '09:59') }).verdict, 'redirect')
  })

  test('F5c: in summer the window is read on the BST clock (10:30 BST is 09:30 UTC)', () => {
    assert.equal(check([mondayCalls], { at: new Date('2026-06-15T09:30:00Z') }).verdict, 'proceed_with_conditions')
    assert.equal(check([mondayCalls], { at: new Date('2026-06-15T10:30:00Z') }).verdict, 'proceed_with_conditions')
    assert.equal(check([mondayCalls], { at: new Date('2026-06-15T11:30:00Z') }).verdict, 'redirect')
    assert.equal(check([mondayCalls], { at: new Date('2026-06-15T08:30:00Z') }).verdict, 'redirect')
  })

  test('F5c: outside the times the call is redirected, with the next window later the same day', () => {
    const result = check([mondayCalls], { at: london('2026-01-15', '09:00') }) // a Thursday
    assert.equal(result.verdict, 'redirect')
    assert.deepEqual(result.nextWindow, { date: '2026-01-15', from: '14:00', to: '16:00' })
    assert.match(result.script, /^You can telephone the council on Monday 10:00 to 12:00 and Thursday 14:00 to 16:00/)
    assert.match(result.script, /The next time you can call is Thursday 15 January 2026, 14:00 to 16:00\.$/)
    assert.match(result.reasons[0]?.text ?? '', /at 09:00 on Thursday, is outside them/)
  })

  test('F5c: after the last window of the week, the next is the following week', () => {
    const result = check([mondayCalls], { at: london('2026-01-15', '16:00') })
    assert.deepEqual(result.nextWindow, { date: '2026-01-19', from: '10:00', to: '12:00' })
  })

  test('F5c: across the March clock change: Saturday before, next window Monday after, in BST', () => {
    const at = london('2026-03-28', '11:00')
    const result = check([mondayCalls], { at })
    assert.deepEqual(result.nextWindow, { date: '2026-03-30', from: '10:00', to: '12:00' })
    // the Monday window opens at 09:00 UTC: 46 hours after 11:00 GMT on Saturday, though the clock moves on 47
    assert.equal(london('2026-03-30', '10:00').getTime() - at.getTime(), 46 * 3_600_000)
  })

  test('F5c: on the day the clocks go forward, 09:30 BST (08:30 UTC) is inside a Sunday 09:00–10:00 window', () => {
    const sunday = restriction('r-sun', {
      type: 'phone_times',
      windows: [{ day: 'sunday', from: '09:00', to: '10:00' }],
      scope: everywhere,
    })
    assert.equal(check([sunday], { at: new Date('2026-03-29T08:30:00Z') }).verdict, 'proceed_with_conditions')
    assert.equal(check([sunday], { at: new Date('2026-03-29T09:30:00Z') }).verdict, 'redirect')
    assert.equal(check([sunday], { at: new Date('2026-10-25T09:30:00Z') }).verdict, 'proceed_with_conditions')
  })

  test('F5c: when the clocks go back, a window in the repeated hour comes round again the same night', () => {
    const night = restriction('r-night', {
      type: 'phone_times',
      windows: [{ day: 'sunday', from: '01:00', to: '01:30' }],
      scope: everywhere,
    })
    const firstPass = london('2026-10-25', '01:45 BST')
    const result = check([night], { at: firstPass })
    assert.equal(result.verdict, 'redirect')
    assert.deepEqual(result.nextWindow, { date: '2026-10-25', from: '01:00', to: '01:30' })
    assert.equal(check([night], { at: london('2026-10-25', '01:15 GMT') }).verdict, 'proceed_with_conditions')
    assert.equal(check([night], { at: london('2026-10-25', '01:15 BST') }).verdict, 'proceed_with_conditions')
    const after = check([night], { at: london('2026-10-25', '01:45 GMT') })
    assert.deepEqual(after.nextWindow, { date: '2026-11-01', from: '01:00', to: '01:30' })
  })

  test('F5c: other channels are not affected, though the reason is listed', () => {
    const result = check([mondayCalls], { channel: 'email', at: london('2026-01-17', '23:00') })
    assert.equal(result.verdict, 'proceed')
    assert.deepEqual(rules(result), ['F5c', 'V1'])
    assert.deepEqual(result.howToContact, [
      'By telephone on Monday 10:00 to 12:00 and Thursday 14:00 to 16:00, for up to 20 minutes a call',
    ])
  })

  test('F5c: a next window on a bank holiday is still permitted but flagged with its name', () => {
    const at = london('2026-08-27', '17:00') // Thursday before the summer bank holiday
    const named = check([mondayCalls], { at }, { bankHolidays: new Map([['2026-08-31', 'Summer bank holiday']]) })
    assert.deepEqual(named.nextWindow, {
      date: '2026-08-31',
      from: '10:00',
      to: '12:00',
      bankHoliday: 'Summer bank holiday',
    })
    assert.match(named.script, /bank holiday \(Summer bank holiday\), when the council may be closed/)
    const dated = check([mondayCalls], { at }, { bankHolidays: new Set(['2026-08-31']) })
    assert.equal(dated.nextWindow?.bankHoliday, 'Bank holiday')
  })

  test('F5c: a call inside a window on a bank holiday is still permitted (decision)', () => {
    const at = london('2026-08-31', '10:15')
    const result = check([mondayCalls], { at }, { bankHolidays: new Set(['2026-08-31']) })
    assert.equal(result.verdict, 'proceed_with_conditions')
  })

  test('F5c: a restriction with no usable window permits no calls and has no next window', () => {
    const none = restriction('r-none', {
      type: 'phone_times',
      windows: [{ day: 'monday', from: '12:00', to: '10:00' }],
      scope: everywhere,
    })
    const result = check([none])
    assert.equal(result.verdict, 'redirect')
    assert.equal(result.nextWindow, undefined)
    assert.match(result.script, /not able to deal with this by telephone/)
  })

  test('F5c: two phone-time restrictions: the next window is one both permit', () => {
    const afternoons = restriction('r-pm', {
      type: 'phone_times',
      windows: [
        { day: 'monday', from: '11:00', to: '15:00' },
        { day: 'thursday', from: '09:00', to: '10:00' },
      ],
      scope: everywhere,
    })
    const result = check([mondayCalls, afternoons], { at: london('2026-01-13', '09:00') })
    assert.equal(result.verdict, 'redirect')
    assert.deepEqual(result.nextWindow, { date: '2026-01-19', from: '11:00', to: '12:00' })
  })
})

describe('F5d: a contact agreement', () => {
  test('F5d: proceed with conditions showing the agreed terms', () => {
    const agreement = restriction('r-agree', {
      type: 'contact_agreement',
      terms: 'One email a week to the housing team; replies within 10 working days',
      agreedOn: '2026-01-06',
      scope: everywhere,
    })
    const result = check([agreement], { channel: 'email' })
    assert.equal(result.verdict, 'proceed_with_conditions')
    assert.deepEqual(result.conditions, [
      'Follow the contact agreement: One email a week to the housing team; replies within 10 working days',
    ])
    assert.match(result.reasons[0]?.text ?? '', /agreed on Tuesday 6 January 2026/)
  })
})

describe('F5e, F11: correspondence on a closed matter', () => {
  const onClosed = { ...closedMatter, status: 'closed' } as const

  test('F11: a letter on the closed matter is read and filed without acknowledgement', () => {
    const result = check([matterClosed('file_without_acknowledgement')], { channel: 'letter', matter: onClosed })
    assert.equal(result.verdict, 'read_and_file')
    assert.equal(result.reply, 'file_without_acknowledgement')
    assert.match(result.script, /^Do not reply/)
    assert.ok(result.conditions.some((c) => /fresh evidence/.test(c)))
    assert.ok(result.conditions.some((c) => /safeguarding/.test(c)))
  })

  test('F11: an email on the closed matter is acknowledged when the record says so', () => {
    const result = check([matterClosed('acknowledge')], { channel: 'email', matter: onClosed })
    assert.equal(result.verdict, 'read_and_file')
    assert.equal(result.reply, 'acknowledge')
    assert.match(result.script, /^Thank you for your email about CMP-2025-000042/)
  })

  test('F11: a call on the closed matter: listen for fresh evidence and safeguarding, do not discuss it', () => {
    const result = check([matterClosed('acknowledge')], { channel: 'phone', matter: onClosed })
    assert.equal(result.verdict, 'read_and_file')
    assert.match(result.script, /not able to discuss it further.*concern about someone's safety/)
  })

  test('F11: a matter recorded as open again is flagged', () => {
    const result = check([matterClosed('acknowledge')], { channel: 'letter', matter: { ...onClosed, status: 'open' } })
    assert.ok(result.conditions.some((c) => /open again/.test(c)))
  })

  test('P3: a contact on another matter, or on no matter, is not blocked', () => {
    const other = { ...closedMatter, id: 'm-new', reference: 'CMP-2026-000100', status: 'open' } as const
    for (const matter of [other, undefined]) {
      const result = check([matterClosed('file_without_acknowledgement')], { channel: 'letter', matter })
      assert.equal(result.verdict, 'proceed')
      assert.deepEqual(rules(result), ['F5e', 'V1'])
      assert.match(result.reasons[0]?.text ?? '', /on its merits \(P3\)/)
      assert.equal(result.reply, undefined)
    }
  })
})

describe('V2–V4: several restrictions combine to the most restrictive verdict', () => {
  const onClosed = { ...closedMatter, status: 'closed' } as const

  test('V4: an email on a closed matter from someone limited to letters is still read (F11 beats redirect in writing)', () => {
    const result = check([lettersOnly, matterClosed('acknowledge')], { channel: 'email', matter: onClosed })
    assert.equal(result.verdict, 'read_and_file')
    assert.deepEqual(ids(result), ['r-closed', 'r-letters'])
    assert.ok(result.conditions.some((c) => /any reply goes that way/.test(c)))
  })

  test('V3: a call on a closed matter from someone limited to letters is redirected (redirect beats F11 live)', () => {
    const result = check([lettersOnly, matterClosed('acknowledge')], { channel: 'phone', matter: onClosed })
    assert.equal(result.verdict, 'redirect')
    assert.deepEqual(ids(result), ['r-letters', 'r-closed'])
    assert.equal(result.reply, undefined)
  })

  test('V3: every reason is listed, the deciding ones first', () => {
    const agreement = restriction('r-agree', { type: 'contact_agreement', terms: 'Weekly', scope: everywhere })
    const result = check([agreement, mondayCalls, lettersOnly], { at: london('2026-01-13', '10:00') })
    assert.equal(result.verdict, 'redirect')
    assert.deepEqual(ids(result), ['r-phone', 'r-letters', 'r-agree'])
    assert.ok(result.script.includes('only contact the council by letter'))
    assert.ok(result.script.includes('You can telephone the council on Monday'))
  })

  test('V2: conditions of several restrictions add up', () => {
    const agreement = restriction('r-agree', { type: 'contact_agreement', terms: 'Weekly', scope: everywhere })
    const result = check([agreement, mondayCalls, namedOfficer()], { staffUserId: officer.id })
    assert.equal(result.verdict, 'proceed_with_conditions')
    assert.deepEqual(result.conditions, [
      'Follow the contact agreement: Weekly',
      'Calls last at most 20 minutes',
      'The permitted time ends at 12:00',
      'The named officer deals with this',
    ])
  })

  test('the order of verdicts depends on whether the contact is written', () => {
    assert.ok(verdictRank('read_and_file', 'email') > verdictRank('redirect', 'email'))
    assert.ok(verdictRank('redirect', 'phone') > verdictRank('read_and_file', 'phone'))
    assert.ok(verdictRank('not_this_procedure', 'letter') > verdictRank('read_and_file', 'letter'))
  })
})

describe('P4: safety markers', () => {
  const marker = { precautions: 'Two members of staff at any meeting', reviewOn: '2026-05-01' }

  test('P4, V2: a safety marker turns proceed into proceed_with_conditions, with its precautions', () => {
    const result = check([], {}, { safetyMarkers: [marker] })
    assert.equal(result.verdict, 'proceed_with_conditions')
    assert.deepEqual(result.conditions, [marker.precautions])
    assert.deepEqual(rules(result), ['V1', 'P4'])
    assert.deepEqual(result.safetyMarkers, [marker])
    assert.doesNotMatch(result.script, /Two members/) // the precautions are for staff, not read out
  })

  test('P4: safety markers show with every verdict, precautions first', () => {
    const result = check([lettersOnly], {}, { safetyMarkers: [marker] })
    assert.equal(result.verdict, 'redirect')
    assert.equal(result.conditions[0], marker.precautions)
    assert.deepEqual(result.safetyMarkers, [marker])
  })
})

describe('K7: the answer never reveals the case file', () => {
  test('K7: nothing beyond the terms reaches the answer', () => {
    const withFile = { ...lettersOnly, rationale: 'Shouted at staff on 3 January', decisionReasons: 'Repeated abuse' }
    for (const channel of ['phone', 'letter'] as const) {
      const text = JSON.stringify(check([withFile], { channel }))
      assert.doesNotMatch(text, /Shouted|abuse/)
    }
  })

  test('K7: the script is short', () => {
    const result = check([lettersOnly, mondayCalls, namedOfficer()], { at: london('2026-01-13', '10:00') })
    assert.ok(result.script.length < 500, result.script)
  })
})

describe('what the contact is about comes first (S2, S3, V5)', () => {
  for (const [regarding, act] of [
    ['foi_request', /Freedom of Information Act 2000/],
    ['eir_request', /Environmental Information Regulations 2004/],
  ] as const) {
    test(`S3: a new ${regarding === 'foi_request' ? 'FOI' : 'EIR'} request is not_this_procedure, whatever the restrictions and the channel`, () => {
      // A letters-only person emailing a new request is not redirected: the procedure never refuses an FOI request.
      const result = check([lettersOnly, mondayCalls, namedOfficer()], { channel: 'email', regarding })
      assert.equal(result.verdict, 'not_this_procedure')
      assert.deepEqual(
        result.reasons.map((r) => r.rule),
        ['S3'],
      )
      assert.match(result.script, act)
      assert.equal(result.serviceNeeded, undefined)
    })
  }
})

describe('uncertain identity (P4, K3)', () => {
  const input = (restrictions: CheckRestriction[], markers: { precautions: string; reviewOn: string }[] = []) => ({
    person: { id: 'p', fullName: 'Someone', isCouncillor: false },
    restrictions,
    safetyMarkers: markers,
    contact: { channel: 'phone' as const, at: london('2026-01-12', '10:00') },
    bankHolidays: new Set<string>(),
  })

  test('P4: the verdict is the most restrictive of the candidates’, and every candidate’s precautions are shown', () => {
    const result = checkCandidates([
      input([]),
      input([lettersOnly]),
      input([], [{ precautions: 'Never visit alone', reviewOn: '2026-06-01' }]),
    ])
    assert.equal(result?.verdict, 'redirect')
    assert.deepEqual(
      result?.safetyMarkers.map((m) => m.precautions),
      ['Never visit alone'],
    )
    assert.ok(result?.conditions.includes('Never visit alone'))
  })

  test('P4: two unrestricted candidates, one with a marker: proceed with conditions, never plain proceed', () => {
    const result = checkCandidates([input([]), input([], [{ precautions: 'Meet in pairs', reviewOn: '2026-06-01' }])])
    assert.equal(result?.verdict, 'proceed_with_conditions')
  })
})
