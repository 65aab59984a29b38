import { z } from 'zod'
import { readDate } from '../../../domain/london-time.ts'
import {
  markerReviewOutcomes,
  markerReviewProblems,
  type MarkerReview,
  type MarkerReviewOutcome,
} from '../../../domain/safety-markers.ts'
import { text } from '../../../web/validation.ts'

// The review form (K3). Without JavaScript every field is on the page at once, so only the fields of the outcome chosen
// are read: a date typed before choosing "remove" is not a refusal. What the outcome needs is the domain's check, so
// the page and the API give the same messages, all at once.

type Raw = Record<string, unknown>
// Check what the outcome needs even when another field failed, so every message shows at once.
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null }

const isOutcome = (value: unknown): value is MarkerReviewOutcome =>
  typeof value === 'string' && (markerReviewOutcomes as readonly string[]).includes(value)
const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const readReviewOn = (v: Raw) =>
  readDate({ day: v['reviewOn-day'], month: v['reviewOn-month'], year: v['reviewOn-year'] }, 'The next review date')

/** The review as the service takes it: only what the chosen outcome uses. */
function reviewOf(v: Raw, outcome: MarkerReviewOutcome): MarkerReview {
  return {
    outcome,
    reason: textOf(v.reason) || undefined,
    reviewOn: outcome === 'remove' ? undefined : readReviewOn(v).value,
    precautions: outcome === 'amend' ? textOf(v.precautions) || undefined : undefined,
  }
}

/** The form for reviewing a marker whose precautions are `current`, on `today`. */
export const markerReviewForm = (current: string, today: string) =>
  z
    .object({
      outcome: z.enum(markerReviewOutcomes, { error: 'Select whether the marker continues, is amended or is removed' }),
      reason: text('the reason', { max: 2000, multiline: true, optional: true }).optional(),
      precautions: text('the new precautions', { max: 1000, multiline: true, optional: true }).optional(),
      'reviewOn-day': z.unknown().optional(),
      'reviewOn-month': z.unknown().optional(),
      'reviewOn-year': z.unknown().optional(),
    })
    .superRefine((v: Raw, ctx) => {
      const add = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message })
      if (!isOutcome(v.outcome)) {
        if (!textOf(v.reason)) add('reason', 'Enter the reason for your decision')
        return
      }
      const date = readReviewOn(v)
      if (v.outcome !== 'remove' && date.error) add('reviewOn', date.error)
      for (const [field, message] of Object.entries(markerReviewProblems(reviewOf(v, v.outcome), current, today)))
        add(field, message)
    }, always)
    .transform((v) => reviewOf(v, v.outcome))
