import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'
import { reminderStage, type DueItem, type DueKind, type ReminderStage } from '../../domain/due.ts'
import type { Role } from '../../domain/roles.ts'
import { activeStaffWithRoles, loadDueItems } from '../due/due.repository.ts'
import type { Mailer } from './mailer.ts'
import { reminderEmail, reminderSubject } from './templates.ts'

/** One reminder to send: the payload of a `reminders.send` job. */
export interface ReminderJob {
  kind: DueKind
  itemId: string
  dueOn: string
  stage: ReminderStage
  workingDaysLeft: number
  recipientId: string
  recipientEmail: string
  recipientName: string
  role: Role
  path: string
}

type Staff = Awaited<ReturnType<typeof activeStaffWithRoles>>[number]

/**
 * Who is reminded of an item: active staff holding one of its roles, less those who may not act on it (F10). Where the
 * record names the responsible officer (e.g. who issued the warning) and they are among them, just them.
 */
export function recipientsOf(item: DueItem, staff: readonly Staff[]): { staff: Staff; role: Role }[] {
  const eligible = staff
    .filter((s) => !item.excludedStaffIds.includes(s.id))
    .map((s) => ({ staff: s, role: item.roles.find((role) => s.roles.includes(role)) }))
    .filter((r): r is { staff: Staff; role: Role } => r.role !== undefined)
  const named = eligible.filter((r) => item.namedStaffIds.includes(r.staff.id))
  return named.length > 0 ? named : eligible
}

/** Every reminder today calls for: for each item due soon, today or overdue, one per responsible staff user. */
export async function planReminders(db: Executor, today: string, daysBefore: number): Promise<ReminderJob[]> {
  const items = (await loadDueItems(db, today, daysBefore))
    .map((item) => ({ item, stage: reminderStage(item, today, daysBefore) }))
    .filter((x): x is { item: DueItem; stage: ReminderStage } => x.stage !== null)
  if (items.length === 0) return []
  const staff = await activeStaffWithRoles(db, [...new Set(items.flatMap(({ item }) => item.roles))])
  return items.flatMap(({ item, stage }) =>
    recipientsOf(item, staff).map(({ staff: s, role }) => ({
      kind: item.kind,
      itemId: item.id,
      dueOn: item.dueOn,
      stage,
      workingDaysLeft: item.workingDaysLeft,
      recipientId: s.id,
      recipientEmail: s.email,
      recipientName: s.name,
      role,
      path: item.href,
    })),
  )
}

/** The job's key: the same reminder planned twice (two instances, a rerun) has the same key. */
export const reminderKey = (job: ReminderJob) => [job.kind, job.itemId, job.dueOn, job.stage, job.recipientId].join(':')

/**
 * Claims a reminder: the row is inserted with the unique key (item, due date, stage, recipient); whoever inserts it
 * sends it, and every other attempt finds it there and does nothing. A send that failed may be claimed again, by one
 * instance only (the update is conditional on the row's status).
 */
export async function claimReminder(
  db: Executor,
  job: ReminderJob,
  baseUrl: string,
  now: () => Date,
): Promise<string | undefined> {
  const inserted = await db
    .insertInto('reminder')
    .values({
      item_kind: job.kind,
      item_id: job.itemId,
      due_on: job.dueOn,
      stage: job.stage,
      recipient_id: job.recipientId,
      recipient_email: job.recipientEmail,
      subject: reminderSubject(job),
      link: `${baseUrl}${job.path}`,
      created_at: now(),
    })
    .onConflict((oc) => oc.constraint('reminder_once').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) return inserted.id
  const retried = await db
    .updateTable('reminder')
    .set({ status: 'sending', error: null, attempts: sql<number>`attempts + 1` })
    .where('item_kind', '=', job.kind)
    .where('item_id', '=', job.itemId)
    .where('due_on', '=', job.dueOn)
    .where('stage', '=', job.stage)
    .where('recipient_id', '=', job.recipientId)
    .where('status', '=', 'failed')
    .returning('id')
    .executeTakeFirst()
  return retried?.id
}

/**
 * Sends one reminder, exactly once per (item, stage, recipient) however many instances try. Every attempt is logged:
 * sent, not sent (no SMTP configured) or failed with the error. A failure is thrown, so that the job is retried.
 */
export async function deliverReminder(
  db: Executor,
  mailer: Mailer,
  baseUrl: string,
  job: ReminderJob,
  now: () => Date,
): Promise<'sent' | 'not_sent' | 'already' | 'failed'> {
  const id = await claimReminder(db, job, baseUrl, now)
  if (!id) return 'already'
  const email = reminderEmail(job.recipientEmail, { ...job, link: `${baseUrl}${job.path}` })
  try {
    const delivery = await mailer.send(email)
    await db
      .updateTable('reminder')
      .set(
        delivery.status === 'sent'
          ? { status: 'sent', sent_at: now(), error: null }
          : { status: 'not_sent', error: delivery.error },
      )
      .where('id', '=', id)
      .execute()
    return delivery.status
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await db
      .updateTable('reminder')
      .set({ status: 'failed', error: message.slice(0, 1000) })
      .where('id', '=', id)
      .execute()
    throw error
  }
}
