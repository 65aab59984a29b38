import type { Insertable, Transaction, Updateable } from 'kysely'
import type { Database, Executor } from '../../db/database.ts'
import type { SafetyMarkerReviewTable, SafetyMarkerTable } from '../../db/tables/safety-markers.ts'

// Reading and writing safety markers and their reviews (K3). The service decides; these only fetch and store.

export interface MarkerOnRecord {
  id: string
  personId: string
  personName: string
  precautions: string
  reason: string
  reviewOn: string
  createdAt: Date
  createdBy: string | null
  removedAt: Date | null
  removedReason: string | null
}

function markerQuery(db: Executor) {
  return db
    .selectFrom('safety_marker as k')
    .innerJoin('person as p', 'p.id', 'k.person_id')
    .leftJoin('staff_user as s', 's.id', 'k.created_by')
    .select([
      'k.id',
      'k.person_id',
      'p.full_name',
      'k.precautions',
      'k.reason',
      'k.review_on',
      'k.created_at',
      's.name as created_by_name',
      'k.removed_at',
      'k.removed_reason',
    ])
}

type MarkerRow = Awaited<ReturnType<ReturnType<typeof markerQuery>['executeTakeFirstOrThrow']>>

const toMarker = (r: MarkerRow): MarkerOnRecord => ({
  id: r.id,
  personId: r.person_id,
  personName: r.full_name,
  precautions: r.precautions,
  reason: r.reason,
  reviewOn: r.review_on,
  createdAt: r.created_at,
  createdBy: r.created_by_name,
  removedAt: r.removed_at,
  removedReason: r.removed_reason,
})

/** A safety marker, removed or not, with its person and who added it. */
export async function findSafetyMarker(db: Executor, id: string): Promise<MarkerOnRecord | undefined> {
  const row = await markerQuery(db).where('k.id', '=', id).executeTakeFirst()
  return row && toMarker(row)
}

/** The marker, locked until the transaction ends: two reviews of one marker at once take turns. */
export async function lockSafetyMarker(trx: Transaction<Database>, id: string): Promise<MarkerOnRecord | undefined> {
  const row = await markerQuery(trx).where('k.id', '=', id).forUpdate('k').executeTakeFirst()
  return row && toMarker(row)
}

export async function updateSafetyMarker(
  trx: Transaction<Database>,
  id: string,
  change: Updateable<SafetyMarkerTable>,
): Promise<void> {
  await trx.updateTable('safety_marker').set(change).where('id', '=', id).execute()
}

export async function insertMarkerReview(
  trx: Transaction<Database>,
  review: Insertable<SafetyMarkerReviewTable>,
): Promise<string> {
  const { id } = await trx.insertInto('safety_marker_review').values(review).returning('id').executeTakeFirstOrThrow()
  return id
}

export interface MarkerReviewOnRecord {
  id: string
  outcome: SafetyMarkerReviewTable['outcome']
  reason: string
  precautionsBefore: string
  precautionsAfter: string | null
  reviewOnBefore: string
  reviewOnAfter: string | null
  reviewedBy: string | null
  reviewedAt: Date
}

/** Every review of a marker, newest first, with who reviewed it. */
export async function reviewsOfMarker(db: Executor, markerId: string): Promise<MarkerReviewOnRecord[]> {
  const rows = await db
    .selectFrom('safety_marker_review as v')
    .leftJoin('staff_user as s', 's.id', 'v.reviewed_by')
    .select([
      'v.id',
      'v.outcome',
      'v.reason',
      'v.precautions_before',
      'v.precautions_after',
      'v.review_on_before',
      'v.review_on_after',
      's.name',
      'v.reviewed_at',
    ])
    .where('v.safety_marker_id', '=', markerId)
    .orderBy('v.reviewed_at', 'desc')
    .orderBy('v.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    outcome: r.outcome,
    reason: r.reason,
    precautionsBefore: r.precautions_before,
    precautionsAfter: r.precautions_after,
    reviewOnBefore: r.review_on_before,
    reviewOnAfter: r.review_on_after,
    reviewedBy: r.name,
    reviewedAt: r.reviewed_at,
  }))
}
