import type { Json, RowHashes } from '../../domain/audit-chain.ts'

export interface AuditEntryTable {
  seq: number
  at: Date
  actor_id: string | null
  actor_label: string
  action: string
  object_type: string
  object_id: string | null
  reason: string | null
  before: Json | null
  after: Json | null
  /** K4 (issue 12): the hash of each record row the change wrote; null before the key, and when it wrote none. */
  row_hashes: RowHashes | null
  prev_hash: string
  hash: string
}
