import type { ColumnType, Generated } from 'kysely'

// Column types shared by the table declarations in tables/: how a column reads, inserts and updates.

/** A time that may be set on insert and changed later. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** A time set once, by the database's default, and never updated. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** A uuid[] column. */
export type Uuids = ColumnType<string[], string[] | undefined, string[]>
/** A text[] column. */
export type Texts = ColumnType<string[], string[] | undefined, string[]>
/** A jsonb column written as a JSON string and read as a value. */
export type Json<T> = ColumnType<T, string, string>
export type { Generated }
