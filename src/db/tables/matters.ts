import type { CreatedAt, Generated, Timestamp } from '../columns.ts'
import type { ComplaintStage, MatterOutcome, MatterType } from '../../domain/matters.ts'

export interface MatterTable {
  id: Generated<string>
  person_id: string
  reference: string
  type: MatterType
  subject: string
  service: string
  status: Generated<'open' | 'closed'>
  complaint_stage: ComplaintStage | null
  outcome: MatterOutcome | null
  process_exhausted: Generated<boolean>
  opened_at: CreatedAt
  closed_at: Timestamp | null
  created_by: string | null
}
