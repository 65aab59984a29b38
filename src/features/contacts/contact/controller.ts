import type { FastifyRequest } from 'fastify'
import { channelNames, channels } from '../../../domain/contacts.ts'
import type { Services } from '../../../services.ts'
import { queryOf } from '../../../web/forms.ts'
import { actorOf } from '../../../web/identity.ts'
import { recordContact } from '../contacts.service.ts'
import { mattersToChoose } from '../../matters/matters.repository.ts'
import { contactForm } from '../form-schema.ts'
import { markersShown, nowValues, recordingPages, shorten } from '../page-kit.ts'

const order = ['channel', 'direction', 'date', 'time', 'matterId', 'summary', 'minutesSpent']
const channelItems = channels.map((value) => ({ value, text: channelNames[value] }))
const directionItems = [
  { value: 'inbound', text: 'Inbound', hint: { text: 'They contacted the council' } },
  { value: 'outbound', text: 'Outbound', hint: { text: 'The council contacted them' } },
]

/** K1: record a contact with its date and time, channel, direction, matter, summary and staff time. */
export function contactPages(services: Services) {
  return recordingPages(services, {
    name: 'contact',
    title: 'Record a contact',
    schema: contactForm,
    order,
    // A link from a matter (`?matter=`) starts the form with that matter chosen.
    start: (request: FastifyRequest, now: Date) => {
      const { matter } = queryOf(request)
      return { direction: 'inbound', matterId: matter ?? '', ...nowValues(now) }
    },
    shows: async (request, person) => {
      const [matters, markers] = await Promise.all([
        mattersToChoose(services.db, person.id),
        markersShown(services, actorOf(request), person.id, 'record a contact'),
      ])
      const matterItems = matters.map((m) => ({
        value: m.id,
        text: `${m.reference}: ${shorten(m.subject)}${m.status === 'closed' ? ' (closed)' : ''}`,
      }))
      return { markers, channelItems, directionItems, matterItems: [{ value: '', text: 'None' }, ...matterItems] }
    },
    record: (trx, actor, personId, value, now) => recordContact(trx, actor, { personId, ...value }, now),
  })
}
