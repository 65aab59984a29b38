import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely'
import { migrations } from './migrations/index.ts'

// Migrations see the database untyped: they must not depend on today's table types.
function migrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db: db as unknown as Kysely<unknown>, provider: { getMigrations: async () => migrations } })
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName
    throw new Error(`Migration ${failed ?? ''} failed: ${String(result.error)}`, { cause: result.error })
  }
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}`)
}

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  // pg_trgm is shipped with both databases; person search (issue 3) relies on it.
  await sql`create extension if not exists pg_trgm`.execute(db)
  return unwrap(await migrator(db).migrateToLatest())
}

export async function migrateDown<DB>(db: Kysely<DB>): Promise<string[]> {
  return unwrap(await migrator(db).migrateDown())
}

export async function migrateAllDown<DB>(db: Kysely<DB>): Promise<string[]> {
  const done: string[] = []
  for (;;) {
    const step = unwrap(await migrator(db).migrateDown())
    if (step.length === 0) return done
    done.push(...step)
  }
}

export async function migrationStatus<DB>(db: Kysely<DB>): Promise<{ name: string; executedAt: Date | undefined }[]> {
  const all = await migrator(db).getMigrations()
  return all.map((m) => ({ name: m.name, executedAt: m.executedAt }))
}
