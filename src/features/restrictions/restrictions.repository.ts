import type { Executor } from '../../db/database.ts'
import type { RestrictionSpec, RestrictionState, RestrictionTerms } from '../../domain/restrictions.ts'
import type { ProposalStatus } from '../../domain/procedure.ts'

// Restrictions as stored, read with their proposal: plain functions taking the database or a transaction first.
export interface RestrictionRow {
  id: string
  proposalId: string
  caseId: string
  personId: string
  spec: RestrictionSpec
  startsOn: string
  endsOn: string
  reviewOn: string
  liftedOn: string | null
  liftedReason: string | null
  supersededBy: string | null
  state: RestrictionState
  proposal: {
    status: ProposalStatus
    proposedBy: string
    noticeIssuedOn: string | null
    interimImposedOn: string | null
    ratifyBy: string | null
  }
}

type JoinedRow = {
  id: string
  proposal_id: string
  case_id: string
  person_id: string
  type: string
  terms: Record<string, unknown>
  council_wide: boolean
  services: string[]
  starts_on: string
  ends_on: string
  review_on: string
  lifted_on: string | null
  lifted_reason: string | null
  superseded_by: string | null
  proposal_status: ProposalStatus
  proposed_by: string
  notice_issued_on: string | null
  interim_imposed_on: string | null
  ratify_by: string | null
}

export function toRestriction(row: JoinedRow): RestrictionRow {
  const terms = { ...row.terms, type: row.type } as RestrictionTerms
  const scope = row.council_wide ? { councilWide: true as const } : { services: row.services }
  const interim =
    row.interim_imposed_on !== null && row.ratify_by !== null
      ? { imposedOn: row.interim_imposed_on, ratifyBy: row.ratify_by }
      : null
  return {
    id: row.id,
    proposalId: row.proposal_id,
    caseId: row.case_id,
    personId: row.person_id,
    spec: { ...terms, scope },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    reviewOn: row.review_on,
    liftedOn: row.lifted_on,
    liftedReason: row.lifted_reason,
    supersededBy: row.superseded_by,
    state: {
      proposalStatus: row.proposal_status,
      noticeIssuedOn: row.notice_issued_on,
      interim,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      liftedOn: row.lifted_on,
    },
    proposal: {
      status: row.proposal_status,
      proposedBy: row.proposed_by,
      noticeIssuedOn: row.notice_issued_on,
      interimImposedOn: row.interim_imposed_on,
      ratifyBy: row.ratify_by,
    },
  }
}

export function restrictionQuery(db: Executor) {
  return db
    .selectFrom('restriction as r')
    .innerJoin('proposal as p', 'p.id', 'r.proposal_id')
    .select(restrictionColumns)
}

export async function findRestriction(db: Executor, id: string): Promise<RestrictionRow | undefined> {
  const row = await restrictionQuery(db).where('r.id', '=', id).executeTakeFirst()
  return row ? toRestriction(row as JoinedRow) : undefined
}

export async function restrictionsOfPerson(db: Executor, personId: string): Promise<RestrictionRow[]> {
  const rows = await restrictionQuery(db).where('r.person_id', '=', personId).orderBy('r.starts_on').execute()
  return rows.map((row) => toRestriction(row as JoinedRow))
}

export async function restrictionsOfCase(db: Executor, caseId: string): Promise<RestrictionRow[]> {
  const rows = await restrictionQuery(db).where('r.case_id', '=', caseId).orderBy('r.starts_on').execute()
  return rows.map((row) => toRestriction(row as JoinedRow))
}

export async function restrictionsOfProposal(db: Executor, proposalId: string): Promise<RestrictionRow[]> {
  const rows = await restrictionQuery(db).where('r.proposal_id', '=', proposalId).orderBy('r.id').execute()
  return rows.map((row) => toRestriction(row as JoinedRow))
}

export const restrictionColumns = [
  'r.id',
  'r.proposal_id',
  'r.case_id',
  'r.person_id',
  'r.type',
  'r.terms',
  'r.council_wide',
  'r.services',
  'r.starts_on',
  'r.ends_on',
  'r.review_on',
  'r.lifted_on',
  'r.lifted_reason',
  'r.superseded_by',
  'p.status as proposal_status',
  'p.proposed_by',
  'p.notice_issued_on',
  'p.interim_imposed_on',
  'p.ratify_by',
] as const

/** A challenge by id, as stored (F10). */
export async function findChallenge(db: Executor, id: string) {
  return db.selectFrom('challenge').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A restriction's reviews in the order they were made, with the name of who made each (F7). */
export async function reviewsOfRestriction(db: Executor, restrictionId: string) {
  return db
    .selectFrom('review as v')
    .innerJoin('staff_user as s', 's.id', 'v.reviewed_by')
    .select(['v.outcome', 'v.reasons', 'v.next_review_on', 'v.reviewed_at', 'v.letter_id', 's.name'])
    .where('v.restriction_id', '=', restrictionId)
    .orderBy('v.reviewed_at')
    .execute()
}

/** A review with its restriction, case and person's name: where a variation goes next (F7, F4). */
export async function findReviewWithPerson(db: Executor, reviewId: string) {
  return db
    .selectFrom('review as v')
    .innerJoin('restriction as r', 'r.id', 'v.restriction_id')
    .innerJoin('person as pe', 'pe.id', 'r.person_id')
    .select(['v.letter_id', 'v.outcome', 'r.id as restriction_id', 'r.case_id', 'pe.full_name'])
    .where('v.id', '=', reviewId)
    .executeTakeFirst()
}

/**
 * The restriction rows a decision puts on the record: each spec's type, its terms (without type and scope), its scope
 * and the decision's dates. One shape for a proposal (F5-F8) and for lesser terms on challenge (F10).
 */
export async function insertRestrictions(
  db: Executor,
  specs: readonly RestrictionSpec[],
  of: { proposalId: string; caseId: string; personId: string; startsOn: string; endsOn: string; reviewOn: string },
): Promise<string[]> {
  const rows = await db
    .insertInto('restriction')
    .values(
      specs.map((spec) => {
        const { type, scope, ...terms } = spec
        return {
          proposal_id: of.proposalId,
          case_id: of.caseId,
          person_id: of.personId,
          type,
          terms: JSON.stringify(terms),
          council_wide: 'councilWide' in scope,
          services: 'services' in scope ? scope.services : [],
          starts_on: of.startsOn,
          ends_on: of.endsOn,
          review_on: of.reviewOn,
        }
      }),
    )
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

/**
 * F7, F4: restrictions whose latest review decided to vary them, while the variation is still to come: not yet
 * proposed (`proposalId` null), or proposed and not yet in force (awaiting decision, or approved and its letter not
 * issued). Until then the old terms stay in force; the worklist says what is under way.
 */
export async function variationsUnderWay(db: Executor, restrictionIds: readonly string[]) {
  if (restrictionIds.length === 0) return new Map<string, { proposalId: string | null; status: string | null }>()
  const rows = await db
    .selectFrom('review as r')
    .leftJoin('proposal as p', 'p.id', 'r.proposal_id')
    .select(['r.restriction_id', 'r.outcome', 'r.proposal_id', 'p.status', 'p.notice_letter_id'])
    .where('r.restriction_id', 'in', restrictionIds)
    .orderBy('r.reviewed_at', 'desc')
    .execute()
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) if (!latest.has(row.restriction_id)) latest.set(row.restriction_id, row)
  const underWay = new Map<string, { proposalId: string | null; status: string | null }>()
  for (const [id, row] of latest) {
    if (row.outcome !== 'vary' || row.status === 'rejected' || row.notice_letter_id) continue
    underWay.set(id, { proposalId: row.proposal_id, status: row.status })
  }
  return underWay
}
