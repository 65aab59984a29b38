import type { ColumnType } from 'kysely'
import type { CreatedAt, Generated, Timestamp } from '../columns.ts'
import type { Json } from '../../domain/audit-chain.ts'
import type { ImportKind } from '../../domain/import-fields.ts'

type JsonColumn<T> = ColumnType<T, string, string>

export interface ImportBatchTable {
  id: Generated<string>
  kind: ImportKind
  filename: string
  csv: string
  header: JsonColumn<string[]>
  row_count: number
  status: Generated<'uploaded' | 'mapped' | 'imported' | 'failed'>
  mapping: JsonColumn<Record<string, number>> | null
  report: JsonColumn<Json> | null
  created_by: string | null
  created_at: CreatedAt
  imported_at: Timestamp | null
}

/** Columns the import migration adds to `person` and `matter`: the CRM's own identifier and the batch a row came from. */
export interface ImportedColumns {
  external_ref: string | null
  import_batch_id: string | null
}

/** The column the import migration adds to `contact`. */
export interface ImportedContactColumns {
  import_batch_id: string | null
}
