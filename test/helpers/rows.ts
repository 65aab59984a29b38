import { sql, type Selectable } from 'kysely'
import type { Database } from '../../src/db/database.ts'
import type { TestApp } from './app.ts'

// Reading the record back in a test: rows by their values, whole tables, counts, and the audit trail.

/** The actions of the audit trail, oldest first. */
export async function auditActions(t: TestApp): Promise<string[]> {
  const rows = await t.services.db.selectFrom('audit_entry').select('action').orderBy('seq').execute()
  return rows.map((r) => r.action)
}

/** The newest audit entry with this action. */
export function latestAudit(t: TestApp, action: string) {
  return t.services.db
    .selectFrom('audit_entry')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
}

/** How many rows a table holds: counted before and after a refused request, it shows that nothing was stored. */
export async function rowCount(t: TestApp, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.services.db)
  return Number(rows[0]?.n)
}

type Row<T extends keyof Database> = Selectable<Database[T]>

/** Every row of a table whose columns have these values, with all its columns. */
export async function rowsWhere<T extends keyof Database & string>(
  t: TestApp,
  table: T,
  match: Partial<Row<T>>,
): Promise<Row<T>[]> {
  const conditions = Object.entries(match).map(([column, value]) => sql`${sql.ref(column)} = ${value}`)
  const query = sql<Row<T>>`select * from ${sql.table(table)} where ${sql.join(conditions, sql` and `)}`
  return (await query.execute(t.services.db)).rows
}

/** Every row of a table, with all its columns, in the order of one column. */
export async function allRows<T extends keyof Database & string>(
  t: TestApp,
  table: T,
  orderBy: keyof Row<T> & string,
): Promise<Row<T>[]> {
  const query = sql<Row<T>>`select * from ${sql.table(table)} order by ${sql.ref(orderBy)}`
  return (await query.execute(t.services.db)).rows
}

/** The row of a table whose columns have these values, with all its columns; throws if there is none. */
export async function rowWhere<T extends keyof Database & string>(
  t: TestApp,
  table: T,
  match: Partial<Row<T>>,
): Promise<Row<T>> {
  const [row] = await rowsWhere(t, table, match)
  if (!row) throw new Error(`no ${table} row with ${JSON.stringify(match)}`)
  return row
}

/** The rows each table holds, table by table. */
export async function rowCounts<T extends string>(t: TestApp, tables: readonly T[]): Promise<Record<T, number>> {
  const counts = {} as Record<T, number>
  for (const table of tables) counts[table] = await rowCount(t, table)
  return counts
}
