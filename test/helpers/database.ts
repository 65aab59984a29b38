import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { fromPGlite, fromPostgres, openPGlite, type DatabaseHandle } from '../../src/db/connect.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { useAuditKey } from '../../src/audit/key.ts'

/** K4: the tests' audit key (a real service reads its own from AUDIT_KEY, AUDIT_KEY_FILE or DATA_DIR/audit.key). */
export const TEST_AUDIT_KEY = Buffer.from('fair-contact tests: the audit key, never used outside the tests')

const root = path.resolve(import.meta.dirname, '../..')

/** Changes when a migration or the PGlite version changes, so a stale template is never used. */
function templateKey(): string {
  const hash = createHash('sha256')
  const dir = path.join(root, 'src/db/migrations')
  for (const file of fs.readdirSync(dir).sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)))
  hash.update(fs.readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json')))
  return hash.digest('hex').slice(0, 16)
}

// Creating a PGlite database takes seconds; loading a migrated one from a dump takes a fraction of that. The dump is
// made once per migration set and shared by every test file (each still gets its own database).
async function pgliteTemplate(): Promise<Blob> {
  const dir = path.join(os.tmpdir(), 'fair-contact-tests')
  const file = path.join(dir, `pglite-${templateKey()}.tar.gz`)
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true })
    const pglite = await openPGlite()
    await migrateToLatest(fromPGlite(pglite).db)
    const dump = await pglite.dumpDataDir('gzip')
    await pglite.close()
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
    fs.renameSync(partial, file)
  }
  return new Blob([fs.readFileSync(file)])
}

/**
 * A fresh, migrated database for one test file: PGlite by default, or a new database on the PostgreSQL server in
 * DATABASE_URL (created here and dropped on close).
 */
export async function testDatabase(): Promise<DatabaseHandle & { url?: string }> {
  useAuditKey(TEST_AUDIT_KEY)
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) return fromPGlite(await openPGlite({ loadDataDir: await pgliteTemplate() }))

  const url = new URL(serverUrl)
  const name = `${url.pathname.slice(1) || 'fair_contact'}_t${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  await admin.end()
  url.pathname = `/${name}`
  const handle = fromPostgres(url.toString(), 5)
  await migrateToLatest(handle.db)
  return {
    ...handle,
    url: url.toString(),
    kind: 'postgres',
    close: async () => {
      await handle.close()
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists "${name}" with (force)`)
      await dropper.end()
    },
  }
}
