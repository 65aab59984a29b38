import type { ColumnType } from 'kysely'
import type { Generated } from '../columns.ts'

export interface LetterTable {
  id: Generated<string>
  case_id: string
  person_id: string
  type: string
  reference: string
  /** The letter's content (`LetterContent`) exactly as issued. */
  content: ColumnType<unknown, string, never>
  large_print: boolean
  sha256: string
  corrects: string | null
  issued_by: string
  issued_at: Date
}

export interface LetterFileTable {
  letter_id: string
  format: 'pdf' | 'docx'
  large_print: boolean
  bytes: Uint8Array
  sha256: string
}

/** F9 (issue 14): how a letter goes to the person, and whether it got there. */
export interface LetterDeliveryTable {
  letter_id: string
  method: 'post' | 'email' | 'print'
  status: 'pending' | 'sent' | 'delivered' | 'returned' | 'failed'
  updated_at: Date
  /** Notify's id for the notification, once sent through Notify. */
  notify_id: string | null
  /** Sending attempts so far (the job gives up, 'failed', after a few). */
  attempts: Generated<number>
  /** When the dispatcher queued the sending job; null until then. */
  queued_at: Date | null
  /** Why it failed or was returned, in words (never personal data). */
  detail: string | null
  /** Who marked a printed letter posted. */
  posted_by: string | null
}
