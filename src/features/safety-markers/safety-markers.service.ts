import type { Transaction } from 'kysely'
import type { Database, Executor } from '../../db/database.ts'
import { Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { personExists } from '../people/people.repository.ts'
import type { NewSafetyMarker } from './schema.ts'

type Trx = Transaction<Database>

export interface SafetyMarker {
  id: string
  precautions: string
  reason: string
  reviewOn: string
  createdAt: Date
}

const londonToday = (now: Date) => now.toLocaleDateString('en-CA', { timeZone: 'Europe/London' })

/** K3, P4: a staff-safety marker, separate from any restriction, with a review date. */
export async function addSafetyMarker(
  trx: Trx,
  actor: Actor,
  personId: string,
  input: NewSafetyMarker,
  now: Date,
): Promise<string> {
  if (!(await personExists(trx, personId))) throw new Refusal(404, 'not_found', 'Person was not found')
  if (input.reviewOn < londonToday(now)) {
    throw new Refusal(422, 'review_in_past', 'The review date must be today or in the future', {
      reviewOn: 'The review date must be today or in the future',
    })
  }
  const { id } = await trx
    .insertInto('safety_marker')
    .values({
      person_id: personId,
      precautions: input.precautions,
      reason: input.reason,
      review_on: input.reviewOn,
      created_by: actor.id,
      removed_at: null,
      removed_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'safety_marker.added',
    objectType: 'safety_marker',
    objectId: id,
    after: { personId, precautions: input.precautions, reason: input.reason, reviewOn: input.reviewOn },
  })
  return id
}

export async function activeSafetyMarkers(db: Executor, personId: string): Promise<SafetyMarker[]> {
  const rows = await db
    .selectFrom('safety_marker')
    .select(['id', 'precautions', 'reason', 'review_on', 'created_at'])
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    precautions: r.precautions,
    reason: r.reason,
    reviewOn: r.review_on,
    createdAt: r.created_at,
  }))
}

/** K3: every view of a safety marker is recorded, with who and where it was seen. */
export async function recordMarkerViews(
  trx: Trx,
  actor: Actor,
  markers: readonly SafetyMarker[],
  where: string,
): Promise<void> {
  for (const marker of markers) {
    await appendAuditEntry(trx, actor, {
      action: 'safety_marker.viewed',
      objectType: 'safety_marker',
      objectId: marker.id,
      after: { where },
    })
  }
}
