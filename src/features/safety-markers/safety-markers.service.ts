import type { Transaction } from 'kysely'
import type { Database, Executor } from '../../db/database.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { londonDate } from '../../domain/london-time.ts'
import { markerReviewProblems, type MarkerReviewOutcome } from '../../domain/safety-markers.ts'
import { personExists } from '../people/people.repository.ts'
import type { NewMarkerReview, NewSafetyMarker } from './schema.ts'
import { insertMarkerReview, lockSafetyMarker, updateSafetyMarker } from './safety-markers.repository.ts'

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

export interface MarkerReviewed {
  id: string
  markerId: string
  outcome: MarkerReviewOutcome
  /** The next review date; null once removed. */
  reviewOn: string | null
  personId: string
}

/**
 * K3: review a safety marker: continue it to a new review date, amend its precautions (with a new review date), or
 * remove it, after which no view shows it and it cannot be reviewed again. The review keeps what the marker said before
 * and after, and is audited in the same transaction (K4).
 */
export async function reviewSafetyMarker(
  trx: Trx,
  actor: Actor,
  markerId: string,
  input: NewMarkerReview,
  now: Date,
): Promise<MarkerReviewed> {
  const marker = await lockSafetyMarker(trx, markerId)
  if (!marker) throw notFound('Safety marker')
  if (marker.removedAt) {
    const message = 'This safety marker has been removed, so it cannot be reviewed again'
    throw new Refusal(409, 'marker_removed', message, {}, 'K3')
  }
  const problems = markerReviewProblems(input, marker.precautions, londonDate(now))
  if (Object.keys(problems).length) {
    throw new Refusal(422, 'review_incomplete', 'The review cannot be recorded: see fields', problems, 'K3')
  }
  const reason = input.reason ?? ''
  const removed = input.outcome === 'remove'
  const precautions = input.outcome === 'amend' ? (input.precautions ?? marker.precautions) : marker.precautions
  const reviewOn = removed ? null : (input.reviewOn ?? marker.reviewOn)
  await updateSafetyMarker(
    trx,
    markerId,
    reviewOn === null ? { removed_at: now, removed_reason: reason } : { precautions, review_on: reviewOn },
  )
  const id = await insertMarkerReview(trx, {
    safety_marker_id: markerId,
    outcome: input.outcome,
    reason,
    precautions_before: marker.precautions,
    precautions_after: removed ? null : precautions,
    review_on_before: marker.reviewOn,
    review_on_after: reviewOn,
    reviewed_by: actor.id,
    reviewed_at: now,
  })
  await appendAuditEntry(trx, actor, {
    action: removed ? 'safety_marker.removed' : 'safety_marker.reviewed',
    objectType: 'safety_marker',
    objectId: markerId,
    reason,
    before: { precautions: marker.precautions, reviewOn: marker.reviewOn },
    after: removed
      ? { reviewId: id, outcome: input.outcome, removedAt: now.toISOString() }
      : { reviewId: id, outcome: input.outcome, precautions, reviewOn },
  })
  return { id, markerId, outcome: input.outcome, reviewOn, personId: marker.personId }
}
