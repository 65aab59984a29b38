import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

// K4: each audit entry carries a signature over its own content and the previous entry's signature, made with a key
// kept outside the database (HMAC-SHA-256). Whoever can write to the database but does not hold the key can neither
// alter an entry, nor append one, nor recompute the chain after a change. Entries written before the key existed
// were chained with plain SHA-256; they are verified that way up to the entry that brought the trail under the key
// (KEYED_ACTION), which is signed and holds the legacy head, so they cannot be rewritten afterwards either. Removing
// entries from the end leaves a valid chain: that is what checkpoints are for, a signed head (sequence, hash, time)
// kept outside the database, which the trail must still reach. Each entry also holds a hash of every record row the
// change wrote (rowHashes), so a row edited behind the service's back no longer matches the last entry that recorded
// it. Pure: hashing only, no I/O.

export const GENESIS_HASH = '0'.repeat(64)

/** The entry that brings the trail under the key: every entry after it is signed. */
export const KEYED_ACTION = 'audit.chain_keyed'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The rows a change wrote, by table and id: the hash of each row as the change left it (null: it was deleted). */
export type RowHashes = Record<string, Record<string, string | null>>

/** The secret the trail is signed with: never stored in the database. */
export type AuditKey = Uint8Array

export interface AuditRecord {
  seq: number
  at: Date
  actorId: string | null
  actorLabel: string
  action: string
  objectType: string
  objectId: string | null
  reason: string | null
  before: Json | null
  after: Json | null
  /** Null on entries from before the key, and on entries that wrote no record row. */
  rowHashes: RowHashes | null
}

export interface ChainedAuditRecord extends AuditRecord {
  prevHash: string
  hash: string
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

function legacyContent(record: AuditRecord) {
  return {
    seq: record.seq,
    at: record.at.toISOString(),
    actorId: record.actorId,
    actorLabel: record.actorLabel,
    action: record.action,
    objectType: record.objectType,
    objectId: record.objectId,
    reason: record.reason,
    before: record.before,
    after: record.after,
  }
}

/** The plain SHA-256 chain of the entries written before the key (verified, never written any more). */
export function entryHash(prevHash: string, record: AuditRecord): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(legacyContent(record)))
    .digest('hex')
}

/** The keyed chain: HMAC-SHA-256 with the audit key over the previous entry's hash and this entry's content. */
export function entryMac(key: AuditKey, prevHash: string, record: AuditRecord): string {
  const content = canonicalJson({ ...legacyContent(record), rowHashes: record.rowHashes })
  return createHmac('sha256', key).update(prevHash).update('\n').update(content).digest('hex')
}

/**
 * A record row as it reads now, hashed: keys sorted, nulls left out (so a column added later, empty on old rows,
 * does not change their hash), times as ISO instants, bytes as base64.
 */
export function rowHash(row: Record<string, unknown>): string {
  const plain: Record<string, unknown> = {}
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue
    plain[column] = plainValue(value)
  }
  return createHash('sha256').update(canonicalJson(plain)).digest('hex')
}

function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') }
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(plainValue)
  return value
}

/** A short, public name for a key (an HMAC of a fixed text): says which key signed a checkpoint, not the key. */
export function keyFingerprint(key: AuditKey): string {
  return createHmac('sha256', key).update('fair-contact audit key fingerprint').digest('hex').slice(0, 16)
}

// Checkpoints: the head of the trail, signed, kept outside the database (a file, the log, email).

export interface CheckpointHead {
  seq: number
  hash: string
  /** When the checkpoint was made, an ISO instant. */
  at: string
}

export interface Checkpoint extends CheckpointHead {
  key: string
  signature: string
}

function checkpointMac(key: AuditKey, head: CheckpointHead): string {
  const content = canonicalJson({ kind: 'fair-contact audit checkpoint', seq: head.seq, hash: head.hash, at: head.at })
  return createHmac('sha256', key).update(content).digest('hex')
}

export function signCheckpoint(key: AuditKey, head: CheckpointHead): Checkpoint {
  return { seq: head.seq, hash: head.hash, at: head.at, key: keyFingerprint(key), signature: checkpointMac(key, head) }
}

export function checkpointSigned(key: AuditKey, checkpoint: Checkpoint): boolean {
  const expected = Buffer.from(checkpointMac(key, checkpoint), 'hex')
  const given = Buffer.from(checkpoint.signature, 'hex')
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** One line of a checkpoint file, read back; null when the line is not a checkpoint at all. */
export function parseCheckpoint(line: string): Checkpoint | null {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const { seq, hash, at, key, signature } = v
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) return null
  if (typeof hash !== 'string' || typeof at !== 'string' || typeof key !== 'string') return null
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return null
  return { seq, hash, at, key, signature }
}

// Verifying the chain, in batches.

export type ChainProblem =
  /** A signed entry whose content no longer matches its signature: edited, or forged with a plain INSERT. */
  | { kind: 'altered'; seq: number }
  | { kind: 'removed'; seq: number; expectedSeq: number }
  /** The entry does not follow the one before it: entries before it were rewritten and their hashes recomputed. */
  | { kind: 'relinked'; seq: number }
  /** Entries a checkpoint covered are gone from the end of the trail. */
  | { kind: 'missing'; from: number; to: number; checkpoint: CheckpointHead }
  /** The entry at a checkpoint's sequence is not the one the checkpoint signed: the entries up to it were replaced. */
  | { kind: 'replaced'; seq: number; checkpoint: CheckpointHead }
  /** Entries, but none signed with the key: never brought under it, or the whole trail was rewritten. */
  | { kind: 'unkeyed'; entries: number }

export interface ChainCursor {
  expectedSeq: number
  prevHash: string
  /** The entry that brought the trail under the key; null while still reading the legacy (plain) entries. */
  keyedFrom: number | null
}

export const chainStart: ChainCursor = { expectedSeq: 1, prevHash: GENESIS_HASH, keyedFrom: null }

/**
 * Checks one batch of entries, in seq order, continuing from `cursor`, with the audit key. Returns the cursor to
 * continue from, and the first problem if there is one (the cursor then stands just before it: the entries it has
 * passed are intact). Batches let `audit verify` walk millions of entries in constant memory. Before the keying
 * entry, entries must hold their plain hash; the keying entry and every entry after it must hold their signature.
 */
export function verifyBatch(
  key: AuditKey,
  cursor: ChainCursor,
  entries: readonly ChainedAuditRecord[],
): { cursor: ChainCursor; problem?: ChainProblem } {
  let { expectedSeq, prevHash, keyedFrom } = cursor
  const stop = (problem: ChainProblem) => ({ cursor: { expectedSeq, prevHash, keyedFrom }, problem })
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return stop({ kind: 'removed', seq: entry.seq, expectedSeq })
    if (entry.prevHash !== prevHash) return stop({ kind: 'relinked', seq: entry.seq })
    const keyed = keyedFrom !== null || entry.action === KEYED_ACTION
    const expected = keyed ? entryMac(key, prevHash, entry) : entryHash(prevHash, entry)
    if (expected !== entry.hash) return stop({ kind: 'altered', seq: entry.seq })
    if (keyedFrom === null && keyed) keyedFrom = entry.seq
    expectedSeq += 1
    prevHash = entry.hash
  }
  return { cursor: { expectedSeq, prevHash, keyedFrom } }
}

/** The first entry a problem makes untrustworthy: every entry before it is intact. */
export function firstBadEntry(problem: ChainProblem): number {
  switch (problem.kind) {
    case 'altered':
      return problem.seq
    case 'removed':
      return problem.expectedSeq
    case 'relinked':
      return problem.seq - 1
    case 'missing':
      return problem.from
    case 'replaced':
      return problem.seq
    case 'unkeyed':
      return 1
  }
}

const instant = (at: string) => at.replace(/\.\d+Z$/, 'Z')

export function describeProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'altered':
      return `Entry ${problem.seq} was altered or forged: its content does not match its signature, so it was changed after it was written, or written without the audit key (not by Fair Contact).`
    case 'removed':
      return problem.expectedSeq === problem.seq - 1
        ? `Entry ${problem.expectedSeq} was removed: ${problem.expectedSeq === 1 ? 'the trail starts at' : `the trail goes from ${problem.expectedSeq - 1} to`} ${problem.seq}.`
        : `Entries ${problem.expectedSeq} to ${problem.seq - 1} were removed: the next entry found is ${problem.seq}.`
    case 'relinked':
      return `Entry ${problem.seq} does not follow the entry before it: entry ${problem.seq - 1} or an earlier one was altered or replaced and the hashes recomputed.`
    case 'missing':
      return `The trail ends at entry ${problem.from - 1}, but the checkpoint of ${instant(problem.checkpoint.at)} covered entries 1 to ${problem.checkpoint.seq}: ${problem.from === problem.to ? `entry ${problem.from} was` : `entries ${problem.from} to ${problem.to} were`} removed from the end of the trail.`
    case 'replaced':
      return `Entry ${problem.seq} is not the entry the checkpoint of ${instant(problem.checkpoint.at)} signed: the entries up to it were removed and others written in their place.`
    case 'unkeyed':
      return `None of the ${problem.entries} entries is signed with the audit key. Fair Contact signs the trail when it starts; if it has started with this key before, the whole trail was rewritten.`
  }
}
