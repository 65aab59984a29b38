import { z } from 'zod'
import { channels } from '../../domain/contacts.ts'
import { regardings } from '../../domain/contact-check.ts'
import { text } from '../../web/validation.ts'
import { instant } from '../../web/validation-uk.ts'

// POST /api/v1/contact-checks, as the contract writes it, with two additions: a matter reference as an identifier
// (it identifies the matter too), and `regarding` (S3: a new FOI or EIR request; S2: a councillor's conduct).
export const contactCheckBody = z
  .object({
    personId: z.uuid({ error: 'Not a valid person id' }).optional(),
    phone: text('the phone number', { max: 40 }).optional(),
    email: text('the email address', { max: 254 }).optional(),
    name: text('the name', { max: 200 }).optional(),
    postcode: text('the postcode', { max: 10 }).optional(),
    reference: text('the matter reference', { max: 40 }).optional(),
    channel: z.enum(channels, { error: `Choose the channel: ${channels.join(', ')}` }),
    at: instant('when the contact happens').optional(),
    staffUserId: z.uuid({ error: 'Not a valid staff user id' }).optional(),
    matterId: z.uuid({ error: 'Not a valid matter id' }).optional(),
    service: text('the service', { max: 200 }).optional(),
    regarding: z.enum(regardings, { error: `regarding can only be ${regardings.join(', ')}` }).optional(),
    record: z.boolean().optional(),
    summary: text('a summary of the contact', { max: 5000, multiline: true, optional: true }).optional(),
  })
  .refine((b) => b.personId || b.phone || b.email || b.name || b.reference, {
    message: 'Give a person id, phone number, email address, name or matter reference',
    path: ['personId'],
  })
export type ContactCheckBody = z.infer<typeof contactCheckBody>
