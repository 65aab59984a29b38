// The audit trail (K4) lives here: one append-only, hash-chained table that every change writes to in the same
// transaction as the change itself. Features append through appendAuditEntry; `audit verify` walks the chain
// (verify.ts); the audit trail's pages, which read it, are the audit feature's (features/audit).
import { sql, type Transaction } from 'kysely'
import type { Database, Executor } from '../db/database.ts'
import type { AuditEntryTable } from '../db/tables/audit.ts'
import { entryHash, GENESIS_HASH, type AuditRecord, type ChainedAuditRecord, type Json } from '../domain/audit-chain.ts'

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

/**
 * K4: appends one entry to the audit trail. Takes a Transaction, never the bare database, so the entry commits or
 * rolls back with the change it records.
 */
export async function appendAuditEntry(trx: Transaction<Database>, actor: Actor, change: AuditChange): Promise<number> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx)
  const last = await trx
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const record: AuditRecord = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actorId: actor.id,
    actorLabel: actor.label,
    action: change.action,
    objectType: change.objectType,
    objectId: change.objectId ?? null,
    reason: change.reason ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  }
  const prevHash = last?.hash ?? GENESIS_HASH
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
      prev_hash: prevHash,
      hash: entryHash(prevHash, record),
    })
    .execute()
  return record.seq
}

// Kysely passes objects to the driver as they are; jsonb wants the JSON text.
function jsonb(value: Json | null) {
  return value === null ? null : sql<Json>`${JSON.stringify(value)}::jsonb`
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
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}
