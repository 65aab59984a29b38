import type { Services } from '../../../services.ts'
import { addSafetyMarker } from '../../safety-markers/safety-markers.service.ts'
import { safetyMarkerForm } from '../form-schema.ts'
import { recordingPages } from '../page-kit.ts'

/** K3, P4: add a staff-safety marker: separate from any restriction, shown at every contact, with a review date. */
export function safetyMarkerPages(services: Services) {
  return recordingPages(services, {
    name: 'safety-marker',
    title: 'Add a safety marker',
    schema: safetyMarkerForm,
    order: ['precautions', 'reason', 'reviewOn'],
    record: (trx, actor, personId, value, now) => addSafetyMarker(trx, actor, personId, value, now),
  })
}
