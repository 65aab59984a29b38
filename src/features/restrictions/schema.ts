import { z } from 'zod'
import { longText } from '../../web/validation.ts'
import { isoDate } from '../../web/validation-uk.ts'

// The bodies of a review (F7) and of a challenge and its decision (F10).

export const newReview = z.object({
  outcome: z.enum(['continue', 'vary', 'lift'], { error: 'Choose continue, vary or lift' }),
  reasons: longText('the reasons'),
  nextReviewOn: isoDate('the next review date').optional(),
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
  largePrint: z.boolean().optional(),
})
export type ChallengeDecision = z.infer<typeof challengeDecision>
