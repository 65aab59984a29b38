import { createHash } from 'node:crypto'

// K4: each audit entry carries a hash over its own content and the previous entry's hash, so altering or removing
// an entry breaks the chain from that point on. Pure: hashing only, no I/O.

export const GENESIS_HASH = '0'.repeat(64)

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

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

export function entryHash(prevHash: string, record: AuditRecord): string {
  const content = canonicalJson({
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
  })
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex')
}

export type ChainProblem =
  | { kind: 'altered'; seq: number }
  | { kind: 'removed'; seq: number; expectedSeq: number }
  | { kind: 'relinked'; seq: number }

export interface ChainCursor {
  expectedSeq: number
  prevHash: string
}

export const chainStart: ChainCursor = { expectedSeq: 1, prevHash: GENESIS_HASH }

/**
 * Checks one batch of entries, in seq order, continuing from `cursor`. Returns the first problem, or the cursor to
 * continue from. Batches let `audit verify` walk millions of entries in constant memory.
 */
export function verifyBatch(
  cursor: ChainCursor,
  entries: readonly ChainedAuditRecord[],
): { problem: ChainProblem } | { cursor: ChainCursor } {
  let { expectedSeq, prevHash } = cursor
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { problem: { kind: 'removed', seq: entry.seq, expectedSeq } }
    if (entry.prevHash !== prevHash) return { problem: { kind: 'relinked', seq: entry.seq } }
    if (entryHash(prevHash, entry) !== entry.hash) return { problem: { kind: 'altered', seq: entry.seq } }
    expectedSeq += 1
    prevHash = entry.hash
  }
  return { cursor: { expectedSeq, prevHash } }
}

export function describeProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'altered':
      return `Entry ${problem.seq} was altered: its content no longer matches its hash.`
    case 'removed':
      return problem.expectedSeq === problem.seq - 1
        ? `Entry ${problem.expectedSeq} was removed: ${problem.expectedSeq === 1 ? 'the trail starts at' : `the trail goes from ${problem.expectedSeq - 1} to`} ${problem.seq}.`
        : `Entries ${problem.expectedSeq} to ${problem.seq - 1} were removed: the next entry found is ${problem.seq}.`
    case 'relinked':
      return `Entry ${problem.seq} does not follow the entry before it: an earlier entry was altered or replaced.`
  }
}
