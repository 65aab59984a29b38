import type { RestrictionType } from '../../domain/restrictions.ts'
import type { Generated, Json, Texts } from '../columns.ts'

// Restrictions (F5-F9) and what happens to them: reviews (F7) and challenges (F10).

export interface RestrictionTable {
  id: Generated<string>
  proposal_id: string
  case_id: string
  person_id: string
  type: RestrictionType
  /** The type-specific terms, as `RestrictionTerms` without the scope. */
  terms: Json<Record<string, unknown>>
  council_wide: boolean
  services: Texts
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
  /** Null for a review that varies: its letter is the variation's restriction letter (F7, F4). */
  letter_id: string | null
  /** The variation proposal a review that varies opened. */
  proposal_id: string | null
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
  /** F10: for a challenge received after its window, whether the reviewer heard it anyway, and why. */
  heard_late: boolean | null
  heard_late_reason: string | null
}
