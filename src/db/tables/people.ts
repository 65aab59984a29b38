import type { CreatedAt, Generated, Timestamp } from '../columns.ts'

export interface PersonTable {
  id: Generated<string>
  full_name: string
  name_key: string
  date_of_birth: string | null
  is_councillor: Generated<boolean>
  merged_into: string | null
  created_by: string | null
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface PersonAliasTable {
  id: Generated<string>
  person_id: string
  alias: string
  name_key: string
}

export interface PersonEmailTable {
  id: Generated<string>
  person_id: string
  email: string
}

export interface PersonPhoneTable {
  id: Generated<string>
  person_id: string
  e164: string
}

export interface PersonAddressTable {
  id: Generated<string>
  person_id: string
  line1: string
  line2: string | null
  town: string | null
  postcode: string
}

export interface PersonRepresentativeTable {
  id: Generated<string>
  person_id: string
  representative_id: string
  relationship: string
  consent_recorded: Generated<boolean>
  created_at: CreatedAt
}

export interface ReasonableAdjustmentTable {
  id: Generated<string>
  person_id: string
  need: string
  agreed_adjustment: string
  agreed_on: string | null
  last_reviewed_on: string | null
  created_at: CreatedAt
}

export interface OperationalArrangementTable {
  id: Generated<string>
  person_id: string
  kind: 'arrangement' | 'informal_warning'
  service: string
  description: string
  started_on: string
  ended_on: string | null
  outcome: string | null
  recorded_by: string | null
  recorded_at: CreatedAt
}
