// Import rate: 10,000 people, then 100,000 contacts referring to them, imported from CSV on the embedded PGlite
// database (and on PostgreSQL when DATABASE_URL is set), through the same service calls the import pages make.
//
//   node --import tsx scripts/bench-import.ts
//
// Settings (environment), all optional:
//   BENCH_PEOPLE=10000       people in the people file
//   BENCH_CONTACTS=100000    contacts in the contacts file
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
//                            a PostgreSQL server: a throwaway database is created on it and dropped after
//
// Each run starts from a freshly migrated, empty database. Phases timed: upload (decode, parse, store the file),
// preview (read every row, look up the references), import (the single transaction that stores every row).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { fromPGlite, fromPostgres, openPGlite, type DatabaseHandle } from '../src/db/connect.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { useAuditKey } from '../src/audit/key.ts'
import type { ImportKind } from '../src/domain/import-fields.ts'
import { guessMapping, type Mapping } from '../src/domain/import.ts'
import type { Actor } from '../src/audit/audit.ts'
import { findBatch, saveMapping } from '../src/features/import/import.repository.ts'
import { confirmImport, previewImport, receiveUpload } from '../src/features/import/import.service.ts'
import { insertStaffUser } from '../src/features/staff/staff.repository.ts'

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new Error(`${name} must be 1 to 1,000,000`)
  return value
}
const PEOPLE = int('BENCH_PEOPLE', 10_000)
const CONTACTS = int('BENCH_CONTACTS', 100_000)

// A fixed seed, so every run imports the same files.
let seed = 20261129
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  return seed / 2_147_483_648
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

const FIRST = ['Ann', 'Bob', 'Chidi', 'Dev', 'Eilidh', 'Fatima', 'Gareth', 'Hannah', 'Ifeoma', 'Jack', 'Kasia', 'Liam']
const LAST = ['Smith', 'Jones', 'Patel', 'Okafor', 'Williams', 'Brown', 'Nowak', 'Taylor', 'Evans', 'Khan', 'Murphy']
const TOWNS = ['Northampton', 'Kettering', 'Corby', 'Wellingborough', 'Daventry']
const CHANNELS = ['Telephone', 'Email', 'Letter', 'Face to face', 'Web form']
const TOPICS = ['missed bin collection', 'council tax bill', 'pothole on the high street', 'housing repair', 'planning']

const csvRow = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')
const two = (n: number) => String(n).padStart(2, '0')

function peopleCsv(): string {
  const lines = ['Customer ID,First Name,Last Name,Email Address,Telephone,Address Line 1,Town,Postcode,Date of Birth']
  for (let i = 1; i <= PEOPLE; i++) {
    lines.push(
      csvRow([
        `C${String(i).padStart(7, '0')}`,
        pick(FIRST),
        pick(LAST),
        `person${i}@example.org`,
        `07700 900${String(i % 1000).padStart(3, '0')}`,
        `${1 + (i % 200)} ${pick(['High Street', 'Mill Lane', 'Church Road', 'Station Road'])}`,
        pick(TOWNS),
        `NN${1 + (i % 18)} ${1 + (i % 9)}${pick(['AB', 'DX', 'QP', 'RT'])}`,
        `${two(1 + (i % 28))}/${two(1 + (i % 12))}/${1940 + (i % 60)}`,
      ]),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

function contactsCsv(): string {
  const lines = ['Customer ID,Contact Method,Direction,Date,Notes,Duration']
  for (let i = 1; i <= CONTACTS; i++) {
    // Working hours on days in 2024 and 2025: never the hour the clocks change.
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 730) * 86_400_000)
    lines.push(
      csvRow([
        `C${String(1 + Math.floor(random() * PEOPLE)).padStart(7, '0')}`,
        pick(CHANNELS),
        pick(['Inbound', 'Inbound', 'Outbound']),
        `${two(day.getUTCDate())}/${two(day.getUTCMonth() + 1)}/${day.getUTCFullYear()} ${two(8 + Math.floor(random() * 10))}:${two(Math.floor(random() * 60))}`,
        `About the ${pick(TOPICS)}, contact ${i}. Asked for an update, "again".`,
        String(Math.floor(random() * 45)),
      ]),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

interface Timing {
  kind: ImportKind
  rows: number
  bytes: number
  uploadMs: number
  previewMs: number
  importMs: number
}

async function importFile(handle: DatabaseHandle, actor: Actor, kind: ImportKind, csv: string): Promise<Timing> {
  const now = new Date()
  const bytes = Buffer.from(csv)
  let started = performance.now()
  const received = await receiveUpload(handle.db, actor, { kind, filename: `${kind}.csv`, bytes }, now)
  if (!('id' in received)) throw new Error(received.message)
  const uploadMs = performance.now() - started
  const unmapped = await findBatch(handle.db, received.id, actor.id ?? '')
  if (!unmapped) throw new Error('batch not found')
  const mapping: Mapping = guessMapping(kind, unmapped.header)
  await saveMapping(handle.db, received.id, mapping)
  const batch = { ...unmapped, mapping }

  started = performance.now()
  const plan = await previewImport(handle.db, batch, now)
  const previewMs = performance.now() - started
  if (plan.rejected.length)
    throw new Error(`${plan.rejected.length} rows rejected, e.g. ${JSON.stringify(plan.rejected[0])}`)

  started = performance.now()
  const report = await handle.db.transaction().execute((trx) => confirmImport(trx, actor, batch, now))
  const importMs = performance.now() - started
  if (report.imported !== plan.valid.length) throw new Error('imported a different number of rows')
  return { kind, rows: report.imported, bytes: bytes.length, uploadMs, previewMs, importMs }
}

async function run(name: string, handle: DatabaseHandle, files: { people: string; contacts: string }) {
  await migrateToLatest(handle.db)
  const id = await insertStaffUser(handle.db, { email: 'bench@council.example', name: 'Bench', passwordHash: null })
  const actor: Actor = { id, label: 'Bench <bench@council.example>' }
  console.log(`\n${name}`)
  console.log(
    'file        rows      MB   upload s  preview s  import s   total s   rows/s (import)  rows/s (end to end)',
  )
  for (const kind of ['people', 'contacts'] as const) {
    const t = await importFile(handle, actor, kind, files[kind])
    const total = t.uploadMs + t.previewMs + t.importMs
    console.log(
      [
        kind.padEnd(8),
        String(t.rows).padStart(8),
        (t.bytes / 1024 / 1024).toFixed(1).padStart(7),
        (t.uploadMs / 1000).toFixed(2).padStart(10),
        (t.previewMs / 1000).toFixed(2).padStart(10),
        (t.importMs / 1000).toFixed(2).padStart(9),
        (total / 1000).toFixed(2).padStart(9),
        Math.round(t.rows / (t.importMs / 1000))
          .toLocaleString('en-GB')
          .padStart(16),
        Math.round(t.rows / (total / 1000))
          .toLocaleString('en-GB')
          .padStart(20),
      ].join('  '),
    )
  }
}

async function main() {
  useAuditKey(randomBytes(32)) // K4: the import's audit entry is signed; any key will do here
  const files = { people: peopleCsv(), contacts: contactsCsv() }
  console.log(
    `Import benchmark: ${PEOPLE.toLocaleString('en-GB')} people, ${CONTACTS.toLocaleString('en-GB')} contacts`,
  )
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}`)

  const pglite = fromPGlite(await openPGlite())
  try {
    await run('PGlite (embedded, in memory)', pglite, files)
  } finally {
    await pglite.close()
  }

  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) return console.log('\nPostgreSQL: skipped (set DATABASE_URL to a server to include it)')
  const url = new URL(serverUrl)
  const name = `fair_contact_bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  url.pathname = `/${name}`
  const postgres = fromPostgres(url.toString(), 2)
  try {
    await run(`PostgreSQL (${url.host}, throwaway database)`, postgres, files)
  } finally {
    await postgres.close()
    await admin.query(`drop database if exists "${name}" with (force)`)
    await admin.end()
  }
}

await main()
