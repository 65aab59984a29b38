import { z } from 'zod'
import type { Services } from '../../../services.ts'
import { fieldMessages } from '../../../web/forms.ts'
import { text } from '../../../web/validation.ts'
import { recordArrangement } from '../arrangements.service.ts'
import { readDateInput } from '../date-fields.ts'
import { personFormPages } from '../person-form.ts'

const form = z.object({
  kind: z.enum(['arrangement', 'informal_warning'], {
    error: 'Choose whether this is an arrangement or an informal warning',
  }),
  service: text('the service'),
  description: text('what was done', { max: 2000, multiline: true }),
  outcome: text('the outcome', { max: 2000, multiline: true, optional: true }).optional(),
})

/** S4: record a business-as-usual measure (an operational arrangement or an informal warning) with dates and outcome. */
export function arrangementPages(services: Services) {
  return personFormPages(services, {
    view: 'features/people/arrangements/view.njk',
    title: 'Record a business-as-usual measure',
    done: 'arrangement',
    read: (values) => {
      const messages: Record<string, string> = {}
      const parsed = form.safeParse(values)
      if (!parsed.success) Object.assign(messages, fieldMessages(parsed.error))
      const started = readDateInput(values, 'startedOn', 'The start date')
      const ended = readDateInput(values, 'endedOn', 'The end date')
      if (started.error) messages.startedOn = started.error
      else if (!started.value) messages.startedOn = 'Enter the date it started'
      if (ended.error) messages.endedOn = ended.error
      if (!parsed.success || Object.keys(messages).length || !started.value) return { ok: false, fields: messages }
      const outcome = parsed.data.outcome || undefined
      return { ok: true, value: { ...parsed.data, outcome, startedOn: started.value, endedOn: ended.value } }
    },
    record: (trx, actor, personId, value) => recordArrangement(trx, actor, personId, value),
  })
}
