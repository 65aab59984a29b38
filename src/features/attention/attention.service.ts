import type { Executor } from '../../db/database.ts'
import { assessAttention, type AttentionThresholds, type Indicator } from '../../domain/attention.ts'
import { listAttention, refreshAttention } from './attention.repository.ts'

export { refreshAttention } from './attention.repository.ts'

/**
 * P1, P2: the people whose contact pattern reaches a threshold, each with the indicators explained and the
 * counterweights beside them. Rows that are due (a contact since they were last worked out, or a new day) are
 * recomputed first; nothing else is written. It prompts someone to look; it never changes anyone's status.
 */
export async function attentionList(
  db: Executor,
  today: string,
  thresholds: AttentionThresholds,
  options: { indicator?: Indicator; limit: number; offset: number },
) {
  await refreshAttention(db, today, thresholds)
  const { rows, total } = await listAttention(db, options)
  return { total, rows: rows.map((row) => ({ ...row, assessment: assessAttention(row.figures, thresholds) })) }
}
