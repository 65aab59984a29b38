import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, describe, test } from 'node:test'
import { sql } from 'kysely'
import { extractText, getDocumentProxy } from 'unpdf'
import { londonDate } from '../../domain/london-time.ts'
import { pageText, signedIn } from '../../../test/helpers/app.ts'
import { caseBody, type Cast, ok, procedureApp } from '../../../test/helpers/procedure.ts'
import { latestAudit } from '../../../test/helpers/rows.ts'
import { loadDueItems } from '../due/due.repository.ts'
import { startScheduler, type Scheduler } from '../reminders/scheduler.ts'
import { dispatchLetters } from './delivery-jobs.ts'
import { letterSenders, MAX_SEND_ATTEMPTS, sendLetter } from './delivery.ts'
import { createMailer } from '../reminders/mailer.ts'

// Issue 14, "Letters are sent, and the record knows" (F9): letters go by post through GOV.UK Notify as precompiled
// letters, or by email through Notify with the PDF, after the transaction that issues them, through the job queue,
// retried, never twice; Notify's callbacks say whether they arrived, and one that did not goes on the due list. Tested
// against a local HTTP server that answers the Notify endpoints the client uses.

interface Received {
  path: string
  body: Record<string, unknown>
  authorization: string
}

/** A local Notify: records each request and answers as Notify does, or with the failures it is told to give. */
async function fakeNotify() {
  const received: Received[] = []
  const failures: { status: number; reference: string }[] = []
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
      const answer = (status: number, json: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(json))
      }
      const index = failures.findIndex((f) => f.reference === body.reference)
      const failure = index >= 0 ? failures.splice(index, 1)[0]?.status : undefined
      if (failure) return answer(failure, { status_code: failure, errors: [{ error: 'Error', message: 'Try again' }] })
      received.push({ path: request.url ?? '', body, authorization: request.headers.authorization ?? '' })
      const id = randomUUID()
      if (request.method === 'POST' && request.url === '/v2/notifications/letter') {
        return answer(201, { id, reference: body.reference, postage: body.postage ?? 'second' })
      }
      if (request.method === 'POST' && request.url === '/v2/notifications/email') {
        return answer(201, {
          id,
          reference: body.reference,
          content: { body: 'body', subject: 'subject', from_email: 'council@notify.example' },
          uri: `/v2/notifications/${id}`,
          template: { id: body.template_id, version: 1, uri: '' },
        })
      }
      return answer(404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** The next request for this reference (a letter's id) fails with this status. */
    fail: (status: number, reference: string) => failures.push({ status, reference }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const notify = await fakeNotify()
const CALLBACK_TOKEN = 'a-callback-token-that-notify-sends-us-0123456789'
const TEMPLATE = '4b8f8a3e-2c55-4f7a-9b55-0e3c9d1e7f10'
const { t, c } = await procedureApp({
  env: {
    NOTIFY_API_KEY: `fair_contact_test-${randomUUID()}-${randomUUID()}`,
    NOTIFY_BASE_URL: notify.url,
    NOTIFY_EMAIL_TEMPLATE_ID: TEMPLATE,
    NOTIFY_CALLBACK_TOKEN: CALLBACK_TOKEN,
  },
})
const log = { info: () => undefined, error: () => undefined }
let scheduler: Scheduler | undefined
after(async () => {
  await scheduler?.stop()
  await t.close()
  await notify.close()
})

interface LetterDelivery {
  delivery: { method: string; status: string; updatedAt: string; notifyId?: string } | null
}
const deliveryOf = async (letterId: string) =>
  ok<LetterDelivery>(await c.head.get(`/api/v1/letters/${letterId}`), 200).delivery

async function until(condition: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (await condition()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.fail(`timed out waiting for ${what}`)
}

const callback = (body: unknown, token = CALLBACK_TOKEN) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/notify/callbacks',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  })

const lettersTo = (path: string) => notify.received.filter((r) => r.path === path)

/** A person known only by email (no postal address), with a case opened on an incident (F1). */
async function emailOnlyCase(cast: Cast) {
  const person = ok(
    await cast.officer.post('/api/v1/people', { fullName: 'Sam Inbox', emails: ['sam.inbox@example.com'] }),
  )
  const incident = ok(
    await cast.officer.post('/api/v1/incidents', {
      personId: person.id,
      at: '2026-11-02T10:05:00+00:00',
      category: 'aggressive_or_abusive',
      severity: 'high',
      description: 'Sent abusive emails to the officer',
    }),
  )
  const kase = ok(await cast.head.post('/api/v1/cases', caseBody(person.id, [incident.id])))
  return { personId: person.id, caseId: kase.id }
}

describe('letters sent through GOV.UK Notify (issue 14, F9)', () => {
  test('F9: a restriction letter is posted as a precompiled letter after it is issued, once; returned, it goes on the due list', async () => {
    const k = await c.restrictedCase()
    // Issued: the record knows how it will go, and nothing has left yet (sending happens after the transaction).
    const pending = await deliveryOf(k.noticeLetterId)
    assert.equal(pending?.method, 'post')
    assert.equal(pending?.status, 'pending')
    assert.equal(lettersTo('/v2/notifications/letter').length, 0)

    scheduler = await startScheduler(t.handle, {
      config: t.config,
      now: () => t.clock.now,
      log,
      pollingIntervalSeconds: 0.5,
      letterRetryDelaySeconds: 1,
    })
    assert.equal(await dispatchLetters(scheduler.boss, t.services.db, t.clock.now, 1), 2)
    await until(async () => (await deliveryOf(k.noticeLetterId))?.status === 'sent', 'the restriction letter sent')
    await until(async () => (await deliveryOf(k.warningLetterId))?.status === 'sent', 'the warning letter sent')

    const letters = lettersTo('/v2/notifications/letter')
    assert.equal(letters.length, 2)
    const sent = letters.find((l) => l.body.reference === k.noticeLetterId)
    assert.ok(sent, "Notify's reference is the letter's id: no personal data")
    assert.equal(sent.body.postage, 'second')
    assert.match(sent.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, 'the client signs its requests')
    const pdf = Buffer.from(String(sent.body.content), 'base64')
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text
    assert.match(text, /12 Mill Lane/, 'the letter as issued, with its address')

    // Never twice: queued again, and sent again by hand, nothing more leaves.
    assert.equal(await dispatchLetters(scheduler.boss, t.services.db, t.clock.now, 1), 0)
    const senders = letterSenders(t.config, createMailer(t.config.smtp))
    assert.equal(await sendLetter(t.services.db, senders, k.noticeLetterId, () => t.clock.now), 'already_done')
    assert.equal(lettersTo('/v2/notifications/letter').length, 2)

    const delivered = await deliveryOf(k.noticeLetterId)
    assert.ok(delivered?.notifyId)

    // Notify's callbacks: only with the token; a receipt, then the letter returned by Royal Mail.
    assert.equal((await callback({ id: delivered.notifyId, status: 'received' }, 'wrong-token')).statusCode, 401)
    assert.equal(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/notify/callbacks',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ id: delivered.notifyId, status: 'returned' }),
        })
      ).statusCode,
      401,
    )
    assert.equal((await deliveryOf(k.noticeLetterId))?.status, 'sent', 'a refused callback changes nothing')
    const receipt = await callback({
      id: delivered.notifyId,
      reference: k.noticeLetterId,
      status: 'received',
      notification_type: 'letter',
    })
    assert.equal(receipt.statusCode, 200)
    assert.equal((await deliveryOf(k.noticeLetterId))?.status, 'sent')

    const due = async () =>
      (await loadDueItems(t.services.db, londonDate(t.clock.now), 5)).filter((i) => i.kind === 'letter')
    assert.deepEqual(await due(), [], 'a letter on its way is not due')

    const returned = await callback({
      notification_id: delivered.notifyId,
      reference: k.noticeLetterId,
      date_sent: '2027-01-05',
    })
    assert.equal(returned.statusCode, 200)
    assert.deepEqual(returned.json(), { letterId: k.noticeLetterId, status: 'returned' })
    assert.equal((await deliveryOf(k.noticeLetterId))?.status, 'returned')
    // A late receipt does not undo it.
    assert.equal((await callback({ id: delivered.notifyId, status: 'received' })).statusCode, 200)
    assert.equal((await deliveryOf(k.noticeLetterId))?.status, 'returned')

    // A restriction whose letter did not arrive is a fairness problem: it is due, today, for those who issue letters.
    const items = await due()
    assert.equal(items.length, 1)
    assert.equal(items[0]?.id, k.noticeLetterId)
    assert.equal(items[0]?.rule, 'F9')
    assert.equal(items[0]?.state, 'due_today')
    assert.equal(items[0]?.href, `/letters/${k.noticeLetterId}`)
    assert.match(items[0]?.title ?? '', /was returned/)
    const entry = await latestAudit(t, 'letter.delivery')
    assert.equal(entry?.object_id, k.noticeLetterId)

    // The letter's page says how it went and that it did not arrive.
    const { browser } = await signedIn(t, ['case_officer'])
    const page = pageText((await browser.get(`/letters/${k.noticeLetterId}`)).body)
    assert.match(page, /By post through GOV\.UK Notify/)
    assert.match(page, /Returned: it did not reach the person/)
    assert.match(page, /This letter did not reach Gary Hollis/)

    // A correction, written to the person again, clears the item; it goes to the address the record now holds (here
    // corrected as an import would), not to the one it was returned from.
    await t.services.db
      .updateTable('person_address')
      .set({ line1: '14 Mill Lane' })
      .where('person_id', '=', k.personId)
      .execute()
    const correction = ok(
      await c.head.post(`/api/v1/letters/${k.noticeLetterId}/corrections`, {
        reason: 'The letter was returned; the address is checked and it is sent again.',
        largePrint: true,
        sections: [],
      }),
    )
    assert.deepEqual(await due(), [])
    const again = ok<{ recipient: { addressLines: string[] } }>(
      await c.head.get(`/api/v1/letters/${correction.id}`),
      200,
    )
    assert.equal(again.recipient.addressLines[0], '14 Mill Lane')
    assert.equal((await deliveryOf(correction.id))?.status, 'pending', 'the correction is sent in its turn')
  })

  test('F9: Notify failing for a while is retried by the queue and the letter goes once; a refusal marks it failed and due', async () => {
    const k = await c.warnedCase({ fullName: 'Rita Retry', carriedOn: false })
    notify.fail(500, k.warningLetterId)
    assert.ok(scheduler)
    // (The correction issued in the test before may be queued too, by this or by the every-minute dispatcher.)
    assert.ok((await dispatchLetters(scheduler.boss, t.services.db, t.clock.now, 1)) >= 1)
    await until(async () => (await deliveryOf(k.warningLetterId))?.status === 'sent', 'the warning sent on a retry')
    const sentForIt = lettersTo('/v2/notifications/letter').filter((l) => l.body.reference === k.warningLetterId)
    assert.equal(sentForIt.length, 1, 'sent once')
    const { attempts } = await t.services.db
      .selectFrom('letter_delivery')
      .select('attempts')
      .where('letter_id', '=', k.warningLetterId)
      .executeTakeFirstOrThrow()
    assert.equal(attempts, 2, 'the first attempt failed, the retry sent it')

    // Notify refuses the letter (a 400 does not change on a retry): failed at once, and due.
    const refused = await c.warnedCase({ fullName: 'Vera Refused', carriedOn: false })
    notify.fail(400, refused.warningLetterId)
    const senders = letterSenders(t.config, createMailer(t.config.smtp))
    assert.equal(await sendLetter(t.services.db, senders, refused.warningLetterId, () => t.clock.now), 'failed')
    assert.equal((await deliveryOf(refused.warningLetterId))?.status, 'failed')
    const items = await loadDueItems(t.services.db, londonDate(t.clock.now), 5)
    assert.ok(
      items.some((i) => i.kind === 'letter' && i.id === refused.warningLetterId && /could not be sent/.test(i.title)),
    )
    assert.ok(MAX_SEND_ATTEMPTS > 1)
  })

  test("F9: an email-only person's warning is sent by email through Notify, with the PDF to download", async () => {
    const k = await emailOnlyCase(c)
    const warning = ok<{ letterId: string }>(
      await c.officer.post(`/api/v1/cases/${k.caseId}/warnings`, {
        behaviour: 'On 2 November 2026 you sent abusive emails to an officer.',
        whyUnacceptable: 'Our staff have a right to work without abuse.',
        changeRequested: 'Please write to staff politely.',
        consequences: 'We may limit how you can contact us.',
      }),
    )
    assert.equal((await deliveryOf(warning.letterId))?.method, 'email')
    const senders = letterSenders(t.config, createMailer(t.config.smtp))
    assert.equal(await sendLetter(t.services.db, senders, warning.letterId, () => t.clock.now), 'sent')
    const email = lettersTo('/v2/notifications/email').at(-1)
    assert.ok(email)
    assert.equal(email.body.template_id, TEMPLATE)
    assert.equal(email.body.email_address, 'sam.inbox@example.com')
    assert.equal(email.body.reference, warning.letterId)
    const personalisation = email.body.personalisation as {
      subject: string
      body: string
      link_to_file: { file: string; filename: string }
    }
    assert.match(personalisation.body, /abusive emails/)
    assert.match(personalisation.subject, /LTR-\d{4}-\d{6}/)
    assert.equal(Buffer.from(personalisation.link_to_file.file, 'base64').subarray(0, 5).toString(), '%PDF-')
    assert.match(personalisation.link_to_file.filename, /^LTR-\d{4}-\d{6}\.pdf$/)

    const { notifyId } = (await deliveryOf(warning.letterId)) ?? {}
    assert.ok(notifyId)
    assert.equal((await callback({ id: notifyId, status: 'delivered', notification_type: 'email' })).statusCode, 200)
    assert.equal((await deliveryOf(warning.letterId))?.status, 'delivered')
    // An unknown notification is not found; an unknown status is refused, changing nothing.
    assert.equal((await callback({ id: randomUUID(), status: 'delivered' })).statusCode, 404)
    assert.equal((await callback({ id: notifyId, status: 'lost-in-space' })).statusCode, 422)
    assert.equal((await deliveryOf(warning.letterId))?.status, 'delivered')
  })

  test('the pg-boss tables hold no personal data of the letters: only their ids', async () => {
    const { rows } = await sql<{
      data: unknown
    }>`select data from pgboss.job where name = 'fair-contact-letter-send'`.execute(t.handle.db)
    assert.ok(rows.length > 0)
    for (const row of rows) assert.deepEqual(Object.keys(row.data as object), ['letterId'])
  })
})
