import { z } from 'zod'
import { email, personName, text } from '../../web/validation.ts'
import { dateOfBirth, isoDate, phoneNumber, postcode } from '../../web/validation-uk.ts'

export const addressInput = z.object({
  line1: text('the first line of the address'),
  line2: text('the second line of the address', { optional: true }).optional(),
  town: text('the town', { optional: true }).optional(),
  postcode: postcode(),
})

export const adjustmentInput = z.object({
  need: text('the need', { max: 2000, multiline: true }),
  agreedAdjustment: text('the agreed adjustment', { max: 2000, multiline: true }),
  agreedOn: isoDate('the date it was agreed').optional(),
  lastReviewedOn: isoDate('the date it was last reviewed').optional(),
})

export const newPerson = z.object({
  fullName: personName('the person’s full name'),
  aliases: z.array(personName('an alias')).max(20).default([]),
  emails: z.array(email()).max(20).default([]),
  phones: z.array(phoneNumber()).max(20).default([]),
  addresses: z.array(addressInput).max(10).default([]),
  dateOfBirth: dateOfBirth('the date of birth').optional(),
  isCouncillor: z.boolean().default(false),
  adjustments: z.array(adjustmentInput).max(20).default([]),
})
export type NewPerson = z.infer<typeof newPerson>
