import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { nameKey } from '../../domain/identifiers.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'

type Trx = Transaction<Database>

/**
 * Merges a duplicate record into the one kept: every contact, matter, incident, arrangement, adjustment, marker,
 * representative link and identifier moves across, the duplicate's name becomes another name of the kept person,
 * and the duplicate is marked as merged (never deleted), so its old links still lead somewhere (K4).
 */
export async function mergePeople(trx: Trx, actor: Actor, keepId: string, duplicateId: string, reason: string) {
  if (keepId === duplicateId)
    throw new Refusal(422, 'same_person', 'Choose two different records to merge', {
      duplicateId: 'Choose a different record',
    })
  const rows = await trx
    .selectFrom('person')
    .select(['id', 'full_name', 'merged_into', 'is_councillor'])
    .where('id', 'in', [keepId, duplicateId])
    .forUpdate()
    .execute()
  const keep = rows.find((r) => r.id === keepId)
  const duplicate = rows.find((r) => r.id === duplicateId)
  if (!keep || !duplicate || keep.merged_into || duplicate.merged_into) throw notFound('Person')

  const moved: Record<string, number> = {}
  const move = async (
    table: 'matter' | 'contact' | 'incident' | 'operational_arrangement' | 'reasonable_adjustment' | 'safety_marker',
  ) => {
    const result = await trx
      .updateTable(table)
      .set({ person_id: keepId })
      .where('person_id', '=', duplicateId)
      .executeTakeFirst()
    moved[table] = Number(result.numUpdatedRows)
  }
  for (const table of [
    'matter',
    'contact',
    'incident',
    'operational_arrangement',
    'reasonable_adjustment',
    'safety_marker',
  ] as const)
    await move(table)

  // Identifiers: add the ones the kept record lacks; the duplicate keeps its own copy for the history.
  await sql`insert into person_email (person_id, email) select ${keepId}::uuid, email from person_email where person_id = ${duplicateId} on conflict do nothing`.execute(
    trx,
  )
  await sql`insert into person_phone (person_id, e164) select ${keepId}::uuid, e164 from person_phone where person_id = ${duplicateId} on conflict do nothing`.execute(
    trx,
  )
  await sql`insert into person_address (person_id, line1, line2, town, postcode)
            select ${keepId}::uuid, a.line1, a.line2, a.town, a.postcode from person_address a
             where a.person_id = ${duplicateId}
               and not exists (select 1 from person_address k where k.person_id = ${keepId} and k.postcode = a.postcode and lower(k.line1) = lower(a.line1))`.execute(
    trx,
  )
  await sql`insert into person_alias (person_id, alias, name_key)
            select ${keepId}::uuid, alias, name_key from person_alias where person_id = ${duplicateId}
            union select ${keepId}::uuid, ${duplicate.full_name}, ${nameKey(duplicate.full_name)}
            where ${nameKey(duplicate.full_name)} <> ${nameKey(keep.full_name)}`.execute(trx)
  await trx
    .updateTable('person_representative')
    .set({ person_id: keepId })
    .where('person_id', '=', duplicateId)
    .where('representative_id', '<>', keepId)
    .execute()
  await trx
    .updateTable('person_representative')
    .set({ representative_id: keepId })
    .where('representative_id', '=', duplicateId)
    .where('person_id', '<>', keepId)
    .execute()
  await trx
    .deleteFrom('person_representative')
    .where((eb) => eb.or([eb('person_id', '=', duplicateId), eb('representative_id', '=', duplicateId)]))
    .execute()
  await trx
    .updateTable('person')
    .set({ merged_into: keepId, updated_at: new Date() })
    .where('id', '=', duplicateId)
    .execute()
  if (duplicate.is_councillor && !keep.is_councillor)
    await trx.updateTable('person').set({ is_councillor: true }).where('id', '=', keepId).execute()

  await appendAuditEntry(trx, actor, {
    action: 'person.merged',
    objectType: 'person',
    objectId: keepId,
    reason,
    before: {
      keep: { id: keepId, fullName: keep.full_name },
      duplicate: { id: duplicateId, fullName: duplicate.full_name },
    },
    after: { mergedInto: keepId, moved },
  })
  return moved
}
