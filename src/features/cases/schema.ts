import { z } from 'zod'
import { longText, text } from '../../web/validation.ts'

// One schema per API body (convention 5); the pages parse their forms into the same shapes.

export const newCase = z.object({
  personId: z.uuid({ error: 'Choose the person' }),
  service: text('the service', { max: 200 }),
  businessAsUsualMeasures: longText('the business-as-usual measures tried (F1)'),
  reason: longText('why the formal procedure is needed'),
  incidentIds: z
    .array(z.uuid({ error: 'Not a valid incident id' }))
    .max(500)
    .default([]),
  contactIds: z
    .array(z.uuid({ error: 'Not a valid contact id' }))
    .max(500)
    .optional(),
  arrangementIds: z
    .array(z.uuid({ error: 'Not a valid arrangement id' }))
    .max(100)
    .optional(),
  adjustmentsConsidered: longText('how reasonable adjustments were considered (P5)'),
})
export type NewCase = z.infer<typeof newCase>

export const newWarning = z.object({
  behaviour: longText('the behaviour, with dates or examples (F3)'),
  whyUnacceptable: longText('why the behaviour is unacceptable'),
  changeRequested: longText('the change asked for'),
  consequences: longText('what may happen if it continues'),
  monitoringWeeks: z
    .number({ error: 'Enter the monitoring period in weeks as a whole number' })
    .int('Enter the monitoring period in weeks as a whole number')
    .min(1, 'The monitoring period must be at least 1 week')
    .max(52, 'The monitoring period must be 52 weeks or fewer')
    .optional(),
  largePrint: z.boolean().optional(),
})
export type NewWarning = z.infer<typeof newWarning>

export const closeCase = z.object({ reason: longText('why the case is closed', 5000) })
