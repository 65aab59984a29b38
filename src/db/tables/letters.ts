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
