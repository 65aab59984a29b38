import { z } from 'zod'
import { channels, directions, incidentCategories, severities } from '../../domain/contacts.ts'
import { text } from '../../web/validation.ts'
import { instant } from '../../web/validation-uk.ts'

export const newContact = z.object({
  personId: z.uuid({ error: 'Choose the person' }),
  channel: z.enum(channels, { error: `Choose the channel: ${channels.join(', ')}` }),
  direction: z.enum(directions, { error: 'Choose inbound or outbound' }),
  at: instant('when it happened'),
  matterId: z.uuid({ error: 'Choose a matter of this person, or none' }).optional(),
  summary: text('a summary', { max: 5000, multiline: true }),
  minutesSpent: z
    .number({ error: 'Enter the minutes of staff time as a whole number' })
    .int('Enter the minutes of staff time as a whole number')
    .min(0, 'Minutes cannot be negative')
    .max(1440, 'Minutes must be 1440 (a day) or fewer')
    .optional(),
  staffUserId: z.uuid().optional(),
})
export type NewContact = z.infer<typeof newContact>

export const newIncident = z.object({
  personId: z.uuid({ error: 'Choose the person' }),
  at: instant('when it happened'),
  category: z.enum(incidentCategories, { error: `Choose the kind of behaviour: ${incidentCategories.join(', ')}` }),
  severity: z.enum(severities, { error: `Choose the severity: ${severities.join(', ')}` }),
  description: text('what happened', { max: 10000, multiline: true }),
  witnesses: text('the witnesses', { max: 2000, multiline: true, optional: true }).optional(),
  policeReference: text('the police reference', { max: 100, optional: true }).optional(),
  contactId: z.uuid({ error: 'Choose a contact of this person, or none' }).optional(),
})
export type NewIncident = z.infer<typeof newIncident>
