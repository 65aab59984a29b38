import type { CreatedAt, Generated, Uuids } from '../columns.ts'

// The case (F1) and its warnings (F2, F3).

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
