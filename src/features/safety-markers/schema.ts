import { z } from 'zod'
import { text } from '../../web/validation.ts'
import { isoDate } from '../../web/validation-uk.ts'

export const newSafetyMarker = z.object({
  precautions: text('the precautions staff must take', { max: 1000, multiline: true }),
  reason: text('the reason', { max: 2000, multiline: true }),
  reviewOn: isoDate('the review date'),
})
export type NewSafetyMarker = z.infer<typeof newSafetyMarker>
