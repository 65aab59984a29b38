// The audit trail (K4) lives here: one append-only table, signed and chained with the audit key (key.ts), that every
// change writes to in the same transaction as the change itself. Features append through appendAuditEntry; `audit
// verify` walks the chain (verify.ts) and compares it with the checkpoints kept outside the database
// (checkpoint.ts); the audit trail's pages, which read it, are the audit feature's (features/audit).
import { sql, type Transaction } from 'kysely'
import type { Database, Db, Executor } from '../db/database.ts'
import type { AuditEntryTable } from '../db/tables/audit.ts'
import {
  entryHash,
  entryMac,
  GENESIS_HASH,
  KEYED_ACTION,
  type AuditKey,
  type AuditRecord,
  type ChainedAuditRecord,
  type Json,
  type RowHashes,
} from '../domain/audit-chain.ts'
import { auditKey } from './key.ts'
import { hashAllRows, rowHashesOf, takeWrittenRows } from './recorded-rows.ts'

/** Who did something: a staff user, or the service itself (CLI, scheduled jobs, first-run set-up). */
export interface Actor {
  id: string | null
  label: string
}

export interface AuditChange {
  action: string
  objectType: string
  objectId?: string | null
  reason?: string | null
  before?: Json | null
  after?: Json | null
}

// Any constant: one lock key serialises appends so that seq and the chain stay gap-free across app instances.
const AUDIT_LOCK = 4_711_000_001

/** The service itself, as the actor of what it does on its own (bringing the trail under the key, checkpoints). */
export const SERVICE_ACTOR: Actor = { id: null, label: 'Fair Contact' }

/**
 * K4: appends one entry to the audit trail, signed with the audit key and chained to the entry before, holding the
 * hash of every record row the transaction wrote since its last entry (recorded-rows.ts). Takes a Transaction, never
 * the bare database, so the entry commits or rolls back with the change it records; call it after the change's last
 * write. The first entry written with a key brings the trail under it (bringTrailUnderKey).
 */
export async function appendAuditEntry(trx: Transaction<Database>, actor: Actor, change: AuditChange): Promise<number> {
  const key = auditKey()
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx)
  let head = await headOf(trx)
  if (!head.keyed) head = await insertKeyingEntry(trx, key, head)
  const rowHashes = await rowHashesOf(trx, await takeWrittenRows(trx))
  return (await insertEntry(trx, key, head, actor, { ...change, rowHashes })).seq
}

interface Head {
  seq: number
  hash: string
  keyed: boolean
}

async function headOf(trx: Transaction<Database>): Promise<Head> {
  const last = await trx
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const keying = await trx
    .selectFrom('audit_entry')
    .select('seq')
    .where('action', '=', KEYED_ACTION)
    .limit(1)
    .executeTakeFirst()
  return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH, keyed: keying !== undefined }
}

async function insertEntry(
  trx: Transaction<Database>,
  key: AuditKey,
  head: Head,
  actor: Actor,
  change: AuditChange & { rowHashes: RowHashes | null },
): Promise<Head> {
  const record: AuditRecord = {
    seq: head.seq + 1,
    at: new Date(),
    actorId: actor.id,
    actorLabel: actor.label,
    action: change.action,
    objectType: change.objectType,
    objectId: change.objectId ?? null,
    reason: change.reason ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
    rowHashes: change.rowHashes,
  }
  const hash = entryMac(key, head.hash, record)
  await trx
    .insertInto('audit_entry')
    .values({
      seq: record.seq,
      at: record.at,
      actor_id: record.actorId,
      actor_label: record.actorLabel,
      action: record.action,
      object_type: record.objectType,
      object_id: record.objectId,
      reason: record.reason,
      before: jsonb(record.before),
      after: jsonb(record.after),
      row_hashes: jsonb(record.rowHashes),
      prev_hash: head.hash,
      hash,
    })
    .execute()
  return { seq: record.seq, hash, keyed: true }
}

/**
 * K4 (issue 12): brings the trail under the key. The entries written before the key stay as they are, chained with
 * plain SHA-256 (rewriting them would bless whatever they hold); this signed entry holds their number and head, so
 * from now on none of them can be changed either without `audit verify` seeing it. It also holds the hash of every
 * record row as it stands (the baseline later entries are compared against). Whether the legacy chain was intact
 * when the key came is recorded too, in words. Returns the new head.
 */
async function insertKeyingEntry(trx: Transaction<Database>, key: AuditKey, head: Head): Promise<Head> {
  const legacy = head.seq === 0 ? null : await verifyLegacy(trx, head.seq)
  const reason =
    head.seq === 0
      ? 'The audit trail starts under the audit key: every entry is signed with it (K4).'
      : `The audit trail was brought under the audit key (K4): entries 1 to ${head.seq} were written before it, chained with plain SHA-256, and are verified that way; this entry holds their head, and every entry from this one on is signed with the key.`
  return insertEntry(trx, key, head, SERVICE_ACTOR, {
    action: KEYED_ACTION,
    objectType: 'audit_trail',
    reason,
    after: {
      legacyEntries: head.seq,
      legacyHead: head.hash,
      ...(legacy && { legacyIntact: legacy.intact, ...(legacy.problem && { legacyProblem: legacy.problem }) }),
    },
    rowHashes: await hashAllRows(trx),
  })
}

/** The legacy (plain SHA-256) chain, checked once, when the key comes. */
async function verifyLegacy(db: Executor, lastSeq: number): Promise<{ intact: boolean; problem?: string }> {
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  while (expectedSeq <= lastSeq) {
    const batch = await auditBatch(db, expectedSeq - 1, 2000)
    if (batch.length === 0) break
    for (const entry of batch) {
      if (entry.seq !== expectedSeq) return { intact: false, problem: `entry ${expectedSeq} is missing` }
      if (entry.prevHash !== prevHash || entryHash(prevHash, entry) !== entry.hash) {
        return { intact: false, problem: `entry ${entry.seq} does not match its hash or the entry before it` }
      }
      prevHash = entry.hash
      expectedSeq += 1
    }
  }
  return { intact: true }
}

/**
 * Brings the trail under the key if it is not yet: run at start (serve, the CLI), so the first start with a key
 * records it at once, before anything else. Returns the keying entry's seq when this call wrote it.
 */
export async function bringTrailUnderKey(db: Db): Promise<number | null> {
  const key = auditKey()
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx)
    const head = await headOf(trx)
    if (head.keyed) return null
    return (await insertKeyingEntry(trx, key, head)).seq
  })
}

// Kysely passes objects to the driver as they are; jsonb wants the JSON text.
function jsonb<T extends Json | RowHashes>(value: T | null) {
  return value === null ? null : sql<T>`${JSON.stringify(value)}::jsonb`
}

/** Entries in seq order after `afterSeq`, for verifying the chain in batches. */
export async function auditBatch(db: Executor, afterSeq: number, size: number): Promise<ChainedAuditRecord[]> {
  const rows = await db
    .selectFrom('audit_entry')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(size)
    .execute()
  return rows.map(toRecord)
}

export function toRecord(row: AuditEntryTable): ChainedAuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    reason: row.reason,
    before: row.before,
    after: row.after,
    rowHashes: row.row_hashes,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}
