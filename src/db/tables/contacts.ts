import type { CreatedAt, Generated } from '../columns.ts'
import type { Channel, Direction, IncidentCategory, Severity } from '../../domain/contacts.ts'

export interface ContactTable {
  id: Generated<string>
  person_id: string
  matter_id: string | null
  channel: Channel
  direction: Direction
  at: Date
  staff_user_id: string | null
  summary: string
  minutes_spent: number | null
  recorded_by: string | null
  recorded_at: CreatedAt
}

export interface IncidentTable {
  id: Generated<string>
  person_id: string
  contact_id: string | null
  at: Date
  category: IncidentCategory
  severity: Severity
  description: string
  witnesses: string | null
  police_reference: string | null
  recorded_by: string | null
  recorded_at: CreatedAt
}
