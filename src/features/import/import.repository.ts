import { randomUUID } from 'node:crypto'
import { sql, type Insertable, type Transaction } from 'kysely'
import type { Database, Executor } from '../../db/database.ts'
import type { Json } from '../../domain/audit-chain.ts'
import { nameKey } from '../../domain/identifiers.ts'
import type { ImportKind } from '../../domain/import-fields.ts'
import type { Mapping } from '../../domain/import.ts'
import { matterReference } from '../../domain/matters.ts'
import type { Lookup, PreparedContact, PreparedMatter, Valid } from './plan.ts'
import type { PersonRow } from './rows.ts'

type Trx = Transaction<Database>

export interface BatchSummary {
  id: string
  kind: ImportKind
  filename: string
  header: string[]
  rowCount: number
  status: 'uploaded' | 'mapped' | 'imported' | 'failed'
  mapping: Mapping | null
  report: Json | null
  createdAt: Date
  importedAt: Date | null
}

const jsonb = (value: unknown) => sql<string>`${JSON.stringify(value)}::jsonb`

export async function createBatch(
  db: Executor,
  batch: {
    kind: ImportKind
    filename: string
    csv: string
    header: string[]
    rowCount: number
    createdBy: string | null
  },
): Promise<string> {
  const { id } = await db
    .insertInto('import_batch')
    .values({
      kind: batch.kind,
      filename: batch.filename,
      csv: batch.csv,
      header: jsonb(batch.header),
      row_count: batch.rowCount,
      created_by: batch.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A batch of this staff user's: the file they uploaded is theirs to map, check and import (K6). */
export async function findBatch(db: Executor, id: string, staffId: string): Promise<BatchSummary | undefined> {
  const row = await db
    .selectFrom('import_batch')
    .select([
      'id',
      'kind',
      'filename',
      'header',
      'row_count',
      'status',
      'mapping',
      'report',
      'created_at',
      'imported_at',
    ])
    .where('id', '=', id)
    .where('created_by', '=', staffId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    header: row.header,
    rowCount: row.row_count,
    status: row.status,
    mapping: row.mapping as Mapping | null,
    report: row.report,
    createdAt: row.created_at,
    importedAt: row.imported_at,
  }
}

export async function batchCsv(db: Executor, id: string): Promise<string> {
  const row = await db.selectFrom('import_batch').select('csv').where('id', '=', id).executeTakeFirstOrThrow()
  return row.csv
}

/** Locks the batch for the import, so that confirming twice (two tabs, a double click) imports once. */
export async function lockBatchStatus(trx: Trx, id: string) {
  const row = await trx.selectFrom('import_batch').select('status').where('id', '=', id).forUpdate().executeTakeFirst()
  return row?.status
}

export async function saveMapping(db: Executor, id: string, mapping: Mapping): Promise<void> {
  await db
    .updateTable('import_batch')
    .set({ mapping: jsonb(mapping), status: 'mapped' })
    .where('id', '=', id)
    .execute()
}

export async function finishBatch(
  db: Executor,
  id: string,
  status: 'imported' | 'failed',
  report: Json,
  at: Date,
): Promise<void> {
  await db
    .updateTable('import_batch')
    .set({ status, report: jsonb(report), imported_at: status === 'imported' ? at : null })
    .where('id', '=', id)
    .execute()
}

/**
 * K6: a file uploaded and never imported holds personal data for no purpose; it is deleted after a week. Imported
 * files stay as the trail of what was imported.
 */
export async function purgeAbandonedBatches(db: Executor, olderThan: Date): Promise<void> {
  await db.deleteFrom('import_batch').where('status', '!=', 'imported').where('created_at', '<', olderThan).execute()
}

export function recordLookup(db: Executor): Lookup {
  return {
    async people(refs) {
      if (refs.length === 0) return new Map()
      // A merged record leads to the record kept (and on, if that was merged in turn).
      const { rows } = await sql<{ external_ref: string; id: string }>`
        with recursive chain as (
          select external_ref, id, merged_into, 0 as depth from person where external_ref = any(${refs}::text[])
          union all
          select c.external_ref, p.id, p.merged_into, c.depth + 1 from chain c join person p on p.id = c.merged_into
           where c.depth < 20
        )
        select external_ref, id from chain where merged_into is null`.execute(db)
      return new Map(rows.map((r) => [r.external_ref, r.id]))
    },
    async matters(refs) {
      if (refs.length === 0) return new Map()
      const rows = await db
        .selectFrom('matter')
        .select(['external_ref', 'id', 'person_id'])
        .where(sql<boolean>`external_ref = any(${refs}::text[])`)
        .execute()
      return new Map(rows.map((r) => [r.external_ref ?? '', { id: r.id, personId: r.person_id }]))
    },
    async staff(emails) {
      if (emails.length === 0) return new Map()
      const rows = await db
        .selectFrom('staff_user')
        .select(['id', 'email'])
        .where(sql<boolean>`lower(email) = any(${emails}::text[])`)
        .execute()
      return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]))
    },
  }
}

// PostgreSQL takes at most 65,535 parameters a statement; a chunk stays well below, whatever the table's width.
const PARAMETERS_PER_INSERT = 20_000

async function insertChunked<T extends keyof Database & string>(trx: Trx, table: T, rows: Insertable<Database[T]>[]) {
  if (rows.length === 0) return
  const size = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / Object.keys(rows[0] ?? {}).length))
  for (let i = 0; i < rows.length; i += size) {
    // Kysely's insert types are per table; the rows were built for this table just above.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute()
  }
}

export async function insertPeople(
  trx: Trx,
  batchId: string,
  actorId: string | null,
  rows: Valid<PersonRow>[],
  now: Date,
) {
  const people: Insertable<Database['person']>[] = []
  const aliases: Insertable<Database['person_alias']>[] = []
  const emails: Insertable<Database['person_email']>[] = []
  const phones: Insertable<Database['person_phone']>[] = []
  const addresses: Insertable<Database['person_address']>[] = []
  for (const { value } of rows) {
    const id = randomUUID()
    const p = value.person
    people.push({
      id,
      full_name: p.fullName,
      name_key: nameKey(p.fullName),
      date_of_birth: p.dateOfBirth ?? null,
      is_councillor: false,
      merged_into: null,
      created_by: actorId,
      created_at: now,
      updated_at: now,
      external_ref: value.externalRef ?? null,
      import_batch_id: batchId,
    })
    for (const alias of p.aliases) aliases.push({ person_id: id, alias, name_key: nameKey(alias) })
    for (const email of p.emails) emails.push({ person_id: id, email })
    for (const e164 of p.phones) phones.push({ person_id: id, e164 })
    for (const a of p.addresses)
      addresses.push({
        person_id: id,
        line1: a.line1,
        line2: a.line2 ?? null,
        town: a.town ?? null,
        postcode: a.postcode,
      })
  }
  await insertChunked(trx, 'person', people)
  await insertChunked(trx, 'person_alias', aliases)
  await insertChunked(trx, 'person_email', emails)
  await insertChunked(trx, 'person_phone', phones)
  await insertChunked(trx, 'person_address', addresses)
}

export async function insertMatters(
  trx: Trx,
  batchId: string,
  actorId: string | null,
  rows: Valid<PreparedMatter>[],
  now: Date,
) {
  if (rows.length === 0) return
  // One round trip for every reference number the file needs.
  const { rows: numbers } = await sql<{ n: number }>`
    select nextval('matter_reference_seq')::int as n from generate_series(1, ${rows.length}::int)`.execute(trx)
  const matters = rows.map(({ value: m }, i): Insertable<Database['matter']> => {
    const openedAt = m.openedAt ?? now
    return {
      person_id: m.personId,
      reference: matterReference(m.type, openedAt, numbers[i]?.n ?? 0),
      type: m.type,
      subject: m.subject,
      service: m.service,
      status: m.status,
      complaint_stage: m.complaintStage,
      outcome: m.outcome ?? null,
      process_exhausted: m.processExhausted,
      opened_at: openedAt,
      closed_at: m.closedAt ?? null,
      created_by: actorId,
      external_ref: m.externalRef ?? null,
      import_batch_id: batchId,
    }
  })
  await insertChunked(trx, 'matter', matters)
}

export async function insertContacts(
  trx: Trx,
  batchId: string,
  actorId: string | null,
  rows: Valid<PreparedContact>[],
  now: Date,
) {
  await insertChunked(
    trx,
    'contact',
    rows.map(({ value: c }): Insertable<Database['contact']> => ({
      person_id: c.personId,
      matter_id: c.matterId,
      channel: c.channel,
      direction: c.direction,
      at: c.at,
      staff_user_id: c.staffUserId,
      summary: c.summary,
      minutes_spent: c.minutesSpent ?? null,
      recorded_by: actorId,
      recorded_at: now,
      import_batch_id: batchId,
    })),
  )
}

export async function recentBatches(db: Executor, staffId: string, limit: number) {
  return db
    .selectFrom('import_batch')
    .select(['id', 'kind', 'filename', 'row_count', 'status', 'created_at'])
    .where('created_by', '=', staffId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
}
