import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { SMTPServer } from 'smtp-server'
import { sql } from 'kysely'
import { fromPostgres } from '../../db/connect.ts'
import {
  createStaff,
  openAs,
  pageText,
  signedIn,
  testConfig,
  type Api,
  type TestApp,
} from '../../../test/helpers/app.ts'
import { allRows } from '../../../test/helpers/rows.ts'
import { procedureApp } from '../../../test/helpers/procedure.ts'
import { createMailer, NO_SMTP } from './mailer.ts'
import type { Role } from '../../domain/roles.ts'
import { deliverReminder, planReminders, type ReminderJob } from './reminders.service.ts'
import { DAILY_CRON, DAILY_QUEUE, startScheduler, type Scheduler } from './scheduler.ts'
import { LETTER_DISPATCH_QUEUE } from '../letters/delivery-jobs.ts'

// Reminders by email (issue 6), against a real SMTP server started here (smtp-server), with pg-boss running the jobs
// in the test's own database.

interface Received {
  to: string[]
  subject: string
  body: string
}

/** A real SMTP server on a free port that keeps every message it receives. */
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
        // Quoted-printable soft line breaks and escapes, enough to read the text back.
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

const log = {
  info: () => undefined,
  error: (obj: object, msg: string) => console.error(msg, obj),
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await condition()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.fail(`timed out waiting for ${what}`)
}

const smtp = await smtpServer()
const { t, c } = await procedureApp({
  env: {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    BASE_URL: 'https://fair-contact.example.gov.uk',
    REMINDER_DAYS_BEFORE: '5',
  },
  now: '2026-12-10T10:00:00Z',
})
const ids: Record<string, string> = {}

before(async () => {
  // F10: a challenge to a warning, received Wednesday 16 December 2026: 10 working days later, around Christmas, is
  // Monday 4 January 2027. Everyone who took part in the case is excluded from deciding it.
  const w = await c.warnedCase({ fullName: 'Gary Hollis' })
  ids.person = w.personId
  t.clock.now = new Date('2026-12-16T10:00:00Z')
  const challenge = await c.challenge('warnings', w.warningId, { receivedOn: '2026-12-16', grounds: 'Untrue.' })
  assert.equal(challenge.respondBy, '2027-01-04')
  ids.challenge = challenge.id
  // K3: a safety marker due for review on Friday 8 January, added by the case officer: they are the one reminded.
  const marker = { precautions: 'Two staff at any visit.', reason: 'Threats.', reviewOn: '2027-01-08' }
  ids.marker = (await c.safetyMarker(w.personId, marker)).id
  t.clock.now = new Date('2027-01-04T07:00:00Z') // Monday 4 January 2027, 07:00 in the UK
})
after(async () => {
  try {
    await smtp.close()
  } finally {
    await t.close()
  }
})

/** No pg-boss job waiting or running: everything queued has been done. */
async function settled(handle: Pick<TestApp['handle'], 'db'> = t.handle) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active')`.execute(handle.db)
  return rows[0]?.n === 0
}

const start = (handle: TestApp['handle']) =>
  startScheduler(handle, { config: t.config, now: () => t.clock.now, log, pollingIntervalSeconds: 0.5 })

/** A reminder, one working day overdue, to a member of the cast, as planReminders would plan it. */
function overdue(item: Pick<ReminderJob, 'kind' | 'itemId' | 'dueOn' | 'path'>, to: Api, role: Role): ReminderJob {
  const recipient = { recipientId: to.staff.id, recipientEmail: to.staff.email, recipientName: to.staff.name }
  return { ...item, stage: 'overdue', workingDaysLeft: -1, ...recipient, role }
}

async function runDaily(scheduler: Scheduler, handle: TestApp['handle'] = t.handle) {
  await scheduler.runDailyNow()
  await until(() => settled(handle), 'the daily job and its reminders')
}

describe('reminders by email', () => {
  test('F10, K3: who is reminded of what, and when', async () => {
    const jobs = await planReminders(t.services.db, '2027-01-04', 5)
    assert.deepEqual(
      jobs.map((j) => [j.kind, j.stage, j.recipientId, j.path]),
      [
        ['challenge', 'due', c.reviewer.staff.id, `/challenges/${ids.challenge}`],
        ['safety_marker', 'before', c.officer.staff.id, `/safety-markers/${ids.marker}/review`],
      ],
    )
    assert.deepEqual(await planReminders(t.services.db, '2027-01-02', 5).then((j) => j.map((x) => [x.kind, x.stage])), [
      ['challenge', 'before'],
    ])
    assert.deepEqual(await planReminders(t.services.db, '2027-01-05', 0).then((j) => j.map((x) => [x.kind, x.stage])), [
      ['challenge', 'overdue'],
    ])
  })

  test('the daily job runs at 07:00 UK time and sends each reminder once to a real SMTP server; every email is logged', async () => {
    const scheduler = await start(t.handle)
    try {
      const schedules = await scheduler.boss.getSchedules()
      assert.deepEqual(
        schedules.map((s) => [s.name, s.cron, (s as { timezone?: string }).timezone]),
        [
          [DAILY_QUEUE, DAILY_CRON, 'Europe/London'],
          // F9 (issue 14): the letters waiting to be sent are queued every minute.
          [LETTER_DISPATCH_QUEUE, '* * * * *', 'Europe/London'],
        ],
      )
      await runDaily(scheduler)
      assert.equal(smtp.messages.length, 2)
      const toReviewer = smtp.messages.find((m) => m.to.includes(c.reviewer.staff.email))
      const toOfficer = smtp.messages.find((m) => m.to.includes(c.officer.staff.email))
      assert.ok(toReviewer && toOfficer)
      assert.equal(toReviewer.subject, 'Due today: Challenges to decide')
      assert.ok(toReviewer.body.includes(`https://fair-contact.example.gov.uk/challenges/${ids.challenge}`))
      assert.match(toReviewer.body, /It is due today, 4 January 2027/)
      assert.equal(toOfficer.subject, 'Coming up: Safety markers to review (due 8 January 2027)')
      assert.ok(toOfficer.body.includes(`https://fair-contact.example.gov.uk/safety-markers/${ids.marker}/review`))
      assert.match(toOfficer.body, /4 working days from today/)
      for (const m of smtp.messages) {
        assert.ok(!m.body.includes('Gary Hollis'), 'K6: no name of the public in an email')
        assert.match(m.body, /Content-Type: text\/html/, 'a simple HTML part beside the plain text')
      }
      const logged = await allRows(t, 'reminder', 'subject')
      assert.deepEqual(
        logged.map((r) => [r.recipient_email, r.status, r.stage, r.error]),
        [
          [c.officer.staff.email, 'sent', 'before', null],
          [c.reviewer.staff.email, 'sent', 'due', null],
        ],
      )
      assert.ok(logged.every((r) => r.sent_at instanceof Date))

      // P1: the daily job also brings the attention list up to date.
      const attention = await t.services.db.selectFrom('attention_state').select('refreshed_on').executeTakeFirst()
      assert.equal(attention?.refreshed_on, '2027-01-04')

      // The same day again (a restart, a second run): nothing new is sent.
      await runDaily(scheduler)
      assert.equal(smtp.messages.length, 2)
    } finally {
      await scheduler.stop()
    }
  })

  test(
    process.env.DATABASE_URL
      ? 'two app instances against one PostgreSQL database, running at the same time, send each reminder exactly once'
      : 'two app instances against one database send each reminder exactly once (on PGlite: one after the other, as PGlite is one process’s)',
    async () => {
      // Friday 8 January: the marker is due today, the challenge overdue.
      t.clock.now = new Date('2027-01-08T07:00:00Z')
      const before = smtp.messages.length
      const url = (t.handle as { url?: string }).url
      if (url) {
        const other = fromPostgres(url, 5)
        try {
          const [a, b] = await Promise.all([start(t.handle), start(other)])
          try {
            const jobs = await planReminders(t.services.db, '2027-01-08', 5)
            // Both instances plan the same day, and both also try to deliver every reminder directly, at once.
            await Promise.all([
              a.runDailyNow(),
              b.runDailyNow(),
              ...jobs.flatMap((job) =>
                [t.handle, other, t.handle, other].map((h) =>
                  deliverReminder(h.db, createMailer(t.config.smtp), t.config.baseUrl, job, () => t.clock.now),
                ),
              ),
            ])
            await until(() => settled(), 'both instances')
          } finally {
            await Promise.all([a.stop(), b.stop()])
          }
        } finally {
          await other.close()
        }
      } else {
        for (let instance = 0; instance < 2; instance++) {
          const scheduler = await start(t.handle)
          try {
            await runDaily(scheduler)
          } finally {
            await scheduler.stop()
          }
        }
      }
      const sent = smtp.messages.slice(before)
      assert.deepEqual(sent.map((m) => [m.to.join(','), m.subject]).sort(), [
        [c.officer.staff.email, 'Due today: Safety markers to review'],
        [c.reviewer.staff.email, 'Overdue: Challenges to decide (was due 4 January 2027)'],
      ])
      const rows = await t.services.db.selectFrom('reminder').select(['stage', 'status']).execute()
      assert.equal(rows.length, 4, 'one row per item, stage and recipient')
      assert.ok(rows.every((r) => r.status === 'sent'))
      t.clock.now = new Date('2027-01-04T07:00:00Z')
    },
  )

  test('without SMTP_HOST a reminder is logged as not sent, once', async () => {
    const marker = { kind: 'safety_marker', itemId: ids.marker ?? '', dueOn: '2027-01-08' } as const
    const job = overdue({ ...marker, path: `/people/${ids.person}` }, c.officer, 'case_officer')
    const mailer = createMailer(testConfig().smtp)
    assert.equal(await deliverReminder(t.services.db, mailer, t.config.baseUrl, job, () => t.clock.now), 'not_sent')
    assert.equal(await deliverReminder(t.services.db, mailer, t.config.baseUrl, job, () => t.clock.now), 'already')
    const row = await t.services.db
      .selectFrom('reminder')
      .select(['status', 'error'])
      .where('stage', '=', 'overdue')
      .where('item_kind', '=', 'safety_marker')
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, { status: 'not_sent', error: NO_SMTP })
  })

  test('a failed send is logged with the error and tried again, by one attempt only', async () => {
    const challenge = { kind: 'challenge', itemId: ids.challenge ?? '', dueOn: '2027-01-04' } as const
    const job = overdue({ ...challenge, path: `/challenges/${ids.challenge}` }, c.head, 'head_of_service')
    const broken = {
      send: async () => {
        throw new Error('connection refused')
      },
      close: () => undefined,
    }
    await assert.rejects(
      deliverReminder(t.services.db, broken, t.config.baseUrl, job, () => t.clock.now),
      /connection refused/,
    )
    const failed = await t.services.db
      .selectFrom('reminder')
      .select(['status', 'error', 'attempts'])
      .where('recipient_id', '=', c.head.staff.id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(failed, { status: 'failed', error: 'connection refused', attempts: 1 })
    const working = createMailer(t.config.smtp)
    const results = await Promise.all(
      [1, 2, 3].map(() => deliverReminder(t.services.db, working, t.config.baseUrl, job, () => t.clock.now)),
    )
    assert.deepEqual(results.sort(), ['already', 'already', 'sent'])
    const retried = await t.services.db
      .selectFrom('reminder')
      .select(['status', 'error', 'attempts'])
      .where('recipient_id', '=', c.head.staff.id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(retried, { status: 'sent', error: null, attempts: 2 })
    assert.equal(smtp.messages.filter((m) => m.to.includes(c.head.staff.email)).length, 1)
  })
})

describe('GET /reminders: the email log', () => {
  test('administrators and auditors read every reminder, newest first, a page at a time', async () => {
    const { browser, page: response } = await openAs(t, ['auditor'], '/reminders')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /Reminder emails/)
    assert.match(text, /Overdue: Challenges to decide \(was due 4 January 2027\)/)
    assert.match(text, /Not sent not sent: no SMTP configured/)
    assert.match(text, /Sent 2 attempts/)
    assert.ok(!text.includes('No email server is set up'), 'SMTP is configured here')
    assert.ok(!response.body.includes('href="/reminders?page=2"'), 'one page only')

    // 60 more: a second page.
    const staff = await createStaff(t, ['case_officer'])
    await t.services.db
      .insertInto('reminder')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          item_kind: 'safety_marker' as const,
          item_id: ids.marker ?? '',
          due_on: `2028-01-${String((i % 28) + 1).padStart(2, '0')}`,
          stage: i < 28 ? ('before' as const) : i < 56 ? ('due' as const) : ('overdue' as const),
          recipient_id: staff.id,
          recipient_email: staff.email,
          subject: `Reminder ${i}`,
          link: 'https://fair-contact.example.gov.uk/people/x',
          status: 'sent' as const,
          created_at: new Date(Date.UTC(2026, 5, 1, 9, i)),
        })),
      )
      .execute()
    const first = await browser.get('/reminders')
    assert.equal((first.body.match(/data-qa="reminder"/g) ?? []).length, 50)
    assert.ok(first.body.includes('href="/reminders?page=2"'))
    const second = await browser.get('/reminders?page=2')
    assert.ok(second.body.includes('href="/reminders?page=1"'))
    assert.match(
      pageText(first.body),
      /^(?!.*Reminder 0 ).*Overdue: Challenges to decide.*Reminder 59 /,
      'newest first',
    )
    assert.match(pageText(second.body), /Reminder 9 .*Reminder 0 /, 'the oldest on the last page')
  })

  test('a case officer may not read the log', async () => {
    const { browser } = await signedIn(t, ['case_officer'])
    assert.equal((await browser.get('/reminders')).statusCode, 403)
  })
})
