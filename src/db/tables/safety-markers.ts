import type { CreatedAt, Generated } from '../columns.ts'

export interface SafetyMarkerTable {
  id: Generated<string>
  person_id: string
  precautions: string
  reason: string
  review_on: string
  created_by: string | null
  created_at: CreatedAt
  removed_at: Date | null
  removed_reason: string | null
}
