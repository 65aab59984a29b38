import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.ts'
import { connect, type DatabaseHandle } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

// The embedded database is one process's at a time: a second process opening the same directory would corrupt it.
// A lock file in DATA_DIR says which process has it, so the CLI can refuse clearly while the service runs.
function lockEmbedded(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const lockFile = path.join(dataDir, 'fair-contact.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' creates the file only if it does not exist: two processes starting together cannot both get it.
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      return () => fs.rmSync(lockFile, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(fs.readFileSync(lockFile, 'utf8'))
    if (holder && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. Stop Fair Contact first, or use PostgreSQL (DATABASE_URL) to run several processes.`,
      )
    }
    // Left by a process that has gone: take it over.
    fs.rmSync(lockFile, { force: true })
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}: another process is starting. Try again.`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Config, options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const unlock = config.databaseUrl ? () => undefined : lockEmbedded(config.dataDir)
  try {
    const handle = await connect(config)
    if (options.migrate ?? true) await migrateToLatest(handle.db)
    return {
      ...handle,
      close: async () => {
        await handle.close()
        unlock()
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}
