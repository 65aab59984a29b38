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

/**
 * The database cannot be reached, or the connection a request was using was lost (PostgreSQL restarted, a failover,
 * an administrator ending sessions). The request fails with 503 (`web/errors.ts`); the pool opens new connections
 * for the next one.
 */
export class DatabaseUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The database is not answering: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'DatabaseUnavailable'
  }
}

// SQLSTATE class 08 (connection exception), 57P01-57P03 (the server ended the session or is starting or stopping),
// 53300 (too many connections).
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/
// Node's socket errors reaching the server.
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])
// node-postgres's own errors for a lost connection, and for a query on a client that lost it (e.g. the ROLLBACK that
// Kysely sends after a statement in a transaction failed because its connection was ended).
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect)$/

/** Whether an error means the database could not be reached or the connection was lost: a 503, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DatabaseUnavailable) return true
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true
    if (UNAVAILABLE_MESSAGE.test(e.message)) return true
  }
  return false
}

function warnConnectionLost(error: Error) {
  process.emitWarning(`PostgreSQL connection lost: ${error.message}`, { code: 'FAIR_CONTACT_PG_LOST' })
}

export function fromPostgres(connectionString: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // An unreachable server fails the request (503) instead of keeping it waiting for ever; the same bound applies
    // to waiting for a free connection when all are busy.
    connectionTimeoutMillis: 10_000,
    // A connection whose server vanished without closing it (a failover, a network fault) is found and dropped.
    keepAlive: true,
  })
  // A connection can be lost at any moment: while idle in the pool, or while a request or the job queue holds it
  // (between statements, or inside a transaction). node-postgres reports it as an 'error' event on the client, and
  // with no listener that event stops the process. The pool listens only while a client is idle, so every client
  // gets its own listener for its whole life. The statement in flight, if any, fails on its own (a 503); a released
  // client that has lost its connection is discarded by the pool, which opens a new one when next needed.
  pool.on('connect', (client) => {
    let reported = false
    client.on('error', (error) => {
      // One warning per connection: a terminated session is reported as an error, then as the socket closing.
      if (!reported) warnConnectionLost(error)
      reported = true
    })
  })
  // The pool repeats an idle client's error on itself; the client's own listener above has reported it.
  pool.on('error', () => undefined)
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        // Not getting a connection at all (refused, timed out, the database closed to connections) is the database
        // being unavailable, whatever PostgreSQL's reason.
        connect: () =>
          pool.connect().catch((error: unknown) => {
            throw new DatabaseUnavailable(error)
          }),
        end: () => pool.end(),
      },
    }),
  })
  return { db, kind: 'postgres', close: () => db.destroy() }
}

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded PGlite database in DATA_DIR. */
export async function connect(config: { databaseUrl: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  if (config.databaseUrl) return fromPostgres(config.databaseUrl)
  return fromPGlite(await openPGlite({ dataDir: config.dataDir }))
}
