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

/** F9 (issue 14): what Notify's callbacks carry that the record uses (they carry more; it is ignored). */
export const notifyCallback = z
  .object({
    id: z.uuid().optional(),
    notification_id: z.uuid().optional(),
    reference: z.string().max(1000).nullable().optional(),
    status: z.string().max(100).optional(),
  })
  .refine((body) => body.id !== undefined || body.notification_id !== undefined, {
    message: 'Send the notification id (id or notification_id)',
    path: ['id'],
  })
