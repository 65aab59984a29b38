import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { main } from './cli.ts'
import { buildApp } from './app.ts'
import { openDatabase } from './db/open.ts'
import { createServices } from './services.ts'
import { testConfig } from '../test/helpers/app.ts'
import { testDatabase } from '../test/helpers/database.ts'

// The CLI as an operator runs it, in-process: it reads its settings from the environment like `npx fair-contact`.
let dataDir: string
let dropDatabase: (() => Promise<void>) | undefined
const env: Record<string, string | undefined> = { LOG_LEVEL: 'silent' }

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-cli-'))
  env.DATA_DIR = dataDir
  if (process.env.DATABASE_URL) {
    const handle = await testDatabase()
    env.DATABASE_URL = handle.url
    dropDatabase = handle.close
  }
})
after(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true })
  await dropDatabase?.()
})

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { env, out: (text) => out.push(text), err: (text) => err.push(text) })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

test('demo fills an empty database with one staff user per role, then refuses to run again', async () => {
  const demo = await cli('demo')
  assert.equal(demo.code, 0, demo.stderr)
  for (const role of [
    'Front-line staff',
    'Case officer',
    'Head of Service',
    'Chief Executive',
    'Monitoring Officer',
    'Senior reviewer',
    'Administrator',
    'Auditor',
  ]) {
    assert.match(demo.stdout, new RegExp(`${role}\\s+\\S+@demo.example.org\\s+\\S{16}`))
  }
  assert.match(demo.stdout, /Margaret Ellis\s+a genuine complainant/)
  const again = await cli('demo')
  assert.equal(again.code, 1)
  assert.match(again.stderr, /already holds staff users/)
})

test('user create adds a user with several roles and prints a one-time set-up link', async () => {
  const created = await cli(
    'user',
    'create',
    '--email',
    'Helen.Marsh@council.example',
    '--name',
    'Helen Marsh',
    '--role',
    'head_of_service',
    '--role',
    'case_officer',
  )
  assert.equal(created.code, 0, created.stderr)
  assert.match(
    created.stdout,
    /Added Helen Marsh <helen.marsh@council.example> with roles head_of_service, case_officer/,
  )
  assert.match(created.stdout, /\/set-password\/[A-Za-z0-9_-]{40,}/)
  const dup = await cli(
    'user',
    'create',
    '--email',
    'helen.marsh@council.example',
    '--name',
    'Again',
    '--role',
    'frontline',
  )
  assert.equal(dup.code, 1)
  assert.match(dup.stderr, /already exists/)
})

test('user create refuses bad arguments with the usage', async () => {
  const badRole = await cli('user', 'create', '--email', 'a@council.example', '--name', 'A', '--role', 'root')
  assert.equal(badRole.code, 2)
  assert.match(badRole.stderr, /unknown role root/)
  const noEmail = await cli('user', 'create', '--name', 'A', '--role', 'frontline')
  assert.equal(noEmail.code, 2)
  assert.match(noEmail.stderr, /--email is required/)
  const unknown = await cli('frobnicate')
  assert.equal(unknown.code, 2)
  assert.match(unknown.stderr, /Usage: fair-contact/)
})

test('F1: user create --service (repeatable) records the services a Head of Service opens cases for', async () => {
  const created = await cli(
    'user',
    'create',
    '--email',
    'rob.parks@council.example',
    '--name',
    'Rob Parks',
    '--role',
    'head_of_service',
    '--service',
    'Waste',
    '--service',
    ' Parking ',
    '--service',
    'waste',
  )
  assert.equal(created.code, 0, created.stderr)
  assert.match(
    created.stdout,
    /Added Rob Parks <rob.parks@council.example> with roles head_of_service, belonging to Parking and Waste\./,
  )
  assert.equal(created.stderr, '')
  const config = testConfig({ DATA_DIR: dataDir, ...(env.DATABASE_URL && { DATABASE_URL: env.DATABASE_URL }) })
  const handle = await openDatabase(config)
  try {
    const rows = await handle.db
      .selectFrom('staff_service')
      .innerJoin('staff_user', 'staff_user.id', 'staff_service.staff_user_id')
      .select('staff_service.service')
      .where('staff_user.email', '=', 'rob.parks@council.example')
      .orderBy('staff_service.service')
      .execute()
    assert.deepEqual(
      rows.map((r) => r.service),
      ['Parking', 'Waste'],
    )
  } finally {
    await handle.close()
  }

  const none = await cli(
    'user',
    'create',
    '--email',
    'ann.lee@council.example',
    '--name',
    'Ann Lee',
    '--role',
    'head_of_service',
  )
  assert.equal(none.code, 0, none.stderr)
  assert.match(none.stderr, /Ann Lee is a Head of Service with no services, so cannot open a case \(F1\)/)
  const long = await cli(
    'user',
    'create',
    '--email',
    'x@council.example',
    '--name',
    'X',
    '--role',
    'frontline',
    '--service',
    'x'.repeat(201),
  )
  assert.equal(long.code, 2)
  assert.match(long.stderr, /--service: A service must be 200 characters or fewer/)
})

test('token create prints the token alone on its line, and it works against the API', async () => {
  const created = await cli('token', 'create', '--email', 'helen.marsh@council.example', '--label', 'CRM')
  assert.equal(created.code, 0, created.stderr)
  const lines = created.stdout.split('\n').filter(Boolean)
  assert.equal(lines.length, 1)
  const token = lines[0] ?? ''
  assert.match(token, /^fc_[A-Za-z0-9_-]{43}$/)

  const config = testConfig({ DATA_DIR: dataDir, ...(env.DATABASE_URL && { DATABASE_URL: env.DATABASE_URL }) })
  const handle = await openDatabase(config)
  try {
    const app = await buildApp(createServices(handle, config))
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
    assert.equal(me.statusCode, 200)
    assert.deepEqual(me.json().roles, ['case_officer', 'head_of_service'])
    await app.close()
  } finally {
    await handle.close()
  }
  const nobody = await cli('token', 'create', '--email', 'nobody@council.example', '--label', 'X')
  assert.equal(nobody.code, 2)
})

test('audit: the key is created in the data directory, checkpoints anchor the trail, verify names the first bad entry (K4, issue 12 item 3)', async () => {
  // The demo (above) was the first command: it created the audit key, readable by its owner only.
  const keyFile = path.join(dataDir, 'audit.key')
  assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600)
  assert.match(fs.readFileSync(keyFile, 'utf8'), /^[0-9a-f]{64}\n$/)

  const unanchored = await cli('audit', 'verify')
  assert.equal(unanchored.code, 0, unanchored.stdout)
  assert.match(unanchored.stdout, /The audit trail's chain is intact: \d+ entries, each signed with the audit key/)
  // The first command brought the trail under the key (entry 1) and anchored that entry outside the database at once.
  assert.match(
    unanchored.stdout,
    /It holds every entry the latest checkpoint covered \(entry 1, [^)]+\); \d+ entries since then are not yet anchored/,
  )

  const checkpoint = await cli('audit', 'checkpoint')
  assert.equal(checkpoint.code, 0, checkpoint.stderr)
  const written = checkpoint.stdout.match(/^Checkpoint written: entry (\d+), at (\S+), appended to (.+)\.$/m)
  assert.ok(written, checkpoint.stdout)
  const [, head = '', , file = ''] = written
  assert.equal(file, path.join(dataDir, 'audit-checkpoints.jsonl'))
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '').seq, Number(head))

  const config = testConfig({ DATA_DIR: dataDir, ...(env.DATABASE_URL && { DATABASE_URL: env.DATABASE_URL }) })
  const tamper = async (statement: string) => {
    const handle = await openDatabase(config)
    try {
      await handle.db.transaction().execute(async (trx) => {
        await sql`alter table audit_entry disable trigger user`.execute(trx)
        await sql.raw(statement).execute(trx)
        await sql`alter table audit_entry enable trigger user`.execute(trx)
      })
    } finally {
      await handle.close()
    }
  }
  // A command that changes the record, after the checkpoint: one entry not yet anchored.
  const user = await cli(
    'user',
    'create',
    '--email',
    'audit.k4@council.example',
    '--name',
    'A K',
    '--role',
    'frontline',
  )
  assert.equal(user.code, 0, user.stderr)
  const ok = await cli('audit', 'verify')
  assert.equal(ok.code, 0, ok.stdout)
  assert.match(
    ok.stdout,
    new RegExp(`latest checkpoint covered \\(entry ${head}, .*\\); 2 entries since then are not yet anchored`),
  )

  await tamper(`delete from audit_entry where seq > ${Number(head) - 5}`)
  const removed = await cli('audit', 'verify')
  assert.equal(removed.code, 1)
  assert.match(
    removed.stdout,
    new RegExp(`entries ${Number(head) - 4} to ${head} were removed from the end of the trail`),
  )
  assert.match(
    removed.stdout,
    new RegExp(`The first bad entry is ${Number(head) - 4}; the ${Number(head) - 5} entries before it are intact`),
  )

  await tamper(`update audit_entry set reason = 'forged' where seq = 3`)
  const bad = await cli('audit', 'verify')
  assert.equal(bad.code, 1)
  assert.match(bad.stdout, /Entry 3 was altered or forged/)
  assert.match(bad.stdout, /The first bad entry is 3; the 2 entries before it are intact/)
  const refused = await cli('audit', 'checkpoint')
  assert.equal(refused.code, 1)
  assert.match(refused.stdout, /Not checkpointed: the audit trail has been tampered with. Entry 3 was altered/)
})

test('migrate status lists the migrations applied', async () => {
  const status = await cli('migrate', 'status')
  assert.equal(status.code, 0, status.stderr)
  assert.match(status.stdout, /applied 20261129T0500_service/)
})

test('check answers from the command line: the verdict first, then what to say and why (V1–V5)', async () => {
  // The demo (above) recorded Gary Hollis with a safety marker (P4).
  const answer = await cli('check', '--name', 'Gary Hollis', '--channel', 'phone')
  assert.equal(answer.code, 0, answer.stderr)
  // F6: restricted for Parking, asked with no service: the question first, and the most restrictive verdict.
  assert.match(
    answer.stdout,
    /^REDIRECT\nASK WHICH SERVICE THIS IS ABOUT FIRST\n {2}about Parking: REDIRECT\n {2}about anything else: PROCEED WITH CONDITIONS\nPerson: Gary Hollis/,
  )
  assert.match(answer.stdout, /SAFETY MARKER/)
  // S3: a new FOI request goes to its own process, whatever the restrictions.
  const foi = await cli('check', '--name', 'Gary Hollis', '--channel', 'phone', '--regarding', 'foi_request')
  assert.equal(foi.code, 0, foi.stderr)
  assert.match(foi.stdout, /^NOT THIS PROCEDURE\n/)
  const json = await cli('check', '--phone', '07700 900000', '--channel', 'email', '--json')
  assert.equal(json.code, 0, json.stderr)
  assert.equal(JSON.parse(json.stdout).verdict, 'proceed')
  const bad = await cli('check', '--phone', '07700 900000', '--channel', 'fax')
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /--channel: Choose the channel/)
})
