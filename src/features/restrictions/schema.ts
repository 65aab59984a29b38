import { z } from 'zod'
import { longText, optionalLongText } from '../../web/validation.ts'
import { isoDate } from '../../web/validation-uk.ts'
import { restriction } from '../proposals/schema.ts'

// The bodies of a review (F7) and of a challenge and its decision (F10).

/**
 * The new terms of a variation: at a review (F7), a proposal for the Chief Executive and the Monitoring Officer (F4);
 * on a challenge decided "varied" (F10), lesser terms that take effect with the outcome letter.
 */
export const variation = z.object({
  restrictions: z.array(restriction).min(1, 'Give the varied restriction').max(10),
  startsOn: isoDate('the start date').optional(),
  endsOn: isoDate('the end date').optional(),
  reviewOn: isoDate('the first review date').optional(),
  rationale: optionalLongText('why the variation is needed'),
  alternativesConsidered: optionalLongText('the alternatives considered (P6)'),
  adjustmentsConsidered: optionalLongText('how reasonable adjustments were considered (P5)'),
  adjustmentConflictJustification: optionalLongText('why the restriction is justified despite the adjustment'),
})
export type Variation = z.infer<typeof variation>

export const newReview = z.object({
  outcome: z.enum(['continue', 'vary', 'lift'], { error: 'Choose continue, vary or lift' }),
  reasons: longText('the reasons'),
  nextReviewOn: isoDate('the next review date').optional(),
  /** F7, F4: with `vary`, the new terms, proposed at once to the decision-makers. */
  variation: variation.optional(),
  largePrint: z.boolean().optional(),
})
export type NewReview = z.infer<typeof newReview>

export const newChallenge = z.object({
  receivedOn: isoDate('the date the challenge was received'),
  grounds: longText('the grounds of the challenge'),
})
export type NewChallenge = z.infer<typeof newChallenge>

export const challengeDecision = z.object({
  outcome: z.enum(['upheld', 'varied', 'not_upheld'], { error: 'Choose upheld, varied or not upheld' }),
  reasons: longText('the reasons for the decision'),
  /** F10: with `varied`, the lesser terms that replace the challenged restriction. */
  variation: variation.optional(),
  /** F10: for a challenge received after its window, whether it is heard anyway, and why. */
  heardLate: z.boolean().optional(),
  heardLateReason: optionalLongText('why the late challenge is or is not heard', 5000),
  largePrint: z.boolean().optional(),
})
export type ChallengeDecision = z.infer<typeof challengeDecision>
