import type { FastifyReply, FastifyRequest } from 'fastify'
import { channelNames, incidentCategoryNames, severityNames } from '../../../domain/contacts.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { formatDate, formatDateTime } from '../../../web/format.ts'
import { type FormErrors, attempt, bodyOf, errorsInOrder, list, str, parseForm } from '../../../web/forms.ts'
import { personOr404, shorten } from '../../contacts/page-kit.ts'
import { openCase } from '../cases.service.ts'
import { procedureContext } from '../context.ts'
import { newCase } from '../schema.ts'

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
    const [details, arrangements, incidents, contacts, adjustments, matters] = await Promise.all([
      db.selectFrom('person').select(['is_councillor']).where('id', '=', person.id).executeTakeFirstOrThrow(),
      db
        .selectFrom('operational_arrangement')
        .select(['id', 'kind', 'service', 'description', 'started_on', 'ended_on', 'outcome'])
        .where('person_id', '=', person.id)
        .orderBy('started_on', 'desc')
        .execute(),
      db
        .selectFrom('incident as i')
        .leftJoin('contact as c', 'c.id', 'i.contact_id')
        .leftJoin('matter as m', 'm.id', 'c.matter_id')
        .select(['i.id', 'i.at', 'i.category', 'i.severity', 'i.description', 'm.reference', 'm.type'])
        .where('i.person_id', '=', person.id)
        .orderBy('i.at', 'desc')
        .execute(),
      db
        .selectFrom('contact as c')
        .leftJoin('matter as m', 'm.id', 'c.matter_id')
        .select(['c.id', 'c.at', 'c.channel', 'c.direction', 'c.summary', 'm.reference', 'm.type'])
        .where('c.person_id', '=', person.id)
        .orderBy('c.at', 'desc')
        .limit(RECENT_CONTACTS)
        .execute(),
      db
        .selectFrom('reasonable_adjustment')
        .select(['need', 'agreed_adjustment', 'agreed_on'])
        .where('person_id', '=', person.id)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('matter')
        .select(['service'])
        .where('person_id', '=', person.id)
        .orderBy('opened_at', 'desc')
        .execute(),
    ])
    // S3: evidence about an FOI or EIR request is marked, so staff see before they choose it that it has its own process.
    const statutory = (type: string | null) => (type === 'foi' || type === 'eir' ? ' (FOI/EIR request: S3)' : '')
    return reply.code(errors ? 422 : 200).page(view, {
      title: 'Open a case',
      person,
      isCouncillor: details.is_councillor,
      adjustments,
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
        service: str(body, 'service'),
        reason: str(body, 'reason'),
        businessAsUsualMeasures: str(body, 'businessAsUsualMeasures'),
        adjustmentsConsidered: str(body, 'adjustmentsConsidered'),
        arrangementIds: list(body, 'arrangementIds'),
        incidentIds: list(body, 'incidentIds'),
        contactIds: list(body, 'contactIds'),
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
