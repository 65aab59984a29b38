import type { Json, Timestamp } from '../columns.ts'

/** Issue 14: a council setting an administrator has changed; a setting with no row is the environment's. */
export interface CouncilSettingTable {
  key: string
  value: Json<unknown>
  updated_by: string | null
  updated_at: Timestamp
}
