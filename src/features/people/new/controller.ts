import type { FastifyReply, FastifyRequest } from 'fastify'
import { nameKey } from '../../../domain/identifiers.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { possibleDuplicates } from '../people.repository.ts'
import { createPerson } from '../people.service.ts'
import { parsePersonForm } from './form.ts'

const view = 'features/people/new/view.njk'
const title = 'Add a person'

export function newPersonPages(services: Services) {
  return {
    show: async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.page(view, { title, values: {}, backLink: '/people' }),

    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const values = (request.body ?? {}) as Record<string, unknown>
      const form = parsePersonForm(values)
      if (!form.ok) return reply.code(422).page(view, { title, values, errors: form.errors, backLink: '/people' })
      const person = form.value
      // Warn before creating a duplicate; staff confirm it is someone else to go on.
      if (values.confirmDifferent !== 'yes') {
        const duplicates = await possibleDuplicates(services.db, {
          nameKey: nameKey(person.fullName),
          emails: person.emails,
          phones: person.phones,
          postcodes: person.addresses.map((a) => a.postcode),
        })
        if (duplicates.length) return reply.code(409).page(view, { title, values, duplicates, backLink: '/people' })
      }
      const id = await services.db.transaction().execute((trx) => createPerson(trx, actor, person))
      return reply.redirect(`/people/${id}?done=person`, 303)
    },
  }
}
