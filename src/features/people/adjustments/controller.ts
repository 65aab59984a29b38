import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { fieldMessages, errorsInOrder } from '../../../web/forms.ts'
import { text } from '../../../web/validation.ts'
import { readDateInput } from '../date-fields.ts'
import { personInUrl } from '../person-param.ts'
import { addAdjustment } from '../people.service.ts'

const view = 'features/people/adjustments/view.njk'
const form = z.object({
  need: text('the need', { max: 2000, multiline: true }),
  agreedAdjustment: text('the agreed adjustment', { max: 2000, multiline: true }),
})

/** P5: record a reasonable adjustment: the need, what was agreed, when agreed and last reviewed. */
export function adjustmentPages(services: Services) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const person = await personInUrl(services.db, request)
      return reply.page(view, {
        title: 'Record a reasonable adjustment',
        person,
        values: {},
        backLink: `/people/${person.id}`,
      })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personInUrl(services.db, request)
      const values = (request.body ?? {}) as Record<string, unknown>
      const parsed = form.safeParse(values)
      const messages: Record<string, string> = parsed.success ? {} : fieldMessages(parsed.error)
      const agreed = readDateInput(values, 'agreedOn', 'The date it was agreed')
      const reviewed = readDateInput(values, 'lastReviewedOn', 'The date it was last reviewed')
      if (agreed.error) messages.agreedOn = agreed.error
      if (reviewed.error) messages.lastReviewedOn = reviewed.error
      if (!parsed.success || Object.keys(messages).length) {
        return reply.code(422).page(view, {
          title: 'Record a reasonable adjustment',
          person,
          values,
          errors: errorsInOrder(messages),
          backLink: `/people/${person.id}`,
        })
      }
      await services.db.transaction().execute((trx) =>
        addAdjustment(trx, actor, person.id, {
          ...parsed.data,
          agreedOn: agreed.value,
          lastReviewedOn: reviewed.value,
        }),
      )
      return reply.redirect(`/people/${person.id}?done=adjustment`, 303)
    },
  }
}
