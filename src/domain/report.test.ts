import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  disclose,
  inForceDuring,
  lastCompleteQuarter,
  median,
  proposalDecidedOn,
  reportFigures,
  restrictionLife,
  reviewsWithDueDates,
  type ReportRestriction,
  type ReportRows,
} from './report.ts'

// K5: the report's figures from plain rows.

const restriction = (overrides: Partial<ReportRestriction> = {}): ReportRestriction => ({
  id: 'r1',
  personId: 'p1',
  caseId: 'c1',
  type: 'contact_method',
  councilWide: false,
  services: ['Waste'],
  startsOn: '2027-01-04',
  endsOn: '2027-12-31',
  liftedOn: null,
  supersededBy: null,
  firstReviewOn: '2027-06-30',
  proposalStatus: 'approved',
  decidedOn: '2027-01-04',
  noticeIssuedOn: '2027-01-04',
  interimImposedOn: null,
  ratifyBy: null,
  reviews: [],
  ...overrides,
})

const rows = (overrides: Partial<ReportRows> = {}): ReportRows => ({
  restrictions: [],
  proposals: [],
  cases: [],
  warnings: [],
  challenges: [],
  ...overrides,
})

const q1 = { from: '2027-01-01', to: '2027-03-31' }

describe('period', () => {
  test('K5: the default period is the last complete quarter before today', () => {
    assert.deepEqual(lastCompleteQuarter('2026-11-29'), { from: '2026-07-01', to: '2026-09-30' })
    assert.deepEqual(lastCompleteQuarter('2027-01-04'), { from: '2026-10-01', to: '2026-12-31' })
    assert.deepEqual(lastCompleteQuarter('2026-04-01'), { from: '2026-01-01', to: '2026-03-31' })
    assert.deepEqual(lastCompleteQuarter('2026-03-31'), { from: '2025-10-01', to: '2025-12-31' })
  })

  test('median of odd and even counts; none is null', () => {
    assert.equal(median([5, 1, 3]), 3)
    assert.equal(median([4, 1, 3, 10]), 3.5)
    assert.equal(median([]), null)
  })

  test('K5: 1 and 2 are shown as "fewer than 3"; 0 and 3 are shown', () => {
    assert.deepEqual([0, 1, 2, 3, 17].map(disclose), [0, 'fewer than 3', 'fewer than 3', 3, 17])
  })

  test('F4: a proposal is approved on the later approval and rejected on the first rejection', () => {
    const decisions = [
      { decision: 'approve' as const, decidedOn: '2027-01-05' },
      { decision: 'approve' as const, decidedOn: '2027-01-09' },
    ]
    assert.equal(proposalDecidedOn('approved', decisions), '2027-01-09')
    assert.equal(proposalDecidedOn('awaiting_decision', decisions.slice(0, 1)), null)
    assert.equal(
      proposalDecidedOn('rejected', [...decisions.slice(0, 1), { decision: 'reject', decidedOn: '2027-01-07' }]),
      '2027-01-07',
    )
  })
})

describe('a restriction over time (F7, F8, F9)', () => {
  test('F9: in force from the later of its start and its letter; lapses after its end date', () => {
    const r = restriction({ startsOn: '2027-01-04', noticeIssuedOn: '2027-01-10', endsOn: '2027-03-15' })
    assert.deepEqual(restrictionLife(r), {
      inForceFrom: '2027-01-10',
      outOfForceFrom: '2027-03-16',
      endedOn: '2027-03-15',
      endReason: 'lapsed',
    })
  })

  test('F7: lifted on the day recorded; a lift recorded after the period does not end it within the period', () => {
    const r = restriction({ liftedOn: '2027-04-10' })
    assert.equal(restrictionLife(r).endReason, 'lifted')
    assert.equal(restrictionLife(r).endedOn, '2027-04-10')
    const f = reportFigures(rows({ restrictions: [r] }), q1)
    assert.equal(f.restrictions.lifted, 0)
    assert.equal(f.restrictions.inForceAtEnd, 1)
  })

  test('F9: a letter issued after the period means it was not in force in the period', () => {
    const r = restriction({ noticeIssuedOn: '2027-04-02', decidedOn: '2027-03-30' })
    assert.equal(inForceDuring(r, q1), false)
    assert.equal(inForceDuring(r, { from: '2027-04-01', to: '2027-06-30' }), true)
  })

  test('F8: an interim restriction not ratified lapses after its deadline; one rejected ends on the rejection', () => {
    const lapsed = restriction({
      proposalStatus: 'awaiting_decision',
      decidedOn: null,
      noticeIssuedOn: null,
      interimImposedOn: '2027-01-04',
      ratifyBy: '2027-01-18',
    })
    assert.deepEqual(restrictionLife(lapsed), {
      inForceFrom: '2027-01-04',
      outOfForceFrom: '2027-01-19',
      endedOn: '2027-01-18',
      endReason: 'not_ratified',
    })
    const rejected = { ...lapsed, proposalStatus: 'rejected' as const, decidedOn: '2027-01-08' }
    assert.equal(restrictionLife(rejected).endedOn, '2027-01-08')
    assert.equal(restrictionLife(rejected).endReason, 'not_ratified')
    const f = reportFigures(rows({ restrictions: [lapsed, { ...rejected, id: 'r2' }] }), q1)
    assert.equal(f.restrictions.lapsed, 2)
    assert.equal(f.restrictions.notRatified, 2)
    assert.equal(f.restrictions.imposed, 2)
    assert.equal(f.restrictions.medianDaysInForce, (15 + 4) / 2)
  })

  test('F7: each review is due on the date the last one set; late when done after it', () => {
    const r = restriction({
      firstReviewOn: '2027-02-01',
      reviews: [
        { reviewedOn: '2027-02-03', outcome: 'continue', nextReviewOn: '2027-03-01' },
        { reviewedOn: '2027-03-01', outcome: 'continue', nextReviewOn: '2027-03-20' },
      ],
    })
    assert.deepEqual(reviewsWithDueDates(r), [
      { reviewedOn: '2027-02-03', dueOn: '2027-02-01' },
      { reviewedOn: '2027-03-01', dueOn: '2027-03-01' },
    ])
    const f = reportFigures(rows({ restrictions: [r] }), q1)
    assert.deepEqual(f.reviews, { done: 2, onTime: 1, late: 1, overdueAtEnd: 1 })
  })

  test('F6: by type and by service; council-wide counts as "Council-wide"; several services count under each', () => {
    const f = reportFigures(
      rows({
        restrictions: [
          restriction({ id: 'a', services: ['Waste', 'Housing'] }),
          restriction({ id: 'b', type: 'named_contact', councilWide: true, services: [] }),
        ],
      }),
      q1,
    )
    assert.deepEqual(
      f.restrictions.byService.map((s) => [s.service, s.inForce]),
      [
        ['Council-wide', 1],
        ['Housing', 1],
        ['Waste', 1],
      ],
    )
    assert.equal(f.restrictions.byType.find((t) => t.type === 'named_contact')?.imposed, 1)
    assert.equal(f.restrictions.inForce, 2)
  })
})

describe('warnings and challenges', () => {
  test('F2, F3: a warning is counted once its monitoring period and 3 months have ended, with or without a restriction', () => {
    const f = reportFigures(
      rows({
        warnings: [
          { id: 'w1', caseId: 'c1', issuedOn: '2026-09-01', monitoringEndsOn: '2026-10-27', withdrawnOn: null },
          { id: 'w2', caseId: 'c2', issuedOn: '2026-09-02', monitoringEndsOn: '2026-10-28', withdrawnOn: null },
          { id: 'w3', caseId: 'c3', issuedOn: '2027-01-05', monitoringEndsOn: '2027-03-02', withdrawnOn: null },
        ],
        proposals: [
          {
            id: 'p1',
            caseId: 'c1',
            proposedOn: '2026-11-01',
            status: 'approved',
            decidedOn: '2026-11-03',
            interimImposedOn: null,
            ratifyBy: null,
            personHadAdjustments: false,
            conflictJustified: false,
          },
        ],
      }),
      q1,
    )
    assert.deepEqual(f.warnings, {
      issued: 1,
      withdrawn: 0,
      followUpEnded: 2,
      ledToRestriction: 1,
      ledToNoRestriction: 1,
    })
  })

  test('F10: answered by the respond-by date or late; awaiting at the end and past the date', () => {
    const f = reportFigures(
      rows({
        challenges: [
          {
            id: 'a',
            of: 'warning',
            receivedOn: '2027-01-04',
            respondBy: '2027-01-18',
            inTime: true,
            outcome: 'upheld',
            decidedOn: '2027-01-18',
          },
          {
            id: 'b',
            of: 'restriction',
            receivedOn: '2027-02-01',
            respondBy: '2027-02-15',
            inTime: false,
            outcome: 'not_upheld',
            decidedOn: '2027-02-16',
          },
          {
            id: 'c',
            of: 'restriction',
            receivedOn: '2027-03-01',
            respondBy: '2027-03-15',
            inTime: true,
            outcome: 'varied',
            decidedOn: '2027-04-02',
          },
        ],
      }),
      q1,
    )
    assert.equal(f.challenges.received, 3)
    assert.equal(f.challenges.ofWarnings, 1)
    assert.equal(f.challenges.receivedOutOfTime, 1)
    assert.equal(f.challenges.decided, 2)
    assert.equal(f.challenges.answeredByRespondBy, 1)
    assert.equal(f.challenges.answeredLate, 1)
    assert.equal(f.challenges.varied, 0, 'decided after the period')
    assert.equal(f.challenges.awaitingAtEnd, 1)
    assert.equal(f.challenges.awaitingPastRespondBy, 1)
  })
})
