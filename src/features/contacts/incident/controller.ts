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
import { markersShown, nowValues, recordingPages, shorten } from '../page-kit.ts'

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
  return recordingPages(services, {
    name: 'incident',
    title: 'Record an incident',
    schema: incidentForm,
    order,
    start: (_request, now) => nowValues(now),
    shows: async (request, person) => {
      const [contacts, markers] = await Promise.all([
        recentContacts(services.db, person.id, RECENT_CONTACTS),
        markersShown(services, actorOf(request), person.id, 'record an incident'),
      ])
      const contactItems = contacts.map((c) => ({
        value: c.id,
        text: `${formatDateTime(c.at)}, ${channelNames[c.channel].toLowerCase()} (${c.direction}): ${shorten(c.summary, 60)}`,
      }))
      return { markers, categoryItems, severityItems, contactItems: [{ value: '', text: 'None' }, ...contactItems] }
    },
    record: (trx, actor, personId, value, now) => recordIncident(trx, actor, { personId, ...value }, now),
  })
}
