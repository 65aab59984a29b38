import type { Json } from '../../domain/audit-chain.ts'

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
  prev_hash: string
  hash: string
}
