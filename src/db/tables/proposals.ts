import type { DecisionRole, ProposalStatus } from '../../domain/procedure.ts'
import type { Generated, Uuids } from '../columns.ts'

// Proposals to restrict contact (F5-F8) and the decisions on them (F4).

export interface ProposalTable {
  id: Generated<string>
  case_id: string
  person_id: string
  rationale: string
  alternatives_considered: string
  adjustments_considered: string
  adjustment_conflict_justification: string | null
  starts_on: string
  ends_on: string
  review_on: string
  immediate_risk_justification: string | null
  /** F8: the recorded incident of immediate risk to staff the proposal rests on. */
  immediate_risk_incident_id: Generated<string | null>
  /** F2: why a restriction is needed though nothing was recorded after the warning. */
  since_warning_justification: Generated<string | null>
  /** F9: why the restriction is needed, written to the person, for the letter (else the letter gives the rationale). */
  letter_reasons: Generated<string | null>
  police_reference: string | null
  legal_action: string | null
  supersedes: Uuids
  status: Generated<ProposalStatus>
  proposed_by: string
  proposed_at: Date
  interim_imposed_by: string | null
  interim_imposed_on: string | null
  interim_letter_id: string | null
  ratify_by: string | null
  notice_letter_id: string | null
  notice_issued_on: string | null
  /** F10: set when the proposal carries the lesser terms of a challenge decided "varied". */
  challenge_id: Generated<string | null>
  /** F8, F9: the letter telling the person an interim restriction ended unratified (rejected, or lapsed). */
  interim_end_letter_id: Generated<string | null>
}

export interface DecisionTable {
  id: Generated<string>
  proposal_id: string
  role: DecisionRole
  decided_by: string
  decision: 'approve' | 'reject'
  reasons: string
  /** P2: how the decision-maker weighed the matters raised and the complaints upheld; null when not given (API). */
  counterweights_considered: string | null
  decided_at: Date
}
