import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { Refusal } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import type { Actor } from '../../audit/audit.ts'
import { actorOf } from '../../web/identity.ts'
import { bodyOf, errorsInOrder, type FormErrors } from '../../web/forms.ts'
import type { PersonRecord } from './people.repository.ts'
import { personInUrl } from './person-param.ts'

/** A page that adds something to a person's record with one form: a reasonable adjustment, a business-as-usual measure. */
export interface PersonFormPage<T> {
  view: string
  title: string
  /** What the person's page says was done afterwards (`?done=`). */
  done: string
  /** The form as posted: what to record, or the messages by field. */
  read: (values: Record<string, unknown>) => { ok: true; value: T } | { ok: false; fields: Record<string, string> }
  /** The change, in the transaction the page opens (convention 6). */
  record: (trx: Transaction<Database>, actor: Actor, personId: string, value: T) => Promise<unknown>
}

/** The form, and recording it: messages (and a refusal about a field) go on the form, then to the person's page. */
export function personFormPages<T>(services: Services, page: PersonFormPage<T>) {
  const form = (reply: FastifyReply, person: PersonRecord, values: object, errors?: FormErrors) =>
    reply.code(errors ? 422 : 200).page(page.view, {
      title: page.title,
      person,
      values,
      errors,
      backLink: `/people/${person.id}`,
    })

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) =>
      form(reply, await personInUrl(services.db, request), {}),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personInUrl(services.db, request)
      const values = bodyOf(request)
      const read = page.read(values)
      if (!read.ok) return form(reply, person, values, errorsInOrder(read.fields))
      try {
        await services.db.transaction().execute((trx) => page.record(trx, actor, person.id, read.value))
      } catch (error) {
        if (error instanceof Refusal && Object.keys(error.fields).length)
          return form(reply, person, values, errorsInOrder(error.fields))
        throw error
      }
      return reply.redirect(`/people/${person.id}?done=${page.done}`, 303)
    },
  }
}
