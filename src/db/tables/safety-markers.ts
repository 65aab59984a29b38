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

/** K3: one review of a safety marker, with what it said before and after. */
export interface SafetyMarkerReviewTable {
  id: Generated<string>
  safety_marker_id: string
  outcome: 'continue' | 'amend' | 'remove'
  reason: string
  precautions_before: string
  /** The precautions after the review: unchanged when continued, new when amended, null when removed. */
  precautions_after: string | null
  review_on_before: string
  /** The next review date; null when removed. */
  review_on_after: string | null
  reviewed_by: string | null
  reviewed_at: CreatedAt
}
