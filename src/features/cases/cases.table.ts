import type { ColumnType, Generated } from 'kysely'
import type { CreatedAt } from '../../db/database.ts'
import type { RestrictionType } from '../../domain/restrictions.ts'

type Uuids = ColumnType<string[], string[] | undefined, string[]>
type Json<T> = ColumnType<T, string, string>

export interface ProcedureCaseTable {
  id: Generated<string>
  reference: string
  person_id: string
  service: string
  reason: string
  business_as_usual_measures: string
  arrangement_ids: Uuids
  incident_ids: Uuids
  contact_ids: Uuids
  adjustments_considered: string
  status: Generated<'open' | 'closed'>
  opened_by: string
  opened_at: CreatedAt
  closed_by: string | null
  closed_at: Date | null
  closed_reason: string | null
}

export interface WarningTable {
  id: Generated<string>
  case_id: string
  behaviour: string
  why_unacceptable: string
  change_requested: string
  consequences: string
  monitoring_weeks: number
  issued_on: string
  monitoring_ends_on: string
  letter_id: string
  issued_by: string
  issued_at: Date
  withdrawn_on: string | null
  withdrawn_reason: string | null
}

export type ProposalStatus = 'awaiting_decision' | 'approved' | 'rejected'

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
}

export type DecisionRole = 'chief_executive' | 'monitoring_officer'

export interface DecisionTable {
  id: Generated<string>
  proposal_id: string
  role: DecisionRole
  decided_by: string
  decision: 'approve' | 'reject'
  reasons: string
  decided_at: Date
}

export interface RestrictionTable {
  id: Generated<string>
  proposal_id: string
  case_id: string
  person_id: string
  type: RestrictionType
  /** The type-specific terms, as `RestrictionTerms` without the scope. */
  terms: Json<Record<string, unknown>>
  council_wide: boolean
  services: ColumnType<string[], string[] | undefined, string[]>
  starts_on: string
  ends_on: string
  review_on: string
  lifted_on: string | null
  lifted_reason: string | null
  superseded_by: string | null
}

export interface ReviewTable {
  id: Generated<string>
  restriction_id: string
  outcome: 'continue' | 'vary' | 'lift'
  reasons: string
  next_review_on: string | null
  letter_id: string
  reviewed_by: string
  reviewed_at: Date
}

export interface ChallengeTable {
  id: Generated<string>
  case_id: string
  restriction_id: string | null
  warning_id: string | null
  received_on: string
  grounds: string
  respond_by: string
  in_time: boolean
  recorded_by: string
  recorded_at: Date
  outcome: 'upheld' | 'varied' | 'not_upheld' | null
  reasons: string | null
  decided_by: string | null
  decided_at: Date | null
  letter_id: string | null
}

export interface BankHolidayTable {
  on: string
  title: string
}

export interface ClosedMatterItemTable {
  id: Generated<string>
  person_id: string
  matter_id: string
  contact_id: string
  restriction_id: string
  reply: 'acknowledge' | 'file_without_acknowledgement'
  received_at: Date
  read_at: Date | null
  read_by: string | null
  fresh_evidence: boolean | null
  safeguarding_concern: boolean | null
  notes: string | null
  action: 'acknowledge' | 'file_without_acknowledgement' | 'refer_for_reconsideration' | 'new_matter' | null
  actioned_at: Date | null
  actioned_by: string | null
  new_matter_id: string | null
}
