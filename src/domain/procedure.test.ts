import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  adjustmentConflicts,
  challengeInTime,
  challengeRespondBy,
  checkChallengeDecider,
  checkChallengeReceived,
  checkDecision,
  checkEvidence,
  checkInterim,
  checkNextReview,
  checkNotice,
  checkOpenCase,
  checkProposal,
  checkRestrictionDates,
  defaultProcedureSettings as settings,
  monitoringEndsOn,
  proposalStatusAfter,
  ratifyBy,
  type CitedEvidence,
  type ProposalGrounds,
  type RecordedDecision,
} from './procedure.ts'
import type { RestrictionSpec } from './restrictions.ts'

const letters: RestrictionSpec = { type: 'contact_method', channels: ['letter'], scope: { services: ['Waste'] } }
const holidays = new Set(['2027-03-26', '2027-03-29'])

const grounds = (over: Partial<ProposalGrounds> = {}): ProposalGrounds => ({
  caseStatus: 'open',
  warningsInForce: 1,
  immediateRisk: false,
  isCouncillor: false,
  restrictions: [letters],
  closedMatters: [],
  conflicts: [],
  adjustmentConflictJustification: null,
  ...over,
})
const dates = { startsOn: '2027-01-04', endsOn: '2027-12-31', reviewOn: '2027-06-30' }
const rule = (r: { rule: string } | null | undefined) => r?.rule
/** A contact cited as evidence, on 2 November 2026, about a matter of this type (null: on no matter). */
const cited = (matterType: CitedEvidence['matterType'], over: Partial<CitedEvidence> = {}): CitedEvidence => ({
  field: 'contactIds',
  kind: 'contact',
  at: new Date('2026-11-02T10:00:00Z'),
  matterType,
  matterReference: matterType ? `${matterType.toUpperCase()}-2026-000001` : null,
  ...over,
})

describe('opening a case', () => {
  test('S2: never for a councillor', () => {
    assert.equal(rule(checkOpenCase({ person: { isCouncillor: true }, evidence: [cited('complaint')] })), 'S2')
  })
  test('S3 (issue 13): any contact about an FOI or EIR request is refused as evidence, even beside other evidence', () => {
    const open = (...evidence: CitedEvidence[]) => checkOpenCase({ person: { isCouncillor: false }, evidence })
    assert.equal(rule(open(cited('foi'), cited('eir'))), 'S3')
    const beside = open(cited('complaint'), cited(null), cited('foi', { matterReference: 'FOI-2026-000007' }))
    assert.equal(beside?.status, 422)
    assert.equal(beside?.rule, 'S3')
    assert.equal(beside?.field, 'contactIds')
    assert.equal(
      beside?.message,
      'A contact about an FOI or EIR request cannot be evidence of unreasonable behaviour under this procedure (S3): the contact of 2 November 2026 about FOI-2026-000007. Those requests have their own statutory process (FOIA section 14, EIR regulation 12(4)(b)). Remove it from the evidence.',
    )
    assert.equal(open(cited('complaint'), cited(null), cited('sar'), cited('service_request')), null)
  })
  test('S3, F8 (issue 13): an incident recorded on a contact about an FOI or EIR request stays citable; the contacts are named', () => {
    const refusal = checkEvidence([
      cited('complaint', { kind: 'incident', field: 'incidentIds' }),
      cited('eir', { kind: 'incident', field: 'incidentIds', matterReference: 'EIR-2026-000003' }),
      cited('foi', { matterReference: 'FOI-2026-000007', at: new Date('2026-07-01T23:30:00Z') }),
      cited('eir', { matterReference: 'EIR-2026-000004', at: new Date('2026-07-03T10:00:00Z') }),
    ])
    assert.equal(refusal?.rule, 'S3')
    assert.equal(refusal?.field, 'contactIds', 'the field of the first one named')
    assert.match(
      refusal?.message ?? '',
      /^A contact about an FOI or EIR request cannot be evidence of unreasonable behaviour under this procedure \(S3\): the contact of 2 July 2026 about FOI-2026-000007 and the contact of 3 July 2026 about EIR-2026-000004\. .* Remove them from the evidence\.$/,
      'dated as in the UK: 23:30 on 1 July UTC is 2 July in London',
    )
    const incident = cited('eir', { kind: 'incident', field: 'incidentIds' })
    assert.equal(checkEvidence([cited('complaint', { kind: 'incident', field: 'incidentIds' }), incident]), null)
    // Nothing but what happened around FOI or EIR requests: for their statutory process.
    assert.equal(checkEvidence([incident])?.code, 'foi_eir_only')
    assert.equal(checkEvidence([]), null)
  })
  test('F3: monitoring ends the given number of weeks after the warning', () => {
    assert.equal(monitoringEndsOn('2027-01-04', 8), '2027-03-01')
  })
})

describe('proposal', () => {
  test('allowed after a warning, with limits respected', () => {
    assert.equal(checkProposal(grounds(), dates, '2027-01-04', settings), null)
  })
  test('F1: not on a closed case', () => {
    assert.equal(rule(checkProposal(grounds({ caseStatus: 'closed' }), dates, '2027-01-04', settings)), 'F1')
  })
  test('S2: not for a councillor', () => {
    assert.equal(rule(checkProposal(grounds({ isCouncillor: true }), dates, '2027-01-04', settings)), 'S2')
  })
  test('F2: not without a warning; F8: unless an immediate risk is recorded', () => {
    assert.equal(rule(checkProposal(grounds({ warningsInForce: 0 }), dates, '2027-01-04', settings)), 'F2')
    assert.equal(
      checkProposal(grounds({ warningsInForce: 0, immediateRisk: true }), dates, '2027-01-04', settings),
      null,
    )
  })
  test('F5: at least one restriction', () => {
    assert.equal(rule(checkProposal(grounds({ restrictions: [] }), dates, '2027-01-04', settings)), 'F5')
  })
  test('S3, F11: correspondence closed only on an exhausted complaint, never on FOI/EIR', () => {
    const closing = (
      type: 'foi' | 'complaint' | 'service_request',
      status: 'open' | 'closed',
      processExhausted = true,
    ) => grounds({ closedMatters: [{ index: 0, type, status, processExhausted }] })
    assert.equal(rule(checkProposal(closing('foi', 'closed'), dates, '2027-01-04', settings)), 'S3')
    assert.equal(rule(checkProposal(closing('complaint', 'open'), dates, '2027-01-04', settings)), 'F11')
    assert.equal(checkProposal(closing('complaint', 'closed'), dates, '2027-01-04', settings), null)
  })
  test('F11: not on a complaint closed before the complaints process was exhausted, nor on another kind of matter', () => {
    const closing = (type: 'complaint' | 'service_request', processExhausted: boolean) =>
      grounds({ closedMatters: [{ index: 0, type, status: 'closed', processExhausted }] })
    const refusal = checkProposal(closing('complaint', false), dates, '2027-01-04', settings)
    assert.equal(rule(refusal), 'F11')
    assert.equal(refusal?.field, 'restrictions.0.matterId')
    assert.equal(rule(checkProposal(closing('service_request', true), dates, '2027-01-04', settings)), 'F11')
  })
  test('P5: a conflict with an agreed adjustment needs a justification', () => {
    const conflicts = [{ adjustmentId: 'a', restrictionIndex: 0, text: 'Relies on the telephone' }]
    assert.equal(rule(checkProposal(grounds({ conflicts }), dates, '2027-01-04', settings)), 'P5')
    assert.equal(
      rule(checkProposal(grounds({ conflicts, adjustmentConflictJustification: '  ' }), dates, '2027-01-04', settings)),
      'P5',
    )
    assert.equal(
      checkProposal(
        grounds({ conflicts, adjustmentConflictJustification: 'Weekly call kept' }),
        dates,
        '2027-01-04',
        settings,
      ),
      null,
    )
  })
})

describe('F7: dates', () => {
  const check = (startsOn: string, endsOn: string, reviewOn: string, today = '2027-01-04') =>
    checkRestrictionDates({ startsOn, endsOn, reviewOn }, today, settings)
  test('every refusal names its field', () => {
    assert.equal(check('2027-01-03', '2027-06-30', '2027-03-01')?.field, 'startsOn')
    assert.equal(check('2027-01-04', '2027-01-04', '2027-01-04')?.field, 'endsOn')
    assert.equal(check('2027-01-04', '2028-01-05', '2027-06-01')?.field, 'endsOn')
    assert.equal(check('2027-01-04', '2027-06-30', '2027-01-04')?.field, 'reviewOn')
    assert.equal(check('2027-01-04', '2027-12-31', '2027-07-05')?.field, 'reviewOn')
    assert.equal(check('2027-01-04', '2027-03-01', '2027-03-02')?.field, 'reviewOn')
  })
  test('exactly 12 months and a review at exactly 6 months are allowed; the settings change the limits', () => {
    assert.equal(check('2027-01-04', '2028-01-04', '2027-07-04'), null)
    assert.notEqual(
      checkRestrictionDates({ startsOn: '2027-01-04', endsOn: '2027-08-01', reviewOn: '2027-03-01' }, '2027-01-04', {
        ...settings,
        maxRestrictionMonths: 6,
      }),
      null,
    )
  })
  test('the next review: after today, within the limit, not after the end', () => {
    assert.equal(checkNextReview('2027-03-01', '2027-03-01', '2027-12-31', settings)?.field, 'nextReviewOn')
    assert.equal(checkNextReview('2027-03-01', '2027-09-02', '2027-12-31', settings)?.code, 'review_too_late')
    assert.equal(checkNextReview('2027-03-01', '2027-05-01', '2027-04-30', settings)?.code, 'review_after_end')
    assert.equal(checkNextReview('2027-03-01', '2027-05-01', '2027-12-31', settings), null)
  })
})

describe('P5: conflicts with agreed adjustments', () => {
  const phoneAdjustment = { id: 'a1', need: 'Dyslexia', agreedAdjustment: 'Telephone contact rather than letters' }
  test('letters only takes away the telephone an adjustment relies on', () => {
    const found = adjustmentConflicts([letters], [phoneAdjustment])
    assert.equal(found.length, 1)
    assert.match(found[0]?.text ?? '', /telephone/)
  })
  test('a restriction that keeps the channel does not conflict', () => {
    const keepsPhone: RestrictionSpec = {
      type: 'contact_method',
      channels: ['letter', 'phone'],
      scope: { councilWide: true },
    }
    assert.deepEqual(adjustmentConflicts([keepsPhone], [phoneAdjustment]), [])
  })
  test('phone times limit a telephone adjustment; a contact agreement does not', () => {
    const times: RestrictionSpec = {
      type: 'phone_times',
      windows: [{ day: 'monday', from: '10:00', to: '11:00' }],
      scope: { councilWide: true },
    }
    const agreement: RestrictionSpec = {
      type: 'contact_agreement',
      terms: 'One email a week',
      scope: { councilWide: true },
    }
    assert.equal(adjustmentConflicts([times], [phoneAdjustment]).length, 1)
    assert.equal(adjustmentConflicts([agreement], [phoneAdjustment]).length, 0)
  })
})

describe('F4: decisions', () => {
  const chief = { id: 'ce', roles: ['chief_executive' as const] }
  const mo = { id: 'mo', roles: ['monitoring_officer' as const] }
  const open = { proposalStatus: 'awaiting_decision' as const, proposedBy: 'hos', decisions: [], ratifyBy: null }
  const approve = (role: RecordedDecision['role'], decidedBy: string): RecordedDecision => ({
    role,
    decidedBy,
    decision: 'approve',
  })

  test('each decision-maker decides in their role', () => {
    assert.deepEqual(checkDecision(open, chief, '2027-01-04'), { role: 'chief_executive' })
    assert.deepEqual(checkDecision(open, mo, '2027-01-04'), { role: 'monitoring_officer' })
  })
  test('someone holding neither role, or the proposer, may not decide (403)', () => {
    const hos = checkDecision(open, { id: 'x', roles: ['head_of_service'] }, '2027-01-04')
    assert.equal('status' in hos && hos.status, 403)
    const proposer = checkDecision({ ...open, proposedBy: 'ce' }, chief, '2027-01-04')
    assert.equal('code' in proposer && proposer.code, 'proposer')
  })
  test('the same person twice, or a second decision in the same role, is a conflict (409)', () => {
    const decided = { ...open, decisions: [approve('chief_executive', 'ce')] }
    const twice = checkDecision(decided, chief, '2027-01-04')
    assert.equal('code' in twice && twice.code, 'already_decided')
    const otherChief = checkDecision(decided, { id: 'ce2', roles: ['chief_executive'] }, '2027-01-04')
    assert.equal('code' in otherChief && otherChief.code, 'role_decided')
    assert.equal('status' in otherChief && otherChief.status, 409)
  })
  test('someone holding both roles decides once, in the role still open; never twice', () => {
    const both = { id: 'both', roles: ['chief_executive' as const, 'monitoring_officer' as const] }
    const decided = { ...open, decisions: [approve('chief_executive', 'ce')] }
    assert.deepEqual(checkDecision(decided, both, '2027-01-04'), { role: 'monitoring_officer' })
    const again = checkDecision({ ...open, decisions: [approve('chief_executive', 'both')] }, both, '2027-01-04')
    assert.equal('code' in again && again.code, 'already_decided')
  })
  test('no decision once the proposal is decided, or after an interim deadline (F8)', () => {
    const closed = checkDecision({ ...open, proposalStatus: 'rejected' }, chief, '2027-01-04')
    assert.equal('code' in closed && closed.code, 'decision_made')
    const late = checkDecision({ ...open, ratifyBy: '2027-01-18' }, chief, '2027-01-19')
    assert.equal('rule' in late && late.rule, 'F8')
  })
  test('status after decisions: any rejection rejects; both approvals approve', () => {
    assert.equal(proposalStatusAfter([]), 'awaiting_decision')
    assert.equal(proposalStatusAfter([approve('chief_executive', 'ce')]), 'awaiting_decision')
    assert.equal(
      proposalStatusAfter([approve('chief_executive', 'ce'), approve('monitoring_officer', 'mo')]),
      'approved',
    )
    assert.equal(
      proposalStatusAfter([
        approve('chief_executive', 'ce'),
        { role: 'monitoring_officer', decidedBy: 'mo', decision: 'reject' },
      ]),
      'rejected',
    )
  })
})

describe('F9: notice and F8: interim', () => {
  test('the letter only after both approvals, and only once', () => {
    assert.equal(checkNotice({ status: 'approved', noticeIssuedOn: null }), null)
    assert.equal(checkNotice({ status: 'awaiting_decision', noticeIssuedOn: null })?.status, 422)
    assert.equal(checkNotice({ status: 'approved', noticeIssuedOn: '2027-01-04' })?.status, 409)
  })
  test('interim: a decision-maker, not the proposer, on an immediate-risk proposal, once', () => {
    const proposal = { status: 'awaiting_decision', proposedBy: 'hos', immediateRisk: true, interimImposedOn: null }
    const chief = { id: 'ce', roles: ['chief_executive' as const] }
    assert.equal(checkInterim(proposal, chief), null)
    assert.equal(checkInterim(proposal, { id: 'x', roles: ['head_of_service'] })?.status, 403)
    assert.equal(checkInterim({ ...proposal, immediateRisk: false }, chief)?.code, 'no_immediate_risk')
    assert.equal(checkInterim({ ...proposal, interimImposedOn: '2027-01-04' }, chief)?.status, 409)
    assert.equal(checkInterim({ ...proposal, proposedBy: 'ce' }, chief)?.code, 'proposer')
  })
  test('F8: ratify within 10 working days, bank holidays excluded', () => {
    assert.equal(ratifyBy('2027-03-25', holidays, settings), '2027-04-12')
  })
})

describe('F10: challenges', () => {
  test('respond by 10 working days after receipt; in time if received within 10 working days of the letter', () => {
    assert.equal(challengeRespondBy('2027-03-25', holidays, settings), '2027-04-12')
    assert.equal(challengeInTime('2027-03-25', '2027-04-12', holidays, settings), true)
    assert.equal(challengeInTime('2027-03-25', '2027-04-13', holidays, settings), false)
  })
  test('received on a real date between the letter and today', () => {
    assert.equal(checkChallengeReceived('2027-01-05', '2027-01-04', '2027-01-04')?.field, 'receivedOn')
    assert.equal(checkChallengeReceived('2027-01-03', '2027-01-04', '2027-01-10')?.code, 'received_before_letter')
    assert.equal(checkChallengeReceived('2027-01-04', '2027-01-04', '2027-01-04'), null)
  })
  test('a senior reviewer who took no part decides, once', () => {
    const reviewer = { id: 'sr', roles: ['senior_reviewer' as const] }
    assert.equal(checkChallengeDecider(reviewer, new Set(['ce']), false), null)
    assert.equal(checkChallengeDecider(reviewer, new Set(['sr']), false)?.code, 'involved')
    assert.equal(checkChallengeDecider({ id: 'ce', roles: ['chief_executive'] }, new Set(), false)?.status, 403)
    assert.equal(checkChallengeDecider(reviewer, new Set(), true)?.status, 409)
  })
})
