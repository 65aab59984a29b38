import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { addSafetyMarker } from '../../safety-markers/safety-markers.service.ts'
import { safetyMarkerForm } from '../form-schema.ts'
import { dateFields, personOr404, view } from '../page-kit.ts'
import { attempt, bodyOf, errorsInOrder, parseForm } from '../../../web/forms.ts'

const order = ['precautions', 'reason', 'reviewOn']

/** K3, P4: add a staff-safety marker: separate from any restriction, shown at every contact, with a review date. */
export function safetyMarkerPages(services: Services) {
  const { db } = services
  type Person = Awaited<ReturnType<typeof personOr404>>

  const form = (reply: FastifyReply, person: Person, values: object, errors?: object) =>
    reply.code(errors ? 422 : 200).page(view('safety-marker'), {
      title: 'Add a safety marker',
      person,
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
      const parsed = parseForm(safetyMarkerForm, values, order, dateFields)
      if (!parsed.ok) return form(reply, person, values, parsed.errors)
      const result = await attempt(
        () => db.transaction().execute((trx) => addSafetyMarker(trx, actor, person.id, parsed.value, services.now())),
        { rename: { personId: 'form' }, withRule: false },
      )
      if (!result.ok) return form(reply, person, values, errorsInOrder(result.fields, order, dateFields))
      return reply.redirect(`/people/${person.id}?done=safety-marker`, 303)
    },
  }
}
