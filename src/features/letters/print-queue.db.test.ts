import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, describe, test } from 'node:test'
import { PDFDocument } from 'pdf-lib'
import { SMTPServer } from 'smtp-server'
import { pageText, signedIn } from '../../../test/helpers/app.ts'
import { caseBody, ok, procedureApp } from '../../../test/helpers/procedure.ts'
import { latestAudit } from '../../../test/helpers/rows.ts'
import { createMailer } from '../reminders/mailer.ts'
import { letterSenders, sendLetter } from './delivery.ts'

// Issue 14, "Letters are sent, and the record knows" (F9), without GOV.UK Notify: letters by post are printed from
// the print queue (the day's letters as one PDF) and each is marked posted by hand, audited; letters by email go
// through SMTP with the PDF attached (a real SMTP server, started here).

/** A real SMTP server on a free port that keeps every message it receives, raw. */
async function smtpServer() {
  const messages: { to: string[]; raw: string }[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return { messages, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const smtp = await smtpServer()
const { t, c } = await procedureApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } })
const mailer = createMailer(t.config.smtp)
after(async () => {
  mailer.close()
  await t.close()
  await smtp.close()
})

const deliveryOf = (letterId: string) =>
  t.services.db.selectFrom('letter_delivery').selectAll().where('letter_id', '=', letterId).executeTakeFirstOrThrow()

describe('letters without Notify (issue 14, F9)', () => {
  test('F9: the print queue gives the waiting letters as one PDF, and each is marked posted by hand, once, audited', async () => {
    const k = await c.restrictedCase()
    const { browser, staff } = await signedIn(t, ['case_officer'])
    const page = await browser.get('/letters/print-queue')
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    const warning = ok<{ reference: string }>(await c.head.get(`/api/v1/letters/${k.warningLetterId}`), 200)
    const notice = ok<{ reference: string }>(await c.head.get(`/api/v1/letters/${k.noticeLetterId}`), 200)
    assert.match(text, new RegExp(`${warning.reference}.*Gary Hollis`))
    assert.match(text, new RegExp(`${notice.reference}.*Gary Hollis`))
    assert.match(text, /2 waiting/)

    // One PDF of both letters as issued, each starting on its own sheet when printed on both sides.
    const pdf = await browser.get('/letters/print-queue/pdf')
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    const merged = await PDFDocument.load(pdf.rawPayload)
    let pages = 0
    for (const id of [k.warningLetterId, k.noticeLetterId]) {
      const file = await t.services.db
        .selectFrom('letter_file')
        .select('bytes')
        .where('letter_id', '=', id)
        .where('format', '=', 'pdf')
        .where('large_print', '=', false)
        .executeTakeFirstOrThrow()
      const count = (await PDFDocument.load(file.bytes)).getPageCount()
      pages += count + (count % 2)
    }
    assert.equal(merged.getPageCount(), pages)

    // The sending job, without Notify, leaves a letter by post in the print queue: nothing is sent.
    const senders = letterSenders(t.config, mailer)
    assert.equal(await sendLetter(t.services.db, senders, k.noticeLetterId, () => t.clock.now), 'print')
    assert.equal((await deliveryOf(k.noticeLetterId)).method, 'print')
    assert.equal((await deliveryOf(k.noticeLetterId)).status, 'pending')

    const posted = await browser.post(`/letters/${k.noticeLetterId}/posted`)
    assert.equal(posted.statusCode, 303)
    assert.equal(posted.headers.location, `/letters/print-queue?posted=${notice.reference}`)
    const row = await deliveryOf(k.noticeLetterId)
    assert.equal(row.method, 'print')
    assert.equal(row.status, 'sent')
    assert.equal(row.posted_by, staff.id)
    const entry = await latestAudit(t, 'letter.delivery')
    assert.equal(entry.object_id, k.noticeLetterId)
    assert.equal(entry.actor_id, staff.id)
    const api = ok<{ delivery: { method: string; status: string } }>(
      await c.head.get(`/api/v1/letters/${k.noticeLetterId}`),
      200,
    )
    assert.deepEqual([api.delivery.method, api.delivery.status], ['print', 'sent'])

    const after = pageText((await browser.get(`/letters/print-queue?posted=${notice.reference}`)).body)
    assert.match(after, new RegExp(`Letter ${notice.reference} marked as posted`))
    assert.match(after, /1 waiting/)
    assert.doesNotMatch(after, new RegExp(`Mark as posted \\(${notice.reference}\\)`))
    assert.match(after, new RegExp(`Mark as posted \\(${warning.reference}\\)`))

    // Marked twice: refused with a clear message, nothing changes.
    const again = await browser.post(`/letters/${k.noticeLetterId}/posted`)
    assert.equal(again.statusCode, 409)
    assert.match(pageText(again.body), new RegExp(`Letter ${notice.reference} is not waiting to be printed and posted`))
    assert.equal((await deliveryOf(k.noticeLetterId)).updated_at.getTime(), row.updated_at.getTime())

    // Front-line staff, who issue no letters, may not see the queue.
    const { browser: frontline } = await signedIn(t, ['frontline'])
    assert.equal((await frontline.get('/letters/print-queue')).statusCode, 403)
  })

  test("F9: an email-only person's warning goes by SMTP with the PDF attached when Notify is not set up", async () => {
    const person = ok(
      await c.officer.post('/api/v1/people', { fullName: 'Erin Mailbox', emails: ['erin.mailbox@example.com'] }),
    )
    const incident = ok(
      await c.officer.post('/api/v1/incidents', {
        personId: person.id,
        at: '2026-11-02T10:05:00+00:00',
        category: 'aggressive_or_abusive',
        severity: 'high',
        description: 'Sent abusive emails to the officer',
      }),
    )
    const kase = ok(await c.head.post('/api/v1/cases', caseBody(person.id, [incident.id])))
    const warning = ok<{ letterId: string }>(
      await c.officer.post(`/api/v1/cases/${kase.id}/warnings`, {
        behaviour: 'On 2 November 2026 you sent abusive emails to an officer.',
        whyUnacceptable: 'Our staff have a right to work without abuse.',
        changeRequested: 'Please write to staff politely.',
        consequences: 'We may limit how you can contact us.',
      }),
    )
    assert.equal((await deliveryOf(warning.letterId)).method, 'email')
    const senders = letterSenders(t.config, mailer)
    assert.equal(await sendLetter(t.services.db, senders, warning.letterId, () => t.clock.now), 'sent')
    const message = smtp.messages.at(-1)
    assert.ok(message)
    assert.deepEqual(message.to, ['erin.mailbox@example.com'])
    assert.match(message.raw, /Content-Type: application\/pdf; name=LTR-\d{4}-\d{6}\.pdf/)
    assert.match(message.raw, /Content-Disposition: attachment; filename=LTR-\d{4}-\d{6}\.pdf/)
    assert.equal((await deliveryOf(warning.letterId)).status, 'sent')
    // Sent once: the job run again sends nothing more.
    const count = smtp.messages.length
    assert.equal(await sendLetter(t.services.db, senders, warning.letterId, () => t.clock.now), 'already_done')
    assert.equal(smtp.messages.length, count)
    // An email letter is never in the print queue.
    const { browser } = await signedIn(t, ['case_officer'])
    assert.doesNotMatch(pageText((await browser.get('/letters/print-queue')).body), /Erin Mailbox/)
  })
})
