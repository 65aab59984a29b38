import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'
import type {
  ApiTokenTable,
  OneTimeLinkTable,
  StaffRoleTable,
  StaffSessionTable,
  StaffUserTable,
} from '../features/staff/staff.table.ts'
import type { AuditEntryTable } from '../features/audit/audit.table.ts'

export interface ServiceSecretTable {
  name: string
  value: string
}

/** Every table the service knows, joined into one interface for Kysely. */
export interface Database {
  staff_user: StaffUserTable
  staff_role: StaffRoleTable
  staff_session: StaffSessionTable
  one_time_link: OneTimeLinkTable
  api_token: ApiTokenTable
  audit_entry: AuditEntryTable
  service_secret: ServiceSecretTable
}

export type Db = Kysely<Database>
/** A transaction or the database itself: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>
export type { Generated }
