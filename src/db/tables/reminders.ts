import type { CreatedAt, Generated } from '../columns.ts'
import type { DueKind, ReminderStage } from '../../domain/due.ts'

export type ReminderStatus = 'sending' | 'sent' | 'not_sent' | 'failed'

/** One reminder email to one staff user: unique per (item, due date, stage, recipient). */
export interface ReminderTable {
  id: Generated<string>
  item_kind: DueKind
  item_id: string
  due_on: string
  stage: ReminderStage
  recipient_id: string
  recipient_email: string
  subject: string
  link: string
  status: Generated<ReminderStatus>
  error: string | null
  attempts: Generated<number>
  created_at: CreatedAt
  sent_at: Date | null
}
