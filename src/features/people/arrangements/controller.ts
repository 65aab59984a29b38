import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { Refusal } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { fieldMessages, errorsInOrder } from '../../../web/forms.ts'
import { text } from '../../../web/validation.ts'
import { recordArrangement } from '../arrangements.service.ts'
import { readDateInput } from '../date-fields.ts'
import { personInUrl } from '../person-param.ts'

const view = 'features/people/arrangements/view.njk'
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
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const person = await personInUrl(services.db, request)
      return reply.page(view, {
        title: 'Record a business-as-usual measure',
        person,
        values: {},
        backLink: `/people/${person.id}`,
      })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personInUrl(services.db, request)
      const values = (request.body ?? {}) as Record<string, unknown>
      const messages: Record<string, string> = {}
      const parsed = form.safeParse(values)
      if (!parsed.success) Object.assign(messages, fieldMessages(parsed.error))
      const started = readDateInput(values, 'startedOn', 'The start date')
      const ended = readDateInput(values, 'endedOn', 'The end date')
      if (started.error) messages.startedOn = started.error
      else if (!started.value) messages.startedOn = 'Enter the date it started'
      if (ended.error) messages.endedOn = ended.error
      const again = (fields: Record<string, string>) =>
        reply.code(422).page(view, {
          title: 'Record a business-as-usual measure',
          person,
          values,
          errors: errorsInOrder(fields),
          backLink: `/people/${person.id}`,
        })
      if (!parsed.success || Object.keys(messages).length || !started.value) return again(messages)
      const input = {
        ...parsed.data,
        outcome: parsed.data.outcome || undefined,
        startedOn: started.value,
        endedOn: ended.value,
      }
      try {
        await services.db.transaction().execute((trx) => recordArrangement(trx, actor, person.id, input))
      } catch (error) {
        if (error instanceof Refusal && Object.keys(error.fields).length) return again(error.fields)
        throw error
      }
      return reply.redirect(`/people/${person.id}?done=arrangement`, 303)
    },
  }
}
