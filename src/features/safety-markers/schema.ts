import { z } from 'zod'
import { text } from '../../web/validation.ts'
import { isoDate } from '../../web/validation-uk.ts'
import { markerReviewOutcomes } from '../../domain/safety-markers.ts'

export const newSafetyMarker = z.object({
  precautions: text('the precautions staff must take', { max: 1000, multiline: true }),
  reason: text('the reason', { max: 2000, multiline: true }),
  reviewOn: isoDate('the review date'),
})
export type NewSafetyMarker = z.infer<typeof newSafetyMarker>

/**
 * K3: a review of a marker. What each outcome needs (a reason always; a next review date to continue or amend; new
 * precautions to amend) is checked by the service against the marker and today, and refused with 422 and a message
 * for each field, so the API and the page say the same.
 */
export const newMarkerReview = z.object({
  outcome: z.enum(markerReviewOutcomes, { error: 'Choose continue, amend or remove' }),
  reason: text('the reason', { max: 2000, multiline: true, optional: true })
    .optional()
    .describe('Why: needed for every outcome'),
  reviewOn: isoDate('the next review date')
    .optional()
    .describe('The next review date: needed to continue or amend (after today, within 2 years); not with remove'),
  precautions: text('the precautions staff must take', { max: 1000, multiline: true, optional: true })
    .optional()
    .describe('The new precautions: needed to amend; not with remove'),
})
export type NewMarkerReview = z.infer<typeof newMarkerReview>
