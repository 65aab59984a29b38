import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { testDatabase } from '../test/helpers/database.ts'
import { testApp, testConfig } from '../test/helpers/app.ts'
import { gracefulShutdown, serve } from './main.ts'

const root = path.resolve(import.meta.dirname, '..')

// The real thing, as `npm start` runs it: a child process on a fresh database, stopped with SIGTERM.
test('serve: prints the first-administrator link on an empty database, answers /ready, and shuts down cleanly on SIGTERM', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-serve-'))
  const pg = process.env.DATABASE_URL ? await testDatabase() : undefined
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child = spawn(process.execPath, ['bin/fair-contact.js', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...(pg?.url && { DATABASE_URL: pg.url }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += String(chunk)))
  child.stderr.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  try {
    const deadline = Date.now() + 60_000
    let ready = false
    while (!ready && Date.now() < deadline) {
      ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      )
      if (!ready) await new Promise((r) => setTimeout(r, 200))
    }
    assert.ok(ready, `never became ready:\n${output}`)
    assert.match(output, /open this one-time link[\s\S]*\/first-administrator\/[A-Za-z0-9_-]{40,}/)
    // Issue 12 item 11: the link is printed once and never logged, not even in the request line of opening it.
    const token = output.match(/\/first-administrator\/([A-Za-z0-9_-]{40,})/)?.[1] ?? ''
    assert.equal((await fetch(`http://127.0.0.1:${port}/first-administrator/${token}`)).status, 200)
    if (!pg)
      assert.ok(fs.existsSync(path.join(dataDir, 'fair-contact.lock')), 'the embedded database is locked while in use')

    child.kill('SIGTERM')
    assert.equal(await exited, 0, output)
    assert.match(output, /shut down cleanly/)
    if (!pg) assert.equal(fs.existsSync(path.join(dataDir, 'fair-contact.lock')), false, 'the lock is released')
    assert.equal(output.split(token).length - 1, 1, `the first-administrator token appears once:\n${output}`)
    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { requestId?: string; req?: unknown })
    assert.ok(
      lines.filter((l) => l.req).every((l) => typeof l.requestId === 'string'),
      'request log lines carry the request id',
    )
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
    await pg?.close()
  }
})

test('graceful shutdown lets a request in flight finish, then closes the database', async () => {
  const t = await testApp()
  let entered: () => void = () => undefined
  const handlerStarted = new Promise<void>((resolve) => (entered = resolve))
  await t.app.close() // the helper's instance is ready already; build a listening one on the same database
  const { buildApp } = await import('./app.ts')
  const app = await buildApp(t.services)
  app.get('/slow', { config: { access: 'public' } }, async () => {
    entered()
    await new Promise((r) => setTimeout(r, 300))
    return 'finished'
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  assert.ok(address && typeof address === 'object')
  const response = fetch(`http://127.0.0.1:${address.port}/slow`).then(async (r) => ({
    status: r.status,
    body: await r.text(),
  }))
  await handlerStarted
  await gracefulShutdown(app, t.handle)
  assert.deepEqual(await response, { status: 200, body: 'finished' })
  await assert.rejects(t.services.db.selectFrom('staff_user').select('id').execute(), 'the database is closed')
  await assert.rejects(fetch(`http://127.0.0.1:${address.port}/health`), 'no new connections')
})

test(
  'a port already in use fails start-up at once and releases the embedded database',
  { skip: Boolean(process.env.DATABASE_URL) && 'embedded database only' },
  async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-port-'))
    const blocker = (await import('node:net')).createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const taken = (blocker.address() as { port: number }).port
    try {
      await assert.rejects(
        serve(testConfig({ DATA_DIR: dataDir, PORT: String(taken), HOST: '127.0.0.1' })),
        /EADDRINUSE/,
      )
      assert.equal(fs.existsSync(path.join(dataDir, 'fair-contact.lock')), false)
    } finally {
      blocker.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  },
)

test(
  'the embedded database refuses a second process, and takes over a lock left by one that has gone',
  { skip: Boolean(process.env.DATABASE_URL) && 'embedded database only' },
  async () => {
    const { openDatabase } = await import('./db/open.ts')
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-lock-'))
    const lockFile = path.join(dataDir, 'fair-contact.lock')
    try {
      fs.writeFileSync(lockFile, String(process.ppid))
      await assert.rejects(openDatabase(testConfig({ DATA_DIR: dataDir })), /in use by process/)
      fs.writeFileSync(lockFile, '999999999')
      const handle = await openDatabase(testConfig({ DATA_DIR: dataDir }), { migrate: false })
      assert.equal(fs.readFileSync(lockFile, 'utf8'), String(process.pid))
      await handle.close()
      assert.equal(fs.existsSync(lockFile), false)
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  },
)
