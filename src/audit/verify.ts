import type { Executor } from '../db/database.ts'
import {
  chainStart,
  checkpointSigned,
  keyFingerprint,
  verifyBatch,
  type AuditKey,
  type ChainProblem,
  type Checkpoint,
  type CheckpointHead,
} from '../domain/audit-chain.ts'
import { auditBatch } from './audit.ts'
import { auditKey } from './key.ts'
import { hashRows, recordedTables, type RecordedTable } from './recorded-rows.ts'

/** A record row that no longer matches the last audit entry that recorded it: changed behind the service's back. */
export interface RowProblem {
  table: RecordedTable
  id: string
  /** The last entry that recorded the row. */
  seq: number
  kind: 'changed' | 'gone'
}

export interface CheckpointProblem {
  line: number
  reason: 'unreadable' | 'not_signed'
}

export interface VerifyReport {
  ok: boolean
  /** Entries read and found intact (all of them, when the chain is intact). */
  entries: number
  /** The entry that brought the trail under the key (entries before it are verified by plain hash); null if none. */
  keyedFrom: number | null
  /** The first problem in the chain, or with a checkpoint it no longer reaches. */
  problem: ChainProblem | null
  /** The latest checkpoint, when the trail still holds what it signed. */
  checkpoint: CheckpointHead | null
  /** Entries after the latest checkpoint: not yet anchored outside the database. */
  unanchored: number
  checkpointProblems: CheckpointProblem[]
  rows: { checked: number; problems: RowProblem[] }
}

export interface VerifyOptions {
  key?: AuditKey
  /** The checkpoints kept outside the database (checkpoint.ts's file), with their line numbers. */
  checkpoints?: readonly (Checkpoint & { line: number })[]
  /** Lines of the checkpoint file that are not checkpoints. */
  unreadableCheckpoints?: readonly number[]
  batchSize?: number
}

/**
 * K4: walks the whole trail in seq order, in batches, with the audit key: names the first entry altered, forged or
 * removed; checks the trail still holds every entry each checkpoint signed; then compares every record row with the
 * last entry that recorded it. Reads only.
 */
export async function verifyAuditTrail(db: Executor, options: VerifyOptions = {}): Promise<VerifyReport> {
  const key = options.key ?? auditKey()
  const batchSize = options.batchSize ?? 2000
  const checkpointProblems: CheckpointProblem[] = (options.unreadableCheckpoints ?? []).map((line) => ({
    line,
    reason: 'unreadable',
  }))
  const signed: Checkpoint[] = []
  for (const checkpoint of options.checkpoints ?? []) {
    if (checkpoint.key === keyFingerprint(key) && checkpointSigned(key, checkpoint)) signed.push(checkpoint)
    else checkpointProblems.push({ line: checkpoint.line, reason: 'not_signed' })
  }
  const bySeq = new Map<number, Checkpoint[]>()
  for (const checkpoint of signed) bySeq.set(checkpoint.seq, [...(bySeq.get(checkpoint.seq) ?? []), checkpoint])
  const latest = signed.reduce<Checkpoint | null>((a, b) => (a === null || b.seq >= a.seq ? b : a), null)

  const recorded = new Map<string, { table: RecordedTable; id: string; seq: number; hash: string | null }>()
  let cursor = chainStart
  const report = (problem: ChainProblem | null, rows: VerifyReport['rows'] = { checked: 0, problems: [] }) => {
    const entries = cursor.expectedSeq - 1
    const reached = latest !== null && latest.seq <= entries && problem === null
    return {
      ok: problem === null && checkpointProblems.length === 0 && rows.problems.length === 0,
      entries,
      keyedFrom: cursor.keyedFrom,
      problem,
      checkpoint: reached ? head(latest) : null,
      unanchored: reached ? entries - latest.seq : entries,
      checkpointProblems,
      rows,
    }
  }

  for (;;) {
    const batch = await auditBatch(db, cursor.expectedSeq - 1, batchSize)
    if (batch.length === 0) break
    const result = verifyBatch(key, cursor, batch)
    // The entries the walk passed are intact; each must also be what any checkpoint at its place signed.
    for (const entry of batch.filter((e) => e.seq < result.cursor.expectedSeq)) {
      const replaced = (bySeq.get(entry.seq) ?? []).find((c) => c.hash !== entry.hash)
      if (replaced) {
        cursor = { ...result.cursor, expectedSeq: entry.seq }
        return report({ kind: 'replaced', seq: entry.seq, checkpoint: head(replaced) })
      }
      for (const [table, rows] of Object.entries(entry.rowHashes ?? {})) {
        if (!isRecorded(table)) continue
        for (const [id, hash] of Object.entries(rows))
          recorded.set(`${table}:${id}`, { table, id, seq: entry.seq, hash })
      }
    }
    cursor = result.cursor
    if (result.problem) return report(result.problem)
  }

  const entries = cursor.expectedSeq - 1
  if (latest && latest.seq > entries) {
    return report({ kind: 'missing', from: entries + 1, to: latest.seq, checkpoint: head(latest) })
  }
  if (entries > 0 && cursor.keyedFrom === null) return report({ kind: 'unkeyed', entries })
  return report(null, await checkRows(db, recorded))
}

const isRecorded = (table: string): table is RecordedTable => (recordedTables as readonly string[]).includes(table)

const head = (c: Checkpoint): CheckpointHead => ({ seq: c.seq, hash: c.hash, at: c.at })

/** Each recorded row as it stands now against the hash the last entry that recorded it holds. */
async function checkRows(
  db: Executor,
  recorded: Map<string, { table: RecordedTable; id: string; seq: number; hash: string | null }>,
): Promise<VerifyReport['rows']> {
  const problems: RowProblem[] = []
  for (const table of recordedTables) {
    const expected = [...recorded.values()].filter((r) => r.table === table)
    if (expected.length === 0) continue
    const now = await hashRows(
      db,
      table,
      expected.map((r) => r.id),
    )
    for (const row of expected) {
      const current = now.get(row.id) ?? null
      if (current === row.hash) continue
      problems.push({ table, id: row.id, seq: row.seq, kind: current === null ? 'gone' : 'changed' })
    }
  }
  problems.sort((a, b) => a.seq - b.seq || a.table.localeCompare(b.table) || a.id.localeCompare(b.id))
  return { checked: recorded.size, problems }
}
