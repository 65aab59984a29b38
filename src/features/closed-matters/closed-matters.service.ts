import type { Transaction } from 'kysely'
import type { Database, Executor } from '../../db/database.ts'
import { refuseAssessment, type ClosedMatterAction, type ClosedMatterAssessment } from '../../domain/closed-matters.ts'
import { formatDate } from '../../web/format.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { recordContact } from '../contacts/contacts.service.ts'
import { createMatter } from '../matters/matters.service.ts'

type Trx = Transaction<Database>

// F11: reading and actioning what arrives on a closed matter. The queue's rows are written by queueIfMatterClosed.

/** Items with the person, the closed matter and the contact each is about. */
const itemsOnRecord = (db: Executor) =>
  db
    .selectFrom('closed_matter_item as i')
    .innerJoin('person as p', 'p.id', 'i.person_id')
    .innerJoin('matter as m', 'm.id', 'i.matter_id')
    .innerJoin('contact as c', 'c.id', 'i.contact_id')

/** The queue: items not yet dealt with, unread first, oldest first; then the latest dealt with. */
export async function closedMatterQueue(db: Executor, recentLimit = 20) {
  const base = itemsOnRecord(db).select([
    'i.id',
    'i.reply',
    'i.received_at as receivedAt',
    'i.read_at as readAt',
    'i.action',
    'i.actioned_at as actionedAt',
    'i.safeguarding_concern as safeguardingConcern',
    'p.full_name as personName',
    'm.reference as matterReference',
    'm.subject as matterSubject',
    'c.channel',
    // Issue 13: what it says, so the queue can be read without opening every item.
    'c.summary',
  ])
  const [waiting, done] = await Promise.all([
    base
      .where('i.action', 'is', null)
      .orderBy('i.read_at', (o) => o.asc().nullsFirst())
      .orderBy('i.received_at', 'asc')
      .execute(),
    base.where('i.action', 'is not', null).orderBy('i.actioned_at', 'desc').limit(recentLimit).execute(),
  ])
  return { waiting, done }
}

/** One item with what the officer needs to read it: the contact, the matter, the restriction's reply rule. */
export async function findClosedMatterItem(db: Executor, id: string) {
  return itemsOnRecord(db)
    .leftJoin('staff_user as reader', 'reader.id', 'i.read_by')
    .leftJoin('matter as nm', 'nm.id', 'i.new_matter_id')
    .select([
      'i.id',
      'i.person_id as personId',
      'i.matter_id as matterId',
      'i.restriction_id as restrictionId',
      'i.reply',
      'i.received_at as receivedAt',
      'i.read_at as readAt',
      'i.fresh_evidence as freshEvidence',
      'i.safeguarding_concern as safeguardingConcern',
      'i.notes',
      'i.action',
      'i.actioned_at as actionedAt',
      'reader.name as readBy',
      'nm.reference as newMatterReference',
      'p.full_name as personName',
      'm.reference as matterReference',
      'm.subject as matterSubject',
      'm.service as matterService',
      'm.status as matterStatus',
      'c.channel',
      'c.summary',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst()
}

export interface ClosedMatterDecision {
  read: boolean
  freshEvidence: boolean | undefined
  safeguardingConcern: boolean | undefined
  notes: string | undefined
  action: ClosedMatterAction | undefined
  /** P3: the new complaint, when the action is new_matter. */
  newMatter?: { subject: string; service: string } | undefined
}

/**
 * F11, P3: records that the item was read, whether it holds fresh evidence or a safeguarding concern, and what was
 * done with it, in one transaction with its audit entry. Referral reopens the matter; a new complaint becomes a new
 * matter; an acknowledgement is recorded as a letter sent to the person.
 */
export async function actionClosedMatterItem(
  trx: Trx,
  actor: Actor,
  itemId: string,
  input: ClosedMatterDecision,
  now: Date,
): Promise<{ action: ClosedMatterAction; newMatterId: string | null; reopened: boolean }> {
  const item = await trx
    .selectFrom('closed_matter_item')
    .selectAll()
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst()
  if (!item) throw notFound('Item')
  if (item.action !== null) throw new Refusal(409, 'already_actioned', 'This item has already been dealt with')
  const assessment: ClosedMatterAssessment = { ...input, reply: item.reply }
  const fields = refuseAssessment(assessment)
  if (input.action === 'new_matter') {
    if (!input.newMatter?.subject) fields.newSubject = 'Enter what the new complaint is about'
    if (!input.newMatter?.service) fields.newService = 'Enter the service the new complaint is about'
  }
  const first = Object.values(fields)[0]
  if (first || input.action === undefined)
    throw new Refusal(422, 'not_assessed', first ?? 'Choose an action', fields, 'F11')
  const action = input.action

  let newMatterId: string | null = null
  let reopened = false
  const matter = await trx
    .selectFrom('matter')
    .selectAll()
    .where('id', '=', item.matter_id)
    .forUpdate()
    .executeTakeFirstOrThrow()
  if (action === 'refer_for_reconsideration' && matter.status === 'closed') {
    // F11: fresh evidence that could affect the decision reopens consideration of the matter.
    const closedEntry = await trx
      .selectFrom('audit_entry')
      .select('before')
      .where('action', '=', 'matter.closed')
      .where('object_id', '=', matter.id)
      .orderBy('seq', 'desc')
      .executeTakeFirst()
    const before = closedEntry?.before as { complaintStage?: string | null } | null | undefined
    const stage = matter.type === 'complaint' ? stageBefore(before?.complaintStage) : null
    await trx
      .updateTable('matter')
      .set({ status: 'open', closed_at: null, outcome: null, process_exhausted: false, complaint_stage: stage })
      .where('id', '=', matter.id)
      .execute()
    await appendAuditEntry(trx, actor, {
      action: 'matter.reopened',
      objectType: 'matter',
      objectId: matter.id,
      reason: `F11: fresh evidence that could affect the decision, received ${formatDate(item.received_at)}${input.notes ? `: ${input.notes}` : ''}`,
      before: { status: 'closed', outcome: matter.outcome, processExhausted: matter.process_exhausted },
      after: { status: 'open', complaintStage: stage },
    })
    reopened = true
  }
  if (action === 'new_matter' && input.newMatter) {
    // P3: a new complaint from a restricted person is registered and considered on its merits.
    const created = await createMatter(
      trx,
      actor,
      {
        personId: item.person_id,
        type: 'complaint',
        subject: input.newMatter.subject,
        service: input.newMatter.service,
      },
      now,
    )
    newMatterId = created.id
  }
  if (action === 'acknowledge') {
    await recordContact(
      trx,
      actor,
      {
        personId: item.person_id,
        channel: 'letter',
        direction: 'outbound',
        at: now,
        matterId: item.matter_id,
        summary: `Acknowledged the correspondence received on ${formatDate(item.received_at)} about ${matter.reference}, which is closed (F11)`,
      },
      now,
    )
  }
  await trx
    .updateTable('closed_matter_item')
    .set({
      read_at: now,
      read_by: actor.id,
      fresh_evidence: input.freshEvidence ?? null,
      safeguarding_concern: input.safeguardingConcern ?? null,
      notes: input.notes ?? null,
      action,
      actioned_at: now,
      actioned_by: actor.id,
      new_matter_id: newMatterId,
    })
    .where('id', '=', item.id)
    .execute()
  await appendAuditEntry(trx, actor, {
    action: 'closed_matter_item.actioned',
    objectType: 'closed_matter_item',
    objectId: item.id,
    reason: input.notes ?? null,
    before: { action: null, readAt: null },
    after: {
      read: true,
      freshEvidence: input.freshEvidence ?? null,
      safeguardingConcern: input.safeguardingConcern ?? null,
      action,
      matterId: item.matter_id,
      newMatterId,
      reopened,
    },
  })
  return { action, newMatterId, reopened }
}

function stageBefore(stage: string | null | undefined): 'stage_1' | 'stage_2' | 'ombudsman' {
  return stage === 'stage_2' || stage === 'ombudsman' ? stage : 'stage_1'
}
