import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import shipped from '../data/bank-holidays-england-and-wales.json' with { type: 'json' }
import {
  closedMatterReadBy,
  dueItems,
  dueState,
  reminderStage,
  worklistsFor,
  type ChallengeSource,
  type DecisionSource,
  type DueSources,
  type RatificationSource,
} from './due.ts'
import { permissions } from './permissions.ts'
import { readGovUkBankHolidays } from './working-days.ts'

const bankHolidays = new Set((readGovUkBankHolidays(shipped) ?? []).map((e) => e.date))
const person = { personId: 'p1', personName: 'Gary Hollis' }
const none: DueSources = {
  reviews: [],
  ratifications: [],
  challenges: [],
  monitoring: [],
  safetyMarkers: [],
  closedMatterItems: [],
}

/** What is due on a day from these sources alone, with the shipped bank holidays and 5 days' notice. */
const dueOn = (today: string, sources: Partial<DueSources>) =>
  dueItems({ ...none, ...sources }, { today, bankHolidays, soonDays: 5 })

/** An interim restriction imposed on Thursday 17 December 2026, to be ratified by Monday 4 January 2027. */
const ratification = (over: Partial<RatificationSource> = {}): RatificationSource => ({
  ...person,
  proposalId: 'pr1',
  caseId: 'c1',
  proposalStatus: 'awaiting_decision',
  interimImposedOn: '2026-12-17',
  ratifyBy: '2027-01-04',
  decidedRoles: [],
  ...over,
})

/** A challenge on case c1, not yet decided, that no one took part in unless told. */
const challenge = (challengeId: string, over: Partial<ChallengeSource>): ChallengeSource => ({
  ...person,
  challengeId,
  caseId: 'c1',
  of: 'restriction',
  respondBy: '2027-04-12',
  decided: false,
  involved: [],
  ...over,
})

/** A proposal made by 'hos' on Thursday 25 March 2027, before Easter: Good Friday and Easter Monday do not count. */
const decision = (decidedRoles: DecisionSource['decidedRoles']): DecisionSource => ({
  ...person,
  proposalId: 'pr1',
  caseId: 'c1',
  proposedOn: '2027-03-25',
  proposedBy: 'hos',
  decidedRoles,
})

describe('what is due', () => {
  test('states: overdue, due today, due soon within the setting, later', () => {
    assert.equal(dueState('2027-01-03', '2027-01-04', 5), 'overdue')
    assert.equal(dueState('2027-01-04', '2027-01-04', 5), 'due_today')
    assert.equal(dueState('2027-01-09', '2027-01-04', 5), 'due_soon')
    assert.equal(dueState('2027-01-10', '2027-01-04', 5), 'later')
  })

  test('F8: working days left to ratify across Christmas 2026 (25th, 28th and 1 January do not count)', () => {
    // Imposed Thursday 17 December 2026: 10 working days later is Monday 4 January 2027.
    const items = dueOn('2026-12-24', { ratifications: [ratification({ decidedRoles: ['chief_executive'] })] })
    const [item] = items
    assert.ok(item)
    assert.equal(item.kind, 'ratification')
    assert.equal(item.rule, 'F8')
    // From Thursday 24th: 29th, 30th, 31st, 4th (25th, 28th, 1st are bank holidays; 26th, 27th, 2nd, 3rd weekends).
    assert.equal(item.workingDaysLeft, 4)
    assert.equal(item.daysLeft, 11)
    assert.equal(item.state, 'later')
    assert.deepEqual(item.roles, ['monitoring_officer'], 'only the decision still missing is asked for')
    assert.equal(item.href, '/proposals/pr1')
  })

  test('F8: an interim restriction past its ratify-by date has lapsed and leaves the list', () => {
    const on = (today: string) => dueOn(today, { ratifications: [ratification()] })
    assert.equal(on('2027-01-04')[0]?.state, 'due_today')
    assert.equal(on('2027-01-05').length, 0)
  })

  test('F8, F9: a lapsed interim restriction is due, overdue, for those who issue letters, until its end letter is issued', () => {
    const lapsed = {
      personId: 'p1',
      personName: 'Lara Lapsed',
      proposalId: 'pr1',
      caseId: 'c1',
      proposalStatus: 'awaiting_decision' as const,
      ratifyBy: '2027-01-04',
      endLetterId: null,
    }
    const on = (today: string, over = {}) => dueOn(today, { lapsedInterims: [{ ...lapsed, ...over }] })
    assert.equal(on('2027-01-04').length, 0, 'it can still be ratified on the day')
    const [item] = on('2027-01-05')
    assert.ok(item)
    assert.equal(item.title, 'Interim restriction on Lara Lapsed lapsed: write to the person')
    assert.equal(item.state, 'overdue')
    assert.equal(item.rule, 'F8')
    assert.deepEqual(item.roles, permissions['letters.issue'])
    assert.equal(on('2027-01-05', { endLetterId: 'l1' }).length, 0, 'cleared once the letter is issued')
    assert.equal(on('2027-01-05', { proposalStatus: 'approved' }).length, 0, 'ratified in time')
  })

  test('F10: a challenge due after Easter 2027: working days left skip Good Friday and Easter Monday', () => {
    const items = dueOn('2027-03-25', {
      challenges: [
        challenge('ch1', { involved: ['s1'] }),
        challenge('ch2', { of: 'warning', respondBy: '2027-04-01', decided: true }),
      ],
    })
    assert.equal(items.length, 1, 'a decided challenge is not due')
    const [item] = items
    assert.ok(item)
    // Thursday 25 March to Monday 12 April 2027: 26 March and 29 March are bank holidays.
    assert.equal(item.workingDaysLeft, 10)
    assert.deepEqual(item.roles, ['senior_reviewer'])
    assert.deepEqual(item.excludedStaffIds, ['s1'], 'F10: those involved are not asked')
    assert.equal(item.href, '/challenges/ch1')
  })

  test('F7: only a restriction in force is due a review; overdue reviews come first', () => {
    const review = (id: string, reviewOn: string, status: string) => ({
      ...person,
      restrictionId: id,
      caseId: 'c1',
      restrictionType: 'contact_method',
      reviewOn,
      status,
    })
    const items = dueOn('2027-01-04', {
      reviews: [
        review('r1', '2027-06-30', 'active'),
        review('r2', '2027-01-02', 'active'),
        review('r3', '2027-01-01', 'lifted'),
      ],
    })
    assert.deepEqual(
      items.map((i) => [i.id, i.state]),
      [
        ['r2', 'overdue'],
        ['r1', 'later'],
      ],
    )
    assert.equal(items[0]?.href, '/restrictions/r2/reviews/new')
    // Saturday 2 January to Monday 4 January 2027: 1 working day (the 4th) the other way.
    assert.equal(items[0]?.workingDaysLeft, -1)
  })

  test('F3: monitoring ending names the officer who issued the warning; withdrawn or followed up, nothing is due', () => {
    const warning = {
      ...person,
      warningId: 'w1',
      caseId: 'c1',
      monitoringEndsOn: '2027-01-06',
      withdrawn: false,
      caseOpen: true,
      followedByProposal: false,
      issuedBy: 'officer',
    }
    const opts = { today: '2027-01-04', bankHolidays, soonDays: 5 }
    const [item] = dueItems({ ...none, monitoring: [warning] }, opts)
    assert.equal(item?.state, 'due_soon')
    assert.deepEqual(item?.namedStaffIds, ['officer'])
    assert.deepEqual(item?.roles, ['case_officer', 'head_of_service'])
    assert.equal(item?.href, '/cases/c1')
    assert.equal(dueItems({ ...none, monitoring: [{ ...warning, withdrawn: true }] }, opts).length, 0)
    assert.equal(dueItems({ ...none, monitoring: [{ ...warning, followedByProposal: true }] }, opts).length, 0)
    assert.equal(dueItems({ ...none, monitoring: [{ ...warning, caseOpen: false }] }, opts).length, 0)
  })

  test('K3, F11: safety markers due for review, and closed-matter items read by the next working day', () => {
    // Arrived Christmas Eve 2026 (Thursday): the next working day is Tuesday 29 December.
    assert.equal(closedMatterReadBy('2026-12-24', bankHolidays), '2026-12-29')
    // Arrived Maundy Thursday 2027: the next working day is Tuesday 30 March.
    assert.equal(closedMatterReadBy('2027-03-25', bankHolidays), '2027-03-30')
    const items = dueOn('2026-12-29', {
      safetyMarkers: [
        { ...person, markerId: 'm1', reviewOn: '2026-12-29', removed: false, createdBy: null },
        { ...person, markerId: 'm2', reviewOn: '2026-12-20', removed: true, createdBy: null },
      ],
      closedMatterItems: [
        { ...person, itemId: 'q1', receivedOn: '2026-12-24', read: false },
        { ...person, itemId: 'q2', receivedOn: '2026-12-24', read: true },
      ],
    })
    assert.deepEqual(
      items.map((i) => [i.kind, i.id, i.state, i.href]),
      [
        ['safety_marker', 'm1', 'due_today', '/safety-markers/m1/review'],
        ['closed_matter_item', 'q1', 'due_today', '/closed-matters/q1'],
      ],
    )
  })

  test('worklists: one per responsible role the user holds; a role with nothing to do has none', () => {
    const items = dueOn('2027-01-04', {
      safetyMarkers: [{ ...person, markerId: 'm1', reviewOn: '2027-01-10', removed: false, createdBy: null }],
    })
    assert.deepEqual(
      worklistsFor(items, ['frontline', 'head_of_service', 'senior_reviewer']).map((l) => [l.role, l.items.length]),
      [
        ['head_of_service', 1],
        ['senior_reviewer', 0],
      ],
    )
    assert.deepEqual(worklistsFor(items, ['admin', 'auditor']), [])
  })

  test('reminder stages: a few days before, on the day, and overdue; nothing earlier', () => {
    assert.equal(reminderStage({ dueOn: '2027-01-10' }, '2027-01-04', 5), null)
    assert.equal(reminderStage({ dueOn: '2027-01-09' }, '2027-01-04', 5), 'before')
    assert.equal(reminderStage({ dueOn: '2027-01-04' }, '2027-01-04', 5), 'due')
    assert.equal(reminderStage({ dueOn: '2027-01-01' }, '2027-01-04', 5), 'overdue')
    assert.equal(reminderStage({ dueOn: '2027-01-05' }, '2027-01-04', 0), null, 'no early reminder when set to 0')
  })
})

describe('F4: proposals to decide', () => {
  test('each decision-maker who has not decided is asked, never the proposer, within 10 working days', () => {
    const [item] = dueOn('2027-03-26', { decisions: [decision(['chief_executive'])] })
    assert.ok(item)
    assert.equal(item.kind, 'decision')
    assert.equal(item.rule, 'F4')
    assert.deepEqual(item.roles, ['monitoring_officer'])
    assert.deepEqual(item.excludedStaffIds, ['hos'])
    assert.equal(item.dueOn, '2027-04-12')
    assert.equal(item.href, '/proposals/pr1')
  })

  test('once both have decided, nothing is due', () => {
    const items = dueOn('2027-03-26', { decisions: [decision(['chief_executive', 'monitoring_officer'])] })
    assert.deepEqual(items, [])
  })
})
