import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  channelNames,
  incidentCategories,
  incidentCategoryNames,
  severities,
  severityNames,
} from '../../../domain/contacts.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { formatDateTime } from '../../../web/format.ts'
import { recordIncident } from '../contacts.service.ts'
import { recentContacts } from '../contacts.repository.ts'
import { incidentForm } from '../form-schema.ts'
import { dateFields, markersShown, nowValues, personOr404, shorten, view, whenField } from '../page-kit.ts'
import { attempt, bodyOf, errorsInOrder, parseForm } from '../../../web/forms.ts'

const RECENT_CONTACTS = 20
const order = ['date', 'time', 'category', 'severity', 'description', 'witnesses', 'policeReference', 'contactId']
const categoryItems = incidentCategories.map((value) => ({ value, text: incidentCategoryNames[value] }))
const severityItems = severities.map((value) => ({
  value,
  text: severityNames[value],
  ...(value === 'immediate_risk' && {
    hint: { text: 'Someone’s safety was at immediate risk. If it still is, call 999' },
  }),
}))

/** K1: record an incident: when, the kind of behaviour, how serious, what happened, and the contact it arose from. */
export function incidentPages(services: Services) {
  const { db } = services
  type Person = Awaited<ReturnType<typeof personOr404>>

  async function form(request: FastifyRequest, reply: FastifyReply, person: Person, values: object, errors?: object) {
    const [contacts, markers] = await Promise.all([
      recentContacts(db, person.id, RECENT_CONTACTS),
      markersShown(services, actorOf(request), person.id, 'record an incident'),
    ])
    const contactItems = [
      { value: '', text: 'None' },
      ...contacts.map((c) => ({
        value: c.id,
        text: `${formatDateTime(c.at)}, ${channelNames[c.channel].toLowerCase()} (${c.direction}): ${shorten(c.summary, 60)}`,
      })),
    ]
    return reply.code(errors ? 422 : 200).page(view('incident'), {
      title: 'Record an incident',
      person,
      markers,
      categoryItems,
      severityItems,
      contactItems,
      values,
      errors,
      backLink: `/people/${person.id}`,
    })
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const person = await personOr404(db, request)
      return form(request, reply, person, nowValues(services.now()))
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personOr404(db, request)
      const values = bodyOf(request)
      const parsed = parseForm(incidentForm, values, order, dateFields)
      if (!parsed.ok) return form(request, reply, person, values, parsed.errors)
      const now = services.now()
      const result = await attempt(
        () =>
          db.transaction().execute((trx) => recordIncident(trx, actor, { personId: person.id, ...parsed.value }, now)),
        { rename: { at: whenField(values, now), personId: 'form' }, withRule: false },
      )
      if (!result.ok) return form(request, reply, person, values, errorsInOrder(result.fields, order, dateFields))
      return reply.redirect(`/people/${person.id}?done=incident`, 303)
    },
  }
}
