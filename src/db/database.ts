import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'
import type {
  ApiTokenTable,
  OneTimeLinkTable,
  StaffRoleTable,
  StaffSessionTable,
  StaffUserTable,
} from '../features/staff/staff.table.ts'
import type { AuditEntryTable } from '../features/audit/audit.table.ts'
import type {
  OperationalArrangementTable,
  PersonAddressTable,
  PersonAliasTable,
  PersonEmailTable,
  PersonPhoneTable,
  PersonRepresentativeTable,
  PersonTable,
  ReasonableAdjustmentTable,
} from '../features/people/people.table.ts'
import type { MatterTable } from '../features/matters/matters.table.ts'
import type { ContactTable, IncidentTable } from '../features/contacts/contacts.table.ts'
import type { SafetyMarkerTable } from '../features/safety-markers/safety-markers.table.ts'
import type {
  BankHolidayTable,
  ChallengeTable,
  ClosedMatterItemTable,
  DecisionTable,
  ProcedureCaseTable,
  ProposalTable,
  RestrictionTable,
  ReviewTable,
  WarningTable,
} from '../features/cases/cases.table.ts'
import type { LetterFileTable, LetterTable } from '../features/cases/letters.table.ts'
import type {
  AttentionStateTable,
  PersonContactDayTable,
  PersonIndicatorTable,
} from '../features/attention/attention.table.ts'
import type { ReminderTable } from '../features/reminders/reminders.table.ts'
import type { ImportBatchTable, ImportedColumns, ImportedContactColumns } from '../features/import/import.table.ts'

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
  person: PersonTable & ImportedColumns
  person_alias: PersonAliasTable
  person_email: PersonEmailTable
  person_phone: PersonPhoneTable
  person_address: PersonAddressTable
  person_representative: PersonRepresentativeTable
  reasonable_adjustment: ReasonableAdjustmentTable
  operational_arrangement: OperationalArrangementTable
  matter: MatterTable & ImportedColumns
  contact: ContactTable & ImportedContactColumns
  incident: IncidentTable
  safety_marker: SafetyMarkerTable
  import_batch: ImportBatchTable
  procedure_case: ProcedureCaseTable
  warning: WarningTable
  proposal: ProposalTable
  decision: DecisionTable
  restriction: RestrictionTable
  review: ReviewTable
  challenge: ChallengeTable
  letter: LetterTable
  letter_file: LetterFileTable
  bank_holiday: BankHolidayTable
  closed_matter_item: ClosedMatterItemTable
  person_contact_day: PersonContactDayTable
  person_indicator: PersonIndicatorTable
  attention_state: AttentionStateTable
  reminder: ReminderTable
}

export type Db = Kysely<Database>
/** A transaction or the database itself: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>
export type { Generated }
