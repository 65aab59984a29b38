import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import {
  checkClosure,
  complaintStageNames,
  laterStages,
  matterReference,
  type ComplaintStage,
} from '../../domain/matters.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { personExists } from '../people/people.repository.ts'
import type { CloseMatter, NewMatter } from './schema.ts'

type Trx = Transaction<Database>

export async function createMatter(trx: Trx, actor: Actor, input: NewMatter, now: Date) {
  if (!(await personExists(trx, input.personId))) {
    throw new Refusal(422, 'unknown_person', 'There is no such person', { personId: 'There is no such person' })
  }
  const { rows } = await sql<{ n: number }>`select nextval('matter_reference_seq')::int as n`.execute(trx)
  const reference = matterReference(input.type, now, rows[0]?.n ?? 0)
  const { id } = await trx
    .insertInto('matter')
    .values({
      person_id: input.personId,
      reference,
      type: input.type,
      subject: input.subject,
      service: input.service,
      complaint_stage: input.type === 'complaint' ? 'stage_1' : null,
      outcome: null,
      opened_at: now,
      closed_at: null,
      created_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'matter.opened',
    objectType: 'matter',
    objectId: id,
    after: { personId: input.personId, reference, type: input.type, subject: input.subject, service: input.service },
  })
  return { id, reference, status: 'open' as const }
}

export async function closeMatter(trx: Trx, actor: Actor, matterId: string, input: CloseMatter, now: Date) {
  const matter = await trx.selectFrom('matter').selectAll().where('id', '=', matterId).forUpdate().executeTakeFirst()
  if (!matter) throw notFound('Matter')
  if (matter.status === 'closed')
    throw new Refusal(409, 'already_closed', `Matter ${matter.reference} is already closed`)
  const refusal = checkClosure(matter.type, input.outcome, input.processExhausted)
  if (refusal) throw new Refusal(422, 'outcome_not_allowed', refusal.message, { [refusal.field]: refusal.message })
  await trx
    .updateTable('matter')
    .set({
      status: 'closed',
      outcome: input.outcome,
      process_exhausted: input.processExhausted,
      closed_at: now,
      complaint_stage: matter.type === 'complaint' ? 'closed' : null,
    })
    .where('id', '=', matterId)
    .execute()
  await appendAuditEntry(trx, actor, {
    action: 'matter.closed',
    objectType: 'matter',
    objectId: matterId,
    before: { status: 'open', complaintStage: matter.complaint_stage },
    after: { status: 'closed', outcome: input.outcome, processExhausted: input.processExhausted },
  })
  return {
    id: matterId,
    reference: matter.reference,
    status: 'closed' as const,
    outcome: input.outcome,
    processExhausted: input.processExhausted,
  }
}

/** Moves an open complaint to a later stage (stage 2, or referred to the Ombudsman). */
export async function moveComplaintStage(trx: Trx, actor: Actor, matterId: string, stage: ComplaintStage) {
  const matter = await trx.selectFrom('matter').selectAll().where('id', '=', matterId).forUpdate().executeTakeFirst()
  if (!matter) throw notFound('Matter')
  if (matter.type !== 'complaint')
    throw new Refusal(422, 'not_a_complaint', 'Only a complaint has stages', { stage: 'Only a complaint has stages' })
  if (matter.status === 'closed') throw new Refusal(409, 'already_closed', `Complaint ${matter.reference} is closed`)
  if (!laterStages(matter.complaint_stage).includes(stage)) {
    const message = `A complaint at ${complaintStageNames[matter.complaint_stage ?? 'stage_1'].toLowerCase()} can only move forward`
    throw new Refusal(422, 'stage_not_later', message, { stage: message })
  }
  await trx.updateTable('matter').set({ complaint_stage: stage }).where('id', '=', matterId).execute()
  await appendAuditEntry(trx, actor, {
    action: 'matter.stage_changed',
    objectType: 'matter',
    objectId: matterId,
    before: { complaintStage: matter.complaint_stage },
    after: { complaintStage: stage },
  })
  return { id: matterId, reference: matter.reference, complaintStage: stage }
}
