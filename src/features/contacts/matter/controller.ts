import type { FastifyReply, FastifyRequest } from 'fastify'
import { matterTypeNames, matterTypes, statutoryProcess } from '../../../domain/matters.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { createMatter } from '../../matters/matters.service.ts'
import { matterForm } from '../form-schema.ts'
import { dateFields, personOr404, view } from '../page-kit.ts'
import { attempt, bodyOf, errorsInOrder, parseForm } from '../../../web/forms.ts'

const order = ['type', 'subject', 'service']
// S3: FOI and EIR requests are recorded here, and the form says which statutory process handles them.
const typeItems = matterTypes.map((value) => {
  const statutory = statutoryProcess(value)
  return { value, text: matterTypeNames[value], ...(statutory && { hint: { text: statutory } }) }
})

/** S1: open a matter (a complaint, a request for information, or any other contact) on a person's record. */
export function matterPages(services: Services) {
  const { db } = services
  type Person = Awaited<ReturnType<typeof personOr404>>

  const form = (reply: FastifyReply, person: Person, values: object, errors?: object) =>
    reply.code(errors ? 422 : 200).page(view('matter'), {
      title: 'Open a matter',
      person,
      typeItems,
      values,
      errors,
      backLink: `/people/${person.id}`,
    })

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => form(reply, await personOr404(db, request), {}),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personOr404(db, request)
      const values = bodyOf(request)
      const parsed = parseForm(matterForm, values, order, dateFields)
      if (!parsed.ok) return form(reply, person, values, parsed.errors)
      const result = await attempt(
        () =>
          db
            .transaction()
            .execute((trx) => createMatter(trx, actor, { personId: person.id, ...parsed.value }, services.now())),
        { rename: { personId: 'form' }, withRule: false },
      )
      if (!result.ok) return form(reply, person, values, errorsInOrder(result.fields, order, dateFields))
      return reply.redirect(`/people/${person.id}?done=matter`, 303)
    },
  }
}
