import type { Executor } from '../db/database.ts'
import { chainStart, verifyBatch, type ChainProblem } from '../domain/audit-chain.ts'
import { auditBatch } from './audit.ts'

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; problem: ChainProblem }

/** Walks the whole trail in seq order, in batches, and names the first entry that was altered or removed (K4). */
export async function verifyAuditTrail(db: Executor, batchSize = 2000): Promise<VerifyResult> {
  let cursor = chainStart
  for (;;) {
    const batch = await auditBatch(db, cursor.expectedSeq - 1, batchSize)
    if (batch.length === 0) return { ok: true, entries: cursor.expectedSeq - 1 }
    const result = verifyBatch(cursor, batch)
    if ('problem' in result) return { ok: false, entries: cursor.expectedSeq - 1, problem: result.problem }
    cursor = result.cursor
  }
}
