import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'
import { toRecord } from '../../audit/audit.ts'
import type { ChainedAuditRecord } from '../../domain/audit-chain.ts'

export interface AuditFilter {
  actor?: string | undefined
  action?: string | undefined
  objectType?: string | undefined
  objectId?: string | undefined
  from?: Date | undefined
  to?: Date | undefined
  /** Show entries with seq below this (newest first, keyset paging). */
  before?: number | undefined
}

export async function listAuditEntries(
  db: Executor,
  filter: AuditFilter,
  limit: number,
): Promise<ChainedAuditRecord[]> {
  let query = db.selectFrom('audit_entry').selectAll()
  if (filter.actor) {
    const like = `%${escapeLike(filter.actor)}%`
    query = query.where((eb) =>
      eb.or([eb('actor_label', 'ilike', like), eb(sql<string>`actor_id::text`, '=', filter.actor ?? '')]),
    )
  }
  if (filter.action) query = query.where('action', '=', filter.action)
  if (filter.objectType) query = query.where('object_type', '=', filter.objectType)
  if (filter.objectId) query = query.where('object_id', '=', filter.objectId)
  if (filter.from) query = query.where('at', '>=', filter.from)
  if (filter.to) query = query.where('at', '<', filter.to)
  if (filter.before) query = query.where('seq', '<', filter.before)
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute()
  return rows.map(toRecord)
}

export async function distinctAuditValues(db: Executor): Promise<{ actions: string[]; objectTypes: string[] }> {
  const [actions, objectTypes] = await Promise.all([
    db.selectFrom('audit_entry').select('action').distinct().orderBy('action').execute(),
    db.selectFrom('audit_entry').select('object_type').distinct().orderBy('object_type').execute(),
  ])
  return { actions: actions.map((r) => r.action), objectTypes: objectTypes.map((r) => r.object_type) }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
