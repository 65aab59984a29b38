import type { Transaction } from 'kysely'
import { NotifyClient } from 'notifications-node-client'
import type { Config } from '../../config.ts'
import type { Database, Db, Executor } from '../../db/database.ts'
import { letterText, type LetterContent } from '../../domain/letters.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import type { Mailer } from '../reminders/mailer.ts'

// F9 (issue 14): letters are sent, and the record knows. Each issued letter has one delivery row, written as
// 'pending' in the transaction that issues it; sending happens afterwards, in a job, at most once: the job locks the
// row and sends only while it is still pending. Notify's callbacks move it on (delivered, returned, failed), and a
// letter printed here is marked posted by hand. What Notify is given as the reference is the letter's id: no personal
// data.

type Trx = Transaction<Database>

export type DeliveryMethod = 'post' | 'email' | 'print'
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'returned' | 'failed'

export const deliveryMethodNames: Record<DeliveryMethod, string> = {
  post: 'By post through GOV.UK Notify',
  email: 'By email',
  print: 'Printed and posted by the council',
}

export const deliveryStatusNames: Record<DeliveryStatus, string> = {
  pending: 'Not sent yet',
  sent: 'Sent',
  delivered: 'Delivered',
  returned: 'Returned: it did not reach the person',
  failed: 'Could not be sent',
}

/** The job tries this many times in all (the first attempt and its retries) before the letter is marked failed. */
export const MAX_SEND_ATTEMPTS = 4

const system: Actor = { id: null, label: 'Fair Contact' }

export interface Delivery {
  method: DeliveryMethod
  status: DeliveryStatus
  updatedAt: Date
  notifyId: string | null
  detail: string | null
}

/** F9: written in the transaction that issues the letter: by email to someone written to by email, else by post. */
export async function createDelivery(trx: Trx, letterId: string, content: LetterContent, now: Date): Promise<void> {
  const method = content.recipient.method === 'email' ? 'email' : 'post'
  await trx
    .insertInto('letter_delivery')
    .values({ letter_id: letterId, method, status: 'pending', updated_at: now })
    .execute()
}

export async function deliveryOf(db: Executor, letterId: string): Promise<Delivery | undefined> {
  const row = await db
    .selectFrom('letter_delivery')
    .select(['method', 'status', 'updated_at', 'notify_id', 'detail'])
    .where('letter_id', '=', letterId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    method: row.method,
    status: row.status,
    updatedAt: new Date(row.updated_at),
    notifyId: row.notify_id,
    detail: row.detail,
  }
}

/** How letters leave: Notify when its key is set (post, and email with a template), else SMTP and the print queue. */
export interface LetterSenders {
  notify: NotifyClient | undefined
  emailTemplateId: string | undefined
  postage: 'first' | 'second'
  mailer: Mailer
}

export function letterSenders(config: Config, mailer: Mailer): LetterSenders {
  const { apiKey, baseUrl, emailTemplateId, postage } = config.notify
  return { notify: apiKey ? new NotifyClient(baseUrl, apiKey) : undefined, emailTemplateId, postage, mailer }
}

/** A sending failure worth trying again (Notify or the network unavailable, or too many requests). */
export class TransientSendError extends Error {}

/** Notify answers a refusal (4xx but 429) that sending again will not change; anything else may pass on a retry. */
function describeFailure(error: unknown): { message: string; permanent: boolean } {
  const response = (error as { response?: { status?: number; data?: { errors?: { message?: string }[] } } }).response
  const status = response?.status
  const said = response?.data?.errors?.map((e) => e.message).join('; ')
  const message = status
    ? `Notify answered ${status}${said ? `: ${said}` : ''}`
    : error instanceof Error
      ? error.message
      : String(error)
  return { message: message.slice(0, 500), permanent: status !== undefined && status < 500 && status !== 429 }
}

async function letterPdf(db: Executor, letterId: string, largePrint: boolean): Promise<Buffer> {
  const file = await db
    .selectFrom('letter_file')
    .select('bytes')
    .where('letter_id', '=', letterId)
    .where('format', '=', 'pdf')
    .where('large_print', '=', largePrint)
    .executeTakeFirstOrThrow()
  return Buffer.from(file.bytes)
}

function htmlOf(text: string): string {
  const escape = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n')
}

type Sent = { notifyId: string | null; method?: DeliveryMethod }

/** Sends the letter once by the way its delivery row says; returns what Notify calls it, if Notify sent it. */
async function send(
  db: Executor,
  senders: LetterSenders,
  letter: { id: string; reference: string; content: LetterContent; largePrint: boolean },
  method: 'post' | 'email',
): Promise<Sent> {
  const pdf = await letterPdf(db, letter.id, letter.largePrint)
  const subject = `${letter.content.title} (${letter.reference})`
  if (method === 'post') {
    if (!senders.notify) throw new Error('unreachable: post without Notify goes to the print queue')
    const response = await senders.notify.sendPrecompiledLetter(letter.id, pdf, senders.postage)
    return { notifyId: response.data.id }
  }
  const email = letter.content.recipient.email
  if (!email) throw new Refusal(422, 'no_email', 'The letter has no email address to go to')
  const body = letterText(letter.content)
  if (senders.notify && senders.emailTemplateId) {
    const link = senders.notify.prepareUpload(pdf, { filename: `${letter.reference}.pdf` })
    const response = await senders.notify.sendEmail(senders.emailTemplateId, email, {
      personalisation: { subject, body, link_to_file: link },
      reference: letter.id,
    })
    return { notifyId: response.data.id }
  }
  const result = await senders.mailer.send({
    to: email,
    subject,
    text: body,
    html: htmlOf(body),
    attachments: [{ filename: `${letter.reference}.pdf`, content: pdf, contentType: 'application/pdf' }],
  })
  if (result.status !== 'sent')
    throw new Refusal(422, 'no_email_route', `The letter could not be emailed: ${result.error}`)
  return { notifyId: null }
}

export type SendOutcome = 'sent' | 'failed' | 'print' | 'already_done'

/**
 * The sending job (F9): locks the letter's delivery row and sends only while it is pending, so a job run twice, or by
 * two instances, sends once. A letter by post without Notify goes to the print queue instead. A failure Notify will
 * not change on a retry, or the last attempt, marks the letter failed (it goes on the due list); any other failure is
 * recorded and thrown as a TransientSendError, for the queue to retry.
 */
export async function sendLetter(
  db: Db,
  senders: LetterSenders,
  letterId: string,
  now: () => Date,
): Promise<SendOutcome> {
  const result = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('letter_delivery as d')
      .innerJoin('letter as l', 'l.id', 'd.letter_id')
      .select(['d.method', 'd.status', 'd.attempts', 'l.reference', 'l.content', 'l.large_print'])
      .where('d.letter_id', '=', letterId)
      .forUpdate('d')
      .executeTakeFirst()
    if (!row) throw notFound('Letter')
    if (row.status !== 'pending' || row.method === 'print') return { outcome: 'already_done' as const }
    if (row.method === 'post' && !senders.notify) {
      await trx
        .updateTable('letter_delivery')
        .set({ method: 'print', updated_at: now() })
        .where('letter_id', '=', letterId)
        .execute()
      await audit(trx, system, letterId, { method: 'print', status: 'pending' })
      return { outcome: 'print' as const }
    }
    const letter = {
      id: letterId,
      reference: row.reference,
      content: row.content as LetterContent,
      largePrint: row.large_print,
    }
    const attempts = row.attempts + 1
    try {
      const sent = await send(trx, senders, letter, row.method)
      await trx
        .updateTable('letter_delivery')
        .set({ status: 'sent', notify_id: sent.notifyId, attempts, detail: null, updated_at: now() })
        .where('letter_id', '=', letterId)
        .execute()
      await audit(trx, system, letterId, { method: row.method, status: 'sent', notifyId: sent.notifyId })
      return { outcome: 'sent' as const }
    } catch (error) {
      const failure = error instanceof Refusal ? { message: error.message, permanent: true } : describeFailure(error)
      const final = failure.permanent || attempts >= MAX_SEND_ATTEMPTS
      await trx
        .updateTable('letter_delivery')
        .set({ attempts, detail: failure.message, updated_at: now(), ...(final && { status: 'failed' as const }) })
        .where('letter_id', '=', letterId)
        .execute()
      if (!final) return { outcome: 'retry' as const, message: failure.message }
      await audit(trx, system, letterId, { method: row.method, status: 'failed', detail: failure.message })
      return { outcome: 'failed' as const }
    }
  })
  if (result.outcome === 'retry') throw new TransientSendError(result.message)
  return result.outcome
}

async function audit(trx: Trx, actor: Actor, letterId: string, after: { [key: string]: string | null }) {
  await appendAuditEntry(trx, actor, { action: 'letter.delivery', objectType: 'letter', objectId: letterId, after })
}

/**
 * The letters waiting to be sent by a job (by post or email, pending, not yet queued), marked queued: the dispatcher
 * queues one job each. A letter whose job was lost is queued again after an hour; the job sends it at most once.
 */
export async function takeLettersToSend(db: Db, now: Date): Promise<string[]> {
  const stale = new Date(now.getTime() - 60 * 60 * 1000)
  const rows = await db
    .updateTable('letter_delivery')
    .set({ queued_at: now })
    .where('status', '=', 'pending')
    .where('method', 'in', ['post', 'email'])
    .where((eb) => eb.or([eb('queued_at', 'is', null), eb('queued_at', '<', stale)]))
    .returning('letter_id')
    .execute()
  return rows.map((r) => r.letter_id)
}

/** Notify's statuses, as the record keeps them (letters: 'accepted' by the printer, 'received' when posted). */
const notifyStatuses: Record<string, DeliveryStatus> = {
  created: 'sent',
  sending: 'sent',
  pending: 'sent',
  'pending-virus-check': 'sent',
  accepted: 'sent',
  received: 'sent',
  delivered: 'delivered',
  'permanent-failure': 'failed',
  'temporary-failure': 'failed',
  'technical-failure': 'failed',
  'validation-failed': 'failed',
  'virus-scan-failed': 'failed',
  cancelled: 'failed',
  returned: 'returned',
}

/** A later report never undoes a worse one: returned and failed stay; delivered does not go back to sent. */
const rank: Record<DeliveryStatus, number> = { pending: 0, sent: 1, delivered: 2, returned: 3, failed: 3 }

export interface NotifyCallback {
  /** A delivery receipt's notification id. */
  id?: string | undefined
  /** A returned-letter callback's notification id. */
  notification_id?: string | undefined
  reference?: string | null | undefined
  status?: string | undefined
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A callback from Notify (F9): a delivery receipt (`id`, `status`) or a returned letter (`notification_id`, no
 * status). Finds the letter by Notify's id, or by the reference we gave (the letter's id), and records the new status.
 */
export async function recordNotifyCallback(
  trx: Trx,
  callback: NotifyCallback,
  now: Date,
): Promise<{ letterId: string; status: DeliveryStatus }> {
  const notifyId = callback.id ?? callback.notification_id
  const returned = callback.status === undefined && callback.notification_id !== undefined
  const status = returned ? 'returned' : notifyStatuses[callback.status ?? '']
  if (!status) {
    const message = `Unknown status: ${String(callback.status).slice(0, 40)}`
    throw new Refusal(422, 'unknown_status', message, { status: message })
  }
  const reference = callback.reference && UUID.test(callback.reference) ? callback.reference : undefined
  const row = await trx
    .selectFrom('letter_delivery')
    .select(['letter_id', 'status', 'method', 'notify_id'])
    .where((eb) =>
      eb.or([
        ...(notifyId ? [eb('notify_id', '=', notifyId)] : []),
        ...(reference ? [eb('letter_id', '=', reference)] : []),
      ]),
    )
    .where('method', 'in', ['post', 'email'])
    .forUpdate()
    .executeTakeFirst()
  if (!notifyId && !reference) throw notFound('Letter')
  if (!row) throw notFound('Letter')
  if (rank[status] <= rank[row.status] && !(row.status === 'delivered' && status === 'returned')) {
    return { letterId: row.letter_id, status: row.status }
  }
  const detail =
    status === 'returned'
      ? 'Returned to Notify by Royal Mail'
      : status === 'failed'
        ? `Notify: ${callback.status}`
        : null
  await trx
    .updateTable('letter_delivery')
    .set({ status, updated_at: now, detail, ...(row.notify_id === null && notifyId && { notify_id: notifyId }) })
    .where('letter_id', '=', row.letter_id)
    .execute()
  await audit(trx, { id: null, label: 'GOV.UK Notify' }, row.letter_id, {
    status,
    notifyStatus: callback.status ?? 'returned',
  })
  return { letterId: row.letter_id, status }
}

export interface PrintQueueItem {
  letterId: string
  reference: string
  personId: string
  personName: string
  issuedAt: Date
}

/**
 * The print queue (F9, without Notify): letters by post waiting to be printed and posted by hand, oldest first. Without
 * Notify a letter by post is printed here even before the sending job has moved it to the queue.
 */
export async function printQueue(db: Executor, notify: boolean): Promise<PrintQueueItem[]> {
  const rows = await db
    .selectFrom('letter_delivery as d')
    .innerJoin('letter as l', 'l.id', 'd.letter_id')
    .innerJoin('person as p', 'p.id', 'l.person_id')
    .select(['l.id', 'l.reference', 'l.person_id', 'p.full_name', 'l.issued_at'])
    .where('d.status', '=', 'pending')
    .where('d.method', 'in', notify ? ['print'] : ['print', 'post'])
    .orderBy('l.issued_at')
    .orderBy('l.reference')
    .execute()
  return rows.map((r) => ({
    letterId: r.id,
    reference: r.reference,
    personId: r.person_id,
    personName: r.full_name,
    issuedAt: new Date(r.issued_at),
  }))
}

/** A printed letter marked posted by hand (F9), audited; only a letter waiting in the print queue. */
export async function markPosted(
  trx: Trx,
  actor: Actor & { id: string },
  letterId: string,
  notify: boolean,
  now: Date,
): Promise<void> {
  const row = await trx
    .selectFrom('letter_delivery')
    .select(['method', 'status'])
    .where('letter_id', '=', letterId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) throw notFound('Letter')
  const printable = row.method === 'print' || (row.method === 'post' && !notify)
  if (row.status !== 'pending' || !printable) {
    throw new Refusal(409, 'not_in_print_queue', 'This letter is not waiting to be printed and posted')
  }
  await trx
    .updateTable('letter_delivery')
    .set({ method: 'print', status: 'sent', posted_by: actor.id, updated_at: now, detail: null })
    .where('letter_id', '=', letterId)
    .execute()
  await audit(trx, actor, letterId, { method: 'print', status: 'sent' })
}
