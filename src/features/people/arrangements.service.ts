import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { personExists } from './people.repository.ts'

export interface NewArrangement {
  kind: 'arrangement' | 'informal_warning'
  service: string
  description: string
  startedOn: string
  endedOn?: string | undefined
  outcome?: string | undefined
}

/**
 * S4: a business-as-usual measure a service has tried (an operational arrangement or an informal warning). Not a
 * formal restriction: the evidence F1 later needs to show that business-as-usual management did not work.
 */
export async function recordArrangement(
  trx: Transaction<Database>,
  actor: Actor,
  personId: string,
  input: NewArrangement,
): Promise<string> {
  if (!(await personExists(trx, personId))) throw notFound('Person')
  if (input.endedOn && input.endedOn < input.startedOn) {
    const message = 'The end date must be the same as or after the start date'
    throw new Refusal(422, 'dates', message, { endedOn: message })
  }
  const { id } = await trx
    .insertInto('operational_arrangement')
    .values({
      person_id: personId,
      kind: input.kind,
      service: input.service,
      description: input.description,
      started_on: input.startedOn,
      ended_on: input.endedOn ?? null,
      outcome: input.outcome ?? null,
      recorded_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: input.kind === 'informal_warning' ? 'informal_warning.recorded' : 'operational_arrangement.recorded',
    objectType: 'operational_arrangement',
    objectId: id,
    after: { personId, ...input, endedOn: input.endedOn ?? null, outcome: input.outcome ?? null },
  })
  return id
}
