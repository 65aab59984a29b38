import { CompiledQuery } from 'kysely'
import type PgBoss from 'pg-boss'
import type { DatabaseHandle } from '../../db/connect.ts'

/**
 * pg-boss over our own database handle, so that it runs on PostgreSQL and on the embedded PGlite alike. Every
 * statement goes through one Kysely connection (on PGlite, that is the lock that keeps it out of the service's
 * transactions). pg-boss sends its schema and maintenance scripts as several statements without parameters: PGlite
 * runs those with `exec()` only; parameterised SQL goes through `query()`. A failed script inside BEGIN … COMMIT is
 * rolled back, so the connection is never left in an aborted transaction.
 */
export function pgBossDb(handle: Pick<DatabaseHandle, 'db' | 'pglite'>): PgBoss.Db {
  return {
    // pg-boss types its values as any[]; they are passed through untouched.
    executeSql: (text: string, values?: unknown[]) =>
      handle.db.connection().execute(async (connection) => {
        try {
          if (handle.pglite && (values === undefined || values.length === 0)) {
            const results = await handle.pglite.exec(text)
            return { rows: results.at(-1)?.rows ?? [] }
          }
          const result = await connection.executeQuery(CompiledQuery.raw(text, values ?? []))
          return { rows: [...result.rows] }
        } catch (error) {
          if (/\bBEGIN\b/i.test(text))
            await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined)
          throw error
        }
      }),
  }
}
