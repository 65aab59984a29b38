import type { FastifyReply, FastifyRequest } from 'fastify'
import { channelNames, channels } from '../../../domain/contacts.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { recordContact } from '../contacts.service.ts'
import { mattersToChoose } from '../../matters/matters.repository.ts'
import { contactForm } from '../form-schema.ts'
import { dateFields, markersShown, nowValues, personOr404, shorten, view, whenField } from '../page-kit.ts'
import { attempt, bodyOf, errorsInOrder, parseForm } from '../../../web/forms.ts'

const order = ['channel', 'direction', 'date', 'time', 'matterId', 'summary', 'minutesSpent']
const channelItems = channels.map((value) => ({ value, text: channelNames[value] }))
const directionItems = [
  { value: 'inbound', text: 'Inbound', hint: { text: 'They contacted the council' } },
  { value: 'outbound', text: 'Outbound', hint: { text: 'The council contacted them' } },
]

/** K1: record a contact with its date and time, channel, direction, matter, summary and staff time. */
export function contactPages(services: Services) {
  const { db } = services
  type Person = Awaited<ReturnType<typeof personOr404>>

  async function form(request: FastifyRequest, reply: FastifyReply, person: Person, values: object, errors?: object) {
    const [matters, markers] = await Promise.all([
      mattersToChoose(db, person.id),
      markersShown(services, actorOf(request), person.id, 'record a contact'),
    ])
    const matterItems = [
      { value: '', text: 'None' },
      ...matters.map((m) => ({
        value: m.id,
        text: `${m.reference}: ${shorten(m.subject)}${m.status === 'closed' ? ' (closed)' : ''}`,
      })),
    ]
    return reply.code(errors ? 422 : 200).page(view('contact'), {
      title: 'Record a contact',
      person,
      markers,
      channelItems,
      directionItems,
      matterItems,
      values,
      errors,
      backLink: `/people/${person.id}`,
    })
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const person = await personOr404(db, request)
      const { matter } = (request.query ?? {}) as { matter?: unknown }
      const matterId = typeof matter === 'string' ? matter : ''
      return form(request, reply, person, { direction: 'inbound', matterId, ...nowValues(services.now()) })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personOr404(db, request)
      const values = bodyOf(request)
      const parsed = parseForm(contactForm, values, order, dateFields)
      if (!parsed.ok) return form(request, reply, person, values, parsed.errors)
      const now = services.now()
      const result = await attempt(
        () =>
          db.transaction().execute((trx) => recordContact(trx, actor, { personId: person.id, ...parsed.value }, now)),
        { rename: { at: whenField(values, now), personId: 'form' }, withRule: false },
      )
      if (!result.ok) return form(request, reply, person, values, errorsInOrder(result.fields, order, dateFields))
      return reply.redirect(`/people/${person.id}?done=contact`, 303)
    },
  }
}
