import type { Generated } from '../columns.ts'

// What a person sends on a matter whose correspondence is closed (F11): read, then acted on.

export interface ClosedMatterItemTable {
  id: Generated<string>
  person_id: string
  matter_id: string
  contact_id: string
  restriction_id: string
  reply: 'acknowledge' | 'file_without_acknowledgement'
  received_at: Date
  read_at: Date | null
  read_by: string | null
  fresh_evidence: boolean | null
  safeguarding_concern: boolean | null
  notes: string | null
  action: 'acknowledge' | 'file_without_acknowledgement' | 'refer_for_reconsideration' | 'new_matter' | null
  actioned_at: Date | null
  actioned_by: string | null
  new_matter_id: string | null
}
