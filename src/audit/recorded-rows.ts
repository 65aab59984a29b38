import { sql, type Transaction } from 'kysely'
import type { Database, Executor } from '../db/database.ts'
import { rowHash, type RowHashes } from '../domain/audit-chain.ts'

// K4 (issue 12): the record rows the audit trail vouches for. Each of these tables has a trigger (migration
// 20261205T0520_audit_key) that notes, for the length of the transaction, the rows written; the next audit entry in
// the transaction hashes them as they then stand (rowHashes), and `audit verify` compares each row as it stands now
// with the last entry that recorded it. A later change made through the service is recorded by a later entry and
// becomes the one compared; a change made in SQL behind the service's back matches no entry.
//
// The tables are those of the procedure (the case, its warnings, proposals and decisions, restrictions, reviews,
// challenges and letters), the safety markers and their reviews (K3), and incidents, on which cases and immediate
// risk (F8) rest. Contacts, people and matters are not listed: imports write them in bulk. Every service that writes
// one of these tables appends its audit entry after its last write, in the same transaction.
export const recordedTables = [
  'procedure_case',
  'warning',
  'proposal',
  'decision',
  'restriction',
  'review',
  'challenge',
  'letter',
  'safety_marker',
  'safety_marker_review',
  'incident',
] as const satisfies readonly (keyof Database)[]

export type RecordedTable = (typeof recordedTables)[number]

const isRecordedTable = (name: string): name is RecordedTable => (recordedTables as readonly string[]).includes(name)

const NOTED = 'fair_contact.audit_rows'
const CHUNK = 1000

/** The rows this transaction wrote since its last audit entry, by table; the note is cleared for the next entry. */
export async function takeWrittenRows(trx: Transaction<Database>): Promise<Map<RecordedTable, Set<string>>> {
  const { rows } = await sql<{ noted: string | null }>`
    select current_setting(${NOTED}, true) as noted, set_config(${NOTED}, '', true) as cleared`.execute(trx)
  const written = new Map<RecordedTable, Set<string>>()
  for (const item of (rows[0]?.noted ?? '').split(' ')) {
    const at = item.indexOf(':')
    const table = item.slice(0, at)
    if (at < 0 || !isRecordedTable(table)) continue
    const ids = written.get(table) ?? new Set<string>()
    ids.add(item.slice(at + 1))
    written.set(table, ids)
  }
  return written
}

/** Each row as it stands now, hashed; a row no longer there hashes to null. */
export async function hashRows(
  db: Executor,
  table: RecordedTable,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>()
  const all = [...ids]
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK)
    const { rows } = await sql<Record<string, unknown> & { id: string }>`
      select * from ${sql.table(table)} where id in (${sql.join(chunk.map((id) => sql`${id}::uuid`))})`.execute(db)
    for (const row of rows) hashes.set(String(row.id), rowHash(row))
  }
  return hashes
}

export async function rowHashesOf(db: Executor, written: Map<RecordedTable, Set<string>>): Promise<RowHashes | null> {
  if (written.size === 0) return null
  const result: RowHashes = {}
  for (const [table, ids] of written) {
    const hashes = await hashRows(db, table, ids)
    result[table] = Object.fromEntries([...ids].map((id) => [id, hashes.get(id) ?? null]))
  }
  return result
}

/** Every row of every recorded table, hashed: the baseline recorded when the trail is brought under the key. */
export async function hashAllRows(db: Executor): Promise<RowHashes | null> {
  const result: RowHashes = {}
  for (const table of recordedTables) {
    let after: string | null = null
    const hashes: Record<string, string | null> = {}
    for (;;) {
      const { rows }: { rows: (Record<string, unknown> & { id: string })[] } = await sql<
        Record<string, unknown> & { id: string }
      >`select * from ${sql.table(table)} ${after === null ? sql`` : sql`where id > ${after}::uuid`} order by id limit ${CHUNK}`.execute(
        db,
      )
      for (const row of rows) hashes[String(row.id)] = rowHash(row)
      const last = rows.at(-1)
      if (!last || rows.length < CHUNK) break
      after = String(last.id)
    }
    if (Object.keys(hashes).length > 0) result[table] = hashes
  }
  return Object.keys(result).length > 0 ? result : null
}
