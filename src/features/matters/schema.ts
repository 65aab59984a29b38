import { z } from 'zod'
import { matterOutcomes, matterTypes } from '../../domain/matters.ts'
import { text } from '../../web/validation.ts'

export const newMatter = z.object({
  personId: z.uuid({ error: 'Choose the person this matter belongs to' }),
  type: z.enum(matterTypes, { error: `Choose the type of matter: ${matterTypes.join(', ')}` }),
  subject: text('what the matter is about', { max: 500 }),
  service: text('the service concerned', { max: 200 }),
})
export type NewMatter = z.infer<typeof newMatter>

export const closeMatter = z.object({
  outcome: z.enum(matterOutcomes, { error: `Choose the outcome: ${matterOutcomes.join(', ')}` }),
  processExhausted: z.boolean({ error: 'Say whether the complaints process is exhausted (true or false)' }),
})
export type CloseMatter = z.infer<typeof closeMatter>
