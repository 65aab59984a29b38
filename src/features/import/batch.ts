import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { notFound } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { findBatch, type BatchSummary } from './import.repository.ts'

/** The batch named in the URL, when it is the signed-in user's own upload; otherwise "not found" (K6). */
export async function batchOr404(services: Services, request: FastifyRequest): Promise<BatchSummary> {
  const id = z.uuid().safeParse((request.params as { id?: string }).id)
  const staffId = request.principal?.id
  const batch = id.success && staffId ? await findBatch(services.db, id.data, staffId) : undefined
  if (!batch) throw notFound('Import')
  return batch
}

/** Where a batch's journey continues from, given how far it has got. */
export function nextStep(batch: BatchSummary): string {
  if (batch.status === 'imported' || batch.status === 'failed') return `/import/${batch.id}`
  return batch.mapping ? `/import/${batch.id}/preview` : `/import/${batch.id}/mapping`
}

export const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
