import type { Generated } from '../columns.ts'

/** One person's contacts on one UK calendar day, kept by triggers on `contact` (migration 20261129T1100_attention). */
export interface PersonContactDayTable {
  person_id: string
  day: string
  contacts: number
  minutes: number
  on_closed: number
  /** Channels used that day, one bit each (attention_channel_bit). */
  channels: number
  /** The distinct staff who handled that day's contacts. */
  staff: string[]
}

/** One person's figures, flags and score on `computed_on` (P1, P2). Due for recomputing once `next_due` <= today. */
export interface PersonIndicatorTable {
  person_id: string
  version: Generated<string>
  next_due: Generated<string>
  computed_on: string | null
  contacts_7: Generated<number>
  contacts_30: Generated<number>
  contacts_90: Generated<number>
  contacts_365: Generated<number>
  history: Generated<number>
  closed_matter_contacts_90: Generated<number>
  channels_7: Generated<number>
  staff_30: Generated<number>
  minutes_30: Generated<number>
  distinct_matters: Generated<number>
  complaints: Generated<number>
  complaints_decided: Generated<number>
  upheld: Generated<number>
  partly_upheld: Generated<number>
  open_matters: Generated<number>
  last_contact_on: string | null
  flags: Generated<string[]>
  score: Generated<number>
  mostly_upheld: Generated<boolean>
}

export interface AttentionStateTable {
  id: Generated<boolean>
  settings_key: string
  refreshed_on: string
}
