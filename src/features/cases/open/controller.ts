import type { FastifyReply, FastifyRequest } from 'fastify'
import { channelNames, incidentCategoryNames, severityNames } from '../../../domain/contacts.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { formatDate, formatDateTime } from '../../../web/format.ts'
import { type FormErrors, attempt, bodyOf, errorsInOrder, lists, parseForm, texts } from '../../../web/forms.ts'
import { personOr404, shorten } from '../../contacts/page-kit.ts'
import { openCase } from '../cases.service.ts'
import { procedureContext } from '../context.ts'
import { newCase } from '../schema.ts'
import { adjustmentsOfPerson, arrangementsOfPerson, isCouncillor } from '../../people/people.repository.ts'
import { contactsWithMatter, incidentsWithMatter } from '../../contacts/contacts.repository.ts'
import { contactPattern } from '../../people/timeline.repository.ts'
import { mattersOfPerson } from '../../matters/matters.repository.ts'

const view = 'features/cases/open/view.njk'
const order = [
  'form',
  'service',
  'reason',
  'arrangementIds',
  'businessAsUsualMeasures',
  'incidentIds',
  'contactIds',
  'adjustmentsConsidered',
]
const RECENT_CONTACTS = 50

/** F1: a Head of Service opens a case when business-as-usual management has not worked. Refused for S2 and S3. */
export function openCasePages(services: Services) {
  const { db } = services

  async function render(
    reply: FastifyReply,
    person: Awaited<ReturnType<typeof personOr404>>,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) {
    const [councillor, arrangements, incidents, contacts, adjustments, matters, pattern] = await Promise.all([
      isCouncillor(db, person.id),
      arrangementsOfPerson(db, person.id),
      incidentsWithMatter(db, person.id),
      contactsWithMatter(db, person.id, RECENT_CONTACTS),
      adjustmentsOfPerson(db, person.id),
      mattersOfPerson(db, person.id),
      // P2: the contact pattern, with the matters raised and complaints upheld beside it.
      contactPattern(db, person.id, services.now()),
    ])
    // S3: evidence about an FOI or EIR request is marked, so staff see before they choose it that it has its own process.
    const statutory = (type: string | null) => (type === 'foi' || type === 'eir' ? ' (FOI/EIR request: S3)' : '')
    return reply.code(errors ? 422 : 200).page(view, {
      title: 'Open a case',
      person,
      isCouncillor: councillor,
      adjustments,
      pattern: pattern.inWords,
      services: [...new Set(matters.map((m) => m.service))],
      arrangementItems: arrangements.map((a) => ({
        value: a.id,
        text: `${a.kind === 'informal_warning' ? 'Informal warning' : 'Operational arrangement'} (${a.service}, from ${formatDate(new Date(a.started_on))}${a.ended_on ? ` to ${formatDate(new Date(a.ended_on))}` : ''}): ${shorten(a.description, 120)}`,
        hint: a.outcome ? { text: `Outcome: ${a.outcome}` } : undefined,
      })),
      incidentItems: incidents.map((i) => ({
        value: i.id,
        text: `${formatDateTime(i.at)}: ${incidentCategoryNames[i.category]} (${severityNames[i.severity].toLowerCase()})${i.reference ? `, ${i.reference}` : ''}${statutory(i.type)}`,
        hint: { text: shorten(i.description, 160) },
      })),
      contactItems: contacts.map((c) => ({
        value: c.id,
        text: `${formatDateTime(c.at)}: ${channelNames[c.channel]} ${c.direction === 'inbound' ? 'from them' : 'to them'}${c.reference ? `, ${c.reference}` : ''}${statutory(c.type)}`,
        hint: { text: shorten(c.summary, 160) },
      })),
      recentContacts: RECENT_CONTACTS,
      values,
      errors,
      backLink: `/people/${person.id}`,
    })
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => render(reply, await personOr404(db, request), {}),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const person = await personOr404(db, request)
      const body = bodyOf(request)
      const values = {
        ...texts(body, ['service', 'reason', 'businessAsUsualMeasures', 'adjustmentsConsidered']),
        ...lists(body, ['arrangementIds', 'incidentIds', 'contactIds']),
      }
      const parsed = parseForm(newCase, { personId: person.id, ...values }, order)
      if (!parsed.ok) return render(reply, person, values, parsed.errors)
      const ctx = procedureContext(services)
      // S2: the refusal is about the person, not a field: it goes above the form, saying where such issues go.
      const result = await attempt(() => db.transaction().execute((trx) => openCase(trx, actor, parsed.value, ctx)), {
        rename: { personId: 'form' },
      })
      if (!result.ok) return render(reply, person, values, errorsInOrder(result.fields, order))
      return reply.redirect(`/cases/${result.value.id}?done=opened`, 303)
    },
  }
}
