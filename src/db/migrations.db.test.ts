import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql, type Kysely } from 'kysely'
import { testDatabase } from '../../test/helpers/database.ts'
import { migrateAllDown, migrateToLatest, migrationStatus } from './migrate.ts'

const tables = async <DB>(db: Kysely<DB>) =>
  (
    await sql<{
      table_name: string
    }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(
      db,
    )
  ).rows.map((r) => r.table_name)

test('migrations go all the way down and up again cleanly', async () => {
  const handle = await testDatabase()
  try {
    const up = await tables(handle.db)
    assert.ok(up.includes('audit_entry') && up.includes('staff_user'))
    const down = await migrateAllDown(handle.db)
    assert.ok(down.length >= 1)
    assert.deepEqual(await tables(handle.db), [])
    assert.ok((await migrationStatus(handle.db)).every((m) => m.executedAt === undefined))
    await migrateToLatest(handle.db)
    assert.deepEqual(await tables(handle.db), up)
    assert.deepEqual(await migrateToLatest(handle.db), [], 'running again does nothing')
  } finally {
    await handle.close()
  }
})
