import assert from 'node:assert/strict'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { SMTPServer } from 'smtp-server'
import { testApp, testConfig } from '../../../test/helpers/app.ts'
import { TEST_AUDIT_KEY } from '../../../test/helpers/database.ts'
import { appendAuditEntry } from '../../audit/audit.ts'
import { checkpointFile } from '../../audit/checkpoint.ts'
import { checkpointSigned, parseCheckpoint } from '../../domain/audit-chain.ts'
import { dailyTasks } from '../reminders/daily-tasks.ts'
import { verifyTrail, writeCheckpoint } from './audit.service.ts'

// Issue 12 item 3, K4: the daily job (07:00, with the reminders) writes a checkpoint: the signed head of the trail,
// appended to the checkpoint file, written to the log, and emailed to the auditors, against a real SMTP server.

interface Received {
  to: string[]
  subject: string
  body: string
}

async function smtpServer() {
  const messages: Received[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        const body = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: raw.match(/^Subject: (.*)$/m)?.[1]?.trim() ?? '',
          body,
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return { messages, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const smtp = await smtpServer()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-checkpoints-'))
const t = await testApp({
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtp.port),
  AUDIT_CHECKPOINT_DIR: dir,
  AUDIT_CHECKPOINT_EMAIL: 'auditor@council.example, internal.audit@council.example',
})
after(async () => {
  await t.close()
  await smtp.close()
  fs.rmSync(dir, { recursive: true, force: true })
})
const db = t.services.db

describe('K4: checkpoints, daily and on demand (issue 12 item 3)', () => {
  test('the daily job writes the signed head to the file and the log, and emails it to the auditors', async () => {
    for (const n of ['1', '2', '3']) {
      await db
        .transaction()
        .execute((trx) => appendAuditEntry(trx, { id: null, label: 'Test' }, { action: 'thing.made', objectType: n }))
    }
    const task = dailyTasks.find((d) => d.name === 'audit checkpoint')
    assert.ok(task, 'a daily task')
    const logged: { obj: object; msg: string }[] = []
    await task.run({
      db,
      config: t.config,
      now: () => new Date('2027-01-04T07:00:00Z'),
      queueReminders: async () => undefined,
      log: { info: (obj, msg) => logged.push({ obj, msg }) },
    })

    const lines = fs.readFileSync(checkpointFile(dir), 'utf8').trim().split('\n')
    assert.equal(lines.length, 1)
    const checkpoint = parseCheckpoint(lines[0] ?? '')
    assert.ok(checkpoint)
    assert.equal(checkpoint.at, '2027-01-04T07:00:00.000Z')
    assert.equal(checkpointSigned(TEST_AUDIT_KEY, checkpoint), true)
    const head = await db
      .selectFrom('audit_entry')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    assert.deepEqual({ seq: checkpoint.seq, hash: checkpoint.hash }, head)
    assert.deepEqual(
      logged
        .filter((l) => l.msg === 'audit checkpoint')
        .map((l) => (l.obj as { auditCheckpoint: unknown }).auditCheckpoint),
      [checkpoint],
    )

    assert.deepEqual(
      smtp.messages
        .map((m) => m.to)
        .flat()
        .sort(),
      ['auditor@council.example', 'internal.audit@council.example'],
    )
    for (const message of smtp.messages) {
      assert.equal(message.subject, `Audit checkpoint: entry ${checkpoint.seq}`)
      assert.ok(message.body.includes(lines[0] ?? '-'), 'the checkpoint line, to keep')
    }

    const report = await verifyTrail(db, checkpointFile(dir))
    assert.equal(report.ok, true)
    assert.equal(report.checkpoint?.seq, checkpoint.seq)
    assert.equal(report.unanchored, 0)
  })

  test("the auditors' emailed copy verifies the trail on its own (audit verify --checkpoints FILE)", async () => {
    const copy = path.join(dir, 'from-email.jsonl')
    const message = smtp.messages[0]
    assert.ok(message)
    const line = message.body.split(/\r?\n/).find((l) => l.startsWith('{"seq"'))
    assert.ok(line)
    fs.writeFileSync(copy, `${line}\n`)
    await db
      .transaction()
      .execute((trx) => appendAuditEntry(trx, { id: null, label: 'Test' }, { action: 'thing.made', objectType: 'x' }))
    const report = await verifyTrail(db, copy)
    assert.equal(report.ok, true)
    assert.equal(report.unanchored, 1)
  })

  test('without SMTP the checkpoint is still written, and says it was not emailed', async () => {
    const config = testConfig({ AUDIT_CHECKPOINT_DIR: dir, AUDIT_CHECKPOINT_EMAIL: 'auditor@council.example' })
    const written = await writeCheckpoint(db, config, { now: new Date(), log: { info: () => undefined } })
    assert.ok(written)
    assert.deepEqual(written.emailed, [])
    assert.equal(written.notEmailed, 'not sent: no SMTP configured')
    assert.equal(fs.readFileSync(checkpointFile(dir), 'utf8').trim().split('\n').length, 2)
  })
})
