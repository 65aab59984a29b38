import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { classifySearch } from '../../../domain/identifiers.ts'
import { notFound, Refusal } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { fieldMessages, errorsInOrder, queryOf } from '../../../web/forms.ts'
import { text } from '../../../web/validation.ts'
import { findPerson, searchPeople } from '../people.repository.ts'
import { personInUrl } from '../person-param.ts'
import { linkRepresentative } from '../people.service.ts'

const view = 'features/people/representatives/view.njk'
const form = z.object({
  representativeId: z.uuid({ error: 'Choose the representative' }),
  relationship: text('their relationship, for example daughter, advocate or MP’s office', { max: 200 }),
  consent: z.enum(['yes', 'no'], { error: 'Say whether the person’s consent is recorded' }),
})

/** S5: link a representative, a separate person on the record, with the relationship and whether consent is recorded. */
export function representativePages(services: Services) {
  const title = 'Add a representative'
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const person = await personInUrl(services.db, request)
      const query = queryOf(request)
      const base = { title, person, backLink: `/people/${person.id}`, values: { q: query.q ?? '' } }
      const chosen = z.uuid().safeParse(query.representative)
      if (chosen.success) {
        const representative = await findPerson(services.db, chosen.data)
        if (!representative || representative.id === person.id) throw notFound('Person')
        return reply.page(view, { ...base, representative })
      }
      const q = (query.q ?? '').trim().slice(0, 200)
      const results =
        q.length >= 2
          ? (await searchPeople(services.db, classifySearch(q), 10)).filter((r) => r.id !== person.id)
          : undefined
      return reply.page(view, { ...base, results })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personInUrl(services.db, request)
      const values = (request.body ?? {}) as Record<string, unknown>
      const representativeId = z.uuid().safeParse(values.representativeId)
      const representative = representativeId.success ? await findPerson(services.db, representativeId.data) : undefined
      if (!representative) throw notFound('Person')
      const again = (fields: Record<string, string>) =>
        reply.code(422).page(view, {
          title,
          person,
          representative,
          values,
          errors: errorsInOrder(fields),
          backLink: `/people/${person.id}`,
        })
      const parsed = form.safeParse(values)
      if (!parsed.success) return again(fieldMessages(parsed.error))
      try {
        await services.db.transaction().execute((trx) =>
          linkRepresentative(trx, actor, {
            personId: person.id,
            representativeId: representative.id,
            relationship: parsed.data.relationship,
            consentRecorded: parsed.data.consent === 'yes',
          }),
        )
      } catch (error) {
        if (error instanceof Refusal && Object.keys(error.fields).length) return again(error.fields)
        throw error
      }
      return reply.redirect(`/people/${person.id}?done=representative`, 303)
    },
  }
}
