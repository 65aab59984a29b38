import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { testDatabase } from '../test/helpers/database.ts'

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
    if (!pg)
      assert.ok(fs.existsSync(path.join(dataDir, 'fair-contact.lock')), 'the embedded database is locked while in use')

    // A request in flight when SIGTERM arrives still gets its answer.
    const inFlight = fetch(`http://127.0.0.1:${port}/sign-in`).then((r) => r.status)
    await new Promise((r) => setTimeout(r, 5))
    child.kill('SIGTERM')
    assert.equal(await inFlight, 200)
    assert.equal(await exited, 0, output)
    assert.match(output, /shut down cleanly/)
    if (!pg) assert.equal(fs.existsSync(path.join(dataDir, 'fair-contact.lock')), false, 'the lock is released')
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
