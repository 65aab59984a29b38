// K3: a staff-safety marker has a review date, and a review decides what happens to it: it continues unchanged to a
// new review date, its precautions are amended (with a new review date), or it is removed. Pure: today is passed in.
import { longDate } from './letter-wording.ts'
import { addMonths } from './working-days.ts'

export const markerReviewOutcomes = ['continue', 'amend', 'remove'] as const
export type MarkerReviewOutcome = (typeof markerReviewOutcomes)[number]

/** What each outcome is called on the page and in the record's history. */
export const markerReviewOutcomeNames: Record<MarkerReviewOutcome, string> = {
  continue: 'Continued unchanged',
  amend: 'Precautions amended',
  remove: 'Removed',
}

/** The service's standard, not a rule of the procedure: a marker is looked at again within two years at the latest. */
export const MARKER_REVIEW_WITHIN_MONTHS = 24

/** The latest next review date a review on `today` may set. */
export const latestMarkerReviewOn = (today: string) => addMonths(today, MARKER_REVIEW_WITHIN_MONTHS)

export interface MarkerReview {
  outcome: MarkerReviewOutcome
  reason?: string | undefined
  reviewOn?: string | undefined
  precautions?: string | undefined
}

/**
 * K3: what is wrong with a review of a marker whose precautions are `current`, reviewed on `today`, as a message for
 * each field (none when it may be recorded). A marker that stays needs a next review date after today and within
 * MARKER_REVIEW_WITHIN_MONTHS; an amendment needs new precautions; every review gives its reason. A field that does not
 * belong to the outcome (new precautions when continuing, a date or precautions when removing) is refused rather than
 * ignored, so that nobody believes they changed what they did not.
 */
export function markerReviewProblems(review: MarkerReview, current: string, today: string): Record<string, string> {
  const problems: Record<string, string> = {}
  const stays = review.outcome !== 'remove'
  if (stays) {
    const latest = latestMarkerReviewOn(today)
    if (!review.reviewOn) problems.reviewOn = 'Enter the next review date'
    else if (review.reviewOn <= today) problems.reviewOn = 'The next review date must be in the future'
    else if (review.reviewOn > latest)
      problems.reviewOn = `The next review date must be on or before ${longDate(latest)}, within 2 years of today`
  } else if (review.reviewOn) {
    problems.reviewOn = 'A removed marker has no review date: leave the next review date out'
  }
  if (review.outcome === 'amend') {
    if (!review.precautions) problems.precautions = 'Enter the new precautions staff must take'
    else if (review.precautions === current)
      problems.precautions =
        'The new precautions are the same as the current ones. Change them, or continue the marker unchanged'
  } else if (review.outcome === 'continue' && review.precautions && review.precautions !== current) {
    problems.precautions = 'To change the precautions, amend the marker instead of continuing it'
  } else if (review.outcome === 'remove' && review.precautions) {
    problems.precautions = 'A removed marker has no precautions: leave the precautions out'
  }
  if (!review.reason) {
    problems.reason =
      review.outcome === 'remove'
        ? 'Enter why the marker is no longer needed'
        : 'Enter the reason for your decision, for example what has happened since the marker was last reviewed'
  }
  return problems
}
