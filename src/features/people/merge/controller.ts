import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { classifySearch } from '../../../domain/identifiers.ts'
import { notFound, Refusal } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { errorsInOrder, queryOf } from '../../../web/forms.ts'
import { text } from '../../../web/validation.ts'
import { mergePeople } from '../merge.service.ts'
import { findPerson, searchPeople } from '../people.repository.ts'
import { personInUrl } from '../person-param.ts'

const view = 'features/people/merge/view.njk'
const confirmForm = z.object({
  duplicateId: z.uuid({ error: 'Choose the duplicate record' }),
  reason: text('why these are the same person', { max: 1000, multiline: true }),
})

/** Merge a duplicate into this record: find the duplicate, compare the two, confirm with a reason. */
export function mergePages(services: Services) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const person = await personInUrl(services.db, request)
      const query = queryOf(request)
      const base = {
        title: `Merge a duplicate into ${person.fullName}`,
        person,
        backLink: `/people/${person.id}`,
        values: { q: query.q ?? '' },
      }
      const duplicateId = z.uuid().safeParse(query.duplicate)
      if (duplicateId.success) {
        const duplicate = await findPerson(services.db, duplicateId.data)
        if (!duplicate || duplicate.id === person.id) throw notFound('Person')
        return reply.page(view, { ...base, duplicate })
      }
      const q = (query.q ?? '').trim()
      const results =
        q.length >= 2
          ? (await searchPeople(services.db, classifySearch(q.slice(0, 200)), 10)).filter((r) => r.id !== person.id)
          : undefined
      return reply.page(view, { ...base, results })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personInUrl(services.db, request)
      const values = (request.body ?? {}) as Record<string, unknown>
      const parsed = confirmForm.safeParse(values)
      const duplicate =
        typeof values.duplicateId === 'string' && z.uuid().safeParse(values.duplicateId).success
          ? await findPerson(services.db, values.duplicateId)
          : undefined
      if (!duplicate) throw notFound('Person')
      const again = (fields: Record<string, string>) =>
        reply.code(422).page(view, {
          title: `Merge a duplicate into ${person.fullName}`,
          person,
          duplicate,
          values,
          errors: errorsInOrder(fields),
          backLink: `/people/${person.id}`,
        })
      if (!parsed.success)
        return again({ reason: parsed.error.issues[0]?.message ?? 'Enter why these are the same person' })
      try {
        await services.db
          .transaction()
          .execute((trx) => mergePeople(trx, actor, person.id, duplicate.id, parsed.data.reason))
      } catch (error) {
        if (error instanceof Refusal && Object.keys(error.fields).length) return again(error.fields)
        throw error
      }
      return reply.redirect(`/people/${person.id}?done=merged`, 303)
    },
  }
}
