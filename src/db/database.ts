import type { Kysely, Transaction } from 'kysely'
import type { AttentionStateTable, PersonContactDayTable, PersonIndicatorTable } from './tables/attention.ts'
import type { AuditEntryTable } from './tables/audit.ts'
import type { BankHolidayTable } from './tables/bank-holidays.ts'
import type { ProcedureCaseTable, WarningTable } from './tables/cases.ts'
import type { ClosedMatterItemTable } from './tables/closed-matters.ts'
import type { ContactTable, IncidentTable } from './tables/contacts.ts'
import type { ImportBatchTable, ImportedColumns, ImportedContactColumns } from './tables/import.ts'
import type { LetterDeliveryTable, LetterFileTable, LetterTable } from './tables/letters.ts'
import type { MatterTable } from './tables/matters.ts'
import type {
  OperationalArrangementTable,
  PersonAddressTable,
  PersonAliasTable,
  PersonEmailTable,
  PersonPhoneTable,
  PersonRepresentativeTable,
  PersonTable,
  ReasonableAdjustmentTable,
} from './tables/people.ts'
import type { DecisionTable, ProposalTable } from './tables/proposals.ts'
import type { ReminderTable } from './tables/reminders.ts'
import type { ChallengeTable, RestrictionTable, ReviewTable } from './tables/restrictions.ts'
import type { SafetyMarkerReviewTable, SafetyMarkerTable } from './tables/safety-markers.ts'
import type { CouncilSettingTable } from './tables/settings.ts'
import type {
  ApiTokenTable,
  OneTimeLinkTable,
  StaffRoleTable,
  StaffServiceTable,
  StaffSessionTable,
  StaffUserTable,
} from './tables/staff.ts'

// Storage knows no feature: every table is declared in tables/ (one file per part of the record), and this file
// joins them for Kysely. A migration in migrations/ changes the schema; the table file beside it says the same.

export interface ServiceSecretTable {
  name: string
  value: string
}

/** Every table the service knows, joined into one interface for Kysely. */
export interface Database {
  staff_user: StaffUserTable
  staff_role: StaffRoleTable
  staff_service: StaffServiceTable
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
  safety_marker_review: SafetyMarkerReviewTable
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
  letter_delivery: LetterDeliveryTable
  bank_holiday: BankHolidayTable
  closed_matter_item: ClosedMatterItemTable
  person_contact_day: PersonContactDayTable
  person_indicator: PersonIndicatorTable
  attention_state: AttentionStateTable
  reminder: ReminderTable
  council_setting: CouncilSettingTable
}

export type Db = Kysely<Database>
/** A transaction or the database itself: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>
