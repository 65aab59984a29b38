import fs from 'node:fs/promises'
import { Kysely, PostgresDialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import pg from 'pg'
import type { Database } from './database.ts'

export type DatabaseKind = 'pglite' | 'postgres'

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DatabaseKind
  /** The embedded database itself, when it is one: pg-boss sends its multi-statement SQL to `exec()` (reminders). */
  pglite?: PGlite
  /** Closes the pool or the embedded database cleanly. */
  close: () => Promise<void>
}

// int8 (count, bigint sequence numbers) reads as a JS number on both databases; values stay far below 2^53.
const INT8 = 20
pg.types.setTypeParser(INT8, (value) => Number(value))
// A calendar date stays the text `YYYY-MM-DD`: turning it into a Date at local midnight shifts it across time zones.
const DATE = 1082
pg.types.setTypeParser(DATE, (value) => value)

export const pgliteExtensions = { pg_trgm }

export async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<PGlite> {
  if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true })
  return PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: pgliteExtensions,
    parsers: { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value },
  })
}

export function fromPGlite(pglite: PGlite): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}

export function fromPostgres(connectionString: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: poolSize })
  // A connection lost while idle in the pool (PostgreSQL restarted, a failover, an administrator ending sessions) is
  // reported on the pool; without a listener node-postgres would crash the process. The pool drops the client and
  // opens a new one when next needed; the next query fails or succeeds on its own.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL connection lost while idle: ${error.message}`, { code: 'FAIR_CONTACT_PG_IDLE' })
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', close: () => db.destroy() }
}

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded PGlite database in DATA_DIR. */
export async function connect(config: { databaseUrl: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  if (config.databaseUrl) return fromPostgres(config.databaseUrl)
  return fromPGlite(await openPGlite({ dataDir: config.dataDir }))
}
