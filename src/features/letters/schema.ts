import { z } from 'zod'
import { longText, text } from '../../web/validation.ts'

// The body of a letter's correction: a new letter naming the one it corrects.

export const letterCorrection = z.object({
  reason: longText('why the letter is corrected', 5000),
  sections: z
    .array(
      z.object({
        key: z.string({ error: 'Name the section' }).min(1).max(60),
        paragraphs: z.array(text('a paragraph', { max: 5000, multiline: true })).max(30),
        bullets: z
          .array(text('a list item', { max: 1000, multiline: true }))
          .max(30)
          .optional(),
      }),
    )
    .max(20),
  largePrint: z.boolean().optional(),
})
export type LetterCorrectionBody = z.infer<typeof letterCorrection>
