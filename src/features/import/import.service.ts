import type { Transaction } from 'kysely'
import type { Database, Executor } from '../../db/database.ts'
import type { ImportKind } from '../../domain/import-fields.ts'
import type { Mapping } from '../../domain/import.ts'
import { Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { decodeUpload, isBlank, parseCsv, rowNumber, toCsv, type ParsedCsv } from './csv.ts'
import {
  batchCsv,
  createBatch,
  finishBatch,
  insertContacts,
  insertMatters,
  insertPeople,
  lockBatchStatus,
  purgeAbandonedBatches,
  recordLookup,
  type BatchSummary,
} from './import.repository.ts'
import { planImport, type ImportPlan, type Rejection } from './plan.ts'

type Trx = Transaction<Database>

const ABANDONED_AFTER_MS = 7 * 24 * 3_600_000

/** Keeps an uploaded file for the mapping and preview steps, when it is CSV text with a header row. */
export async function receiveUpload(
  db: Executor,
  actor: Actor,
  upload: { kind: ImportKind; filename: string; bytes: Uint8Array },
  now: Date,
): Promise<{ id: string } | { message: string }> {
  const decoded = decodeUpload(upload.bytes)
  if (!decoded.ok) return { message: decoded.message }
  const parsed = await parseCsv(decoded.text)
  if (!parsed.ok) return { message: parsed.message }
  const rowCount = parsed.rows.filter((row) => !isBlank(row)).length
  if (rowCount === 0) return { message: 'The selected file has a header row but no rows under it' }
  await purgeAbandonedBatches(db, new Date(now.getTime() - ABANDONED_AFTER_MS))
  const id = await createBatch(db, {
    kind: upload.kind,
    filename: upload.filename,
    csv: decoded.text,
    header: parsed.header,
    rowCount,
    createdBy: actor.id,
  })
  return { id }
}

async function readBatch(db: Executor, batch: BatchSummary): Promise<ParsedCsv> {
  const parsed = await parseCsv(await batchCsv(db, batch.id))
  // The file was read when it was uploaded; it is stored as it was then.
  if (!parsed.ok) throw new Error(`Import batch ${batch.id} no longer parses: ${parsed.message}`)
  return parsed
}

/** What importing the batch would do now: the rows to store and the rows rejected, with why. */
export async function previewImport(db: Executor, batch: BatchSummary, now: Date): Promise<ImportPlan> {
  if (!batch.mapping) throw new Refusal(409, 'not_mapped', 'Choose which columns hold what first')
  return planImport(batch.kind, await readBatch(db, batch), batch.mapping, now, recordLookup(db))
}

export type ImportReport = { imported: number; rejected: Rejection[]; blank: number }

/**
 * Imports every valid row of the batch in the caller's transaction: all of them or, if anything fails, none (the
 * transaction rolls back). The plan is made again inside the transaction, so nothing changed since the preview is
 * missed. One audit entry records the import (K4); the batch keeps the file, the mapping and the report.
 */
export async function confirmImport(trx: Trx, actor: Actor, batch: BatchSummary, now: Date): Promise<ImportReport> {
  const status = await lockBatchStatus(trx, batch.id)
  if (status === 'imported') throw new Refusal(409, 'already_imported', 'This file has already been imported')
  const plan = await previewImport(trx, batch, now)
  if (plan.kind === 'people') await insertPeople(trx, batch.id, actor.id, plan.valid, now)
  else if (plan.kind === 'matters') await insertMatters(trx, batch.id, actor.id, plan.valid, now)
  else await insertContacts(trx, batch.id, actor.id, plan.valid, now)
  const report: ImportReport = { imported: plan.valid.length, rejected: plan.rejected, blank: plan.blank }
  await finishBatch(trx, batch.id, 'imported', report, now)
  await appendAuditEntry(trx, actor, {
    action: 'import.completed',
    objectType: 'import_batch',
    objectId: batch.id,
    after: {
      kind: batch.kind,
      filename: batch.filename,
      rows: batch.rowCount,
      imported: report.imported,
      rejected: report.rejected.length,
      mapping: mappingSummary(batch.header, batch.mapping ?? {}),
    },
  })
  return report
}

/** Records that an import failed and stored nothing, after its transaction rolled back. */
export async function recordFailure(db: Executor, batch: BatchSummary, reference: string, now: Date) {
  await finishBatch(db, batch.id, 'failed', { failed: true, reference }, now)
}

function mappingSummary(header: string[], mapping: Mapping): Record<string, string> {
  return Object.fromEntries(
    Object.entries(mapping).map(([key, source]) => [
      key,
      'fixed' in source ? `every row: ${source.fixed}` : (header[source.column] ?? `column ${source.column + 1}`),
    ]),
  )
}

/** The rejected rows as CSV: the row number, why, then the row as it was in the file (formulas neutralised). */
export async function rejectedRowsCsv(db: Executor, batch: BatchSummary, rejected: Rejection[]): Promise<string> {
  const parsed = await readBatch(db, batch)
  return toCsv([
    ['Row', 'Why it was rejected', ...parsed.header],
    ...rejected.map((r) => [r.row, r.reasons.join('; '), ...(parsed.rows[r.row - rowNumber(0)] ?? [])]),
  ])
}
