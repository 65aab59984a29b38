import { matterTypeNames, matterTypes, statutoryProcess } from '../../../domain/matters.ts'
import type { Services } from '../../../services.ts'
import { createMatter } from '../../matters/matters.service.ts'
import { matterForm } from '../form-schema.ts'
import { recordingPages } from '../page-kit.ts'

// S3: FOI and EIR requests are recorded here, and the form says which statutory process handles them.
const typeItems = matterTypes.map((value) => {
  const statutory = statutoryProcess(value)
  return { value, text: matterTypeNames[value], ...(statutory && { hint: { text: statutory } }) }
})

/** S1: open a matter (a complaint, a request for information, or any other contact) on a person's record. */
export function matterPages(services: Services) {
  return recordingPages(services, {
    name: 'matter',
    title: 'Open a matter',
    schema: matterForm,
    order: ['type', 'subject', 'service'],
    shows: async () => ({ typeItems }),
    record: (trx, actor, personId, value, now) => createMatter(trx, actor, { personId, ...value }, now),
  })
}
