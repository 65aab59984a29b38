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
import { contactsWithMatter, foiEirEvidenceCounts, incidentsWithMatter } from '../../contacts/contacts.repository.ts'
import { administratorNames, servicesOfStaffUser } from '../../staff/staff.repository.ts'
import { joinAnd } from '../../../domain/letter-wording.ts'
import { contactPattern } from '../../people/timeline.repository.ts'

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

/**
 * F1: the relevant Head of Service opens a case when business-as-usual management has not worked, choosing the service
 * from their own services. With none recorded, the page says why they cannot open a case and who can fix it. Refused
 * for S2 and S3.
 */
export function openCasePages(services: Services) {
  const { db } = services

  async function render(
    reply: FastifyReply,
    person: Awaited<ReturnType<typeof personOr404>>,
    ownServices: string[],
    values: Record<string, string | string[]>,
    errors?: FormErrors,
  ) {
    // S3: contacts about FOI or EIR requests, and incidents on them, are not offered as evidence; the page says how
    // many were left out and why.
    const [councillor, arrangements, incidents, contacts, notOffered, adjustments, pattern] = await Promise.all([
      isCouncillor(db, person.id),
      arrangementsOfPerson(db, person.id),
      incidentsWithMatter(db, person.id),
      contactsWithMatter(db, person.id, RECENT_CONTACTS),
      foiEirEvidenceCounts(db, person.id),
      adjustmentsOfPerson(db, person.id),
      // P2: the contact pattern, with the matters raised and complaints upheld beside it.
      contactPattern(db, person.id, services.now()),
    ])
    return reply.code(errors ? 422 : 200).page(view, {
      title: 'Open a case',
      person,
      isCouncillor: councillor,
      adjustments,
      pattern: pattern.inWords,
      ownServices,
      ownServicesInWords: joinAnd(ownServices),
      // F1: with no services of their own, the page says who can add them.
      administrators: ownServices.length ? [] : await administratorNames(db),
      serviceItems: ownServices.map((service) => ({ value: service, text: service })),
      // A Head of Service with one service has only that one to choose: it is chosen for them.
      chosenService: values.service ?? (ownServices.length === 1 ? ownServices[0] : undefined),
      arrangementItems: arrangements.map((a) => ({
        value: a.id,
        text: `${a.kind === 'informal_warning' ? 'Informal warning' : 'Operational arrangement'} (${a.service}, from ${formatDate(new Date(a.started_on))}${a.ended_on ? ` to ${formatDate(new Date(a.ended_on))}` : ''}): ${shorten(a.description, 120)}`,
        hint: a.outcome ? { text: `Outcome: ${a.outcome}` } : undefined,
      })),
      incidentItems: incidents.map((i) => ({
        value: i.id,
        text: `${formatDateTime(i.at)}: ${incidentCategoryNames[i.category]} (${severityNames[i.severity].toLowerCase()})${i.reference ? `, ${i.reference}` : ''}`,
        hint: { text: shorten(i.description, 160) },
      })),
      contactItems: contacts.map((c) => ({
        value: c.id,
        text: `${formatDateTime(c.at)}: ${channelNames[c.channel]} ${c.direction === 'inbound' ? 'from them' : 'to them'}${c.reference ? `, ${c.reference}` : ''}`,
        hint: { text: shorten(c.summary, 160) },
      })),
      recentContacts: RECENT_CONTACTS,
      notOffered: { ...notOffered, inWords: foiEirNotOffered(notOffered) },
      values,
      errors,
      backLink: `/people/${person.id}`,
    })
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const own = await servicesOfStaffUser(db, staffActorOf(request).id)
      return render(reply, await personOr404(db, request), own, {})
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const person = await personOr404(db, request)
      const own = await servicesOfStaffUser(db, actor.id)
      const body = bodyOf(request)
      const values = {
        ...texts(body, ['service', 'reason', 'businessAsUsualMeasures', 'adjustmentsConsidered']),
        ...lists(body, ['arrangementIds', 'incidentIds', 'contactIds']),
      }
      const parsed = parseForm(newCase, { personId: person.id, ...values }, order)
      if (!parsed.ok) return render(reply, person, own, values, chooseService(parsed.errors, values.service))
      const ctx = procedureContext(services)
      // S2: the refusal is about the person, not a field: it goes above the form, saying where such issues go. F1: so
      // does the refusal of a Head of Service with no services, who has no service to choose.
      const result = await attempt(() => db.transaction().execute((trx) => openCase(trx, actor, parsed.value, ctx)), {
        rename: { personId: 'form', ...(own.length === 0 && { service: 'form' }) },
      })
      if (!result.ok) return render(reply, person, own, values, errorsInOrder(result.fields, order))
      return reply.redirect(`/cases/${result.value.id}?done=opened`, 303)
    },
  }
}

/** The service is chosen, not typed: none chosen is worded as a choice. */
function chooseService(errors: FormErrors, chosen: string): FormErrors {
  if (!errors.fields.service || chosen !== '') return errors
  const messages = Object.fromEntries(Object.entries(errors.fields).map(([field, { text }]) => [field, text]))
  return errorsInOrder({ ...messages, service: 'Select the service the case is about' }, order)
}

/** S3: what the evidence lists leave out, in words ("2 contacts about FOI or EIR requests"), or nothing. */
function foiEirNotOffered(counts: { contacts: number }): string | undefined {
  if (!counts.contacts) return undefined
  return `${counts.contacts} ${counts.contacts === 1 ? 'contact' : 'contacts'} about FOI or EIR requests`
}
