import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'
import type { RestrictionSpec, RestrictionState, RestrictionTerms } from '../../domain/restrictions.ts'
import type { DecisionRole } from '../../domain/procedure.ts'
import type { ProposalStatus } from '../../db/tables/proposals.ts'

// Reads for the formal procedure: plain functions taking the database or a transaction first (convention 6).

export async function bankHolidays(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('bank_holiday').select('on').execute()
  return new Set(rows.map((r) => r.on))
}

export async function bankHolidayList(db: Executor): Promise<{ on: string; title: string }[]> {
  return db.selectFrom('bank_holiday').select(['on', 'title']).orderBy('on').execute()
}

export async function nextCaseReference(db: Executor, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('case_reference_seq')::int as n`.execute(db)
  return `CASE-${year}-${String(rows[0]?.n ?? 0).padStart(6, '0')}`
}

export async function nextLetterReference(db: Executor, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('letter_reference_seq')::int as n`.execute(db)
  return `LTR-${year}-${String(rows[0]?.n ?? 0).padStart(6, '0')}`
}

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

const restrictionColumns = [
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

export async function decisionsOf(db: Executor, proposalId: string) {
  return db
    .selectFrom('decision as d')
    .innerJoin('staff_user as s', 's.id', 'd.decided_by')
    .select(['d.id', 'd.role', 'd.decided_by', 'd.decision', 'd.reasons', 'd.decided_at', 's.name as decided_by_name'])
    .where('d.proposal_id', '=', proposalId)
    .orderBy('d.decided_at')
    .execute() as Promise<
    {
      id: string
      role: DecisionRole
      decided_by: string
      decision: 'approve' | 'reject'
      reasons: string
      decided_at: Date
      decided_by_name: string
    }[]
  >
}

/** Every staff user who took part in a case: they may not decide a challenge to it (F10). */
export async function involvedInCase(db: Executor, caseId: string): Promise<Set<string>> {
  const [kase, warnings, proposals, decisions, reviews] = await Promise.all([
    db.selectFrom('procedure_case').select('opened_by').where('id', '=', caseId).execute(),
    db.selectFrom('warning').select('issued_by').where('case_id', '=', caseId).execute(),
    db.selectFrom('proposal').select(['proposed_by', 'interim_imposed_by']).where('case_id', '=', caseId).execute(),
    db
      .selectFrom('decision as d')
      .innerJoin('proposal as p', 'p.id', 'd.proposal_id')
      .select('d.decided_by')
      .where('p.case_id', '=', caseId)
      .execute(),
    db
      .selectFrom('review as v')
      .innerJoin('restriction as r', 'r.id', 'v.restriction_id')
      .select('v.reviewed_by')
      .where('r.case_id', '=', caseId)
      .execute(),
  ])
  const ids = [
    ...kase.map((r) => r.opened_by),
    ...warnings.map((r) => r.issued_by),
    ...proposals.flatMap((r) => [r.proposed_by, r.interim_imposed_by]),
    ...decisions.map((r) => r.decided_by),
    ...reviews.map((r) => r.reviewed_by),
  ]
  return new Set(ids.filter((id): id is string => id !== null))
}

export async function staffNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('staff_user')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The person as a letter addresses them: name and first postal address (F9: every step is written to them). */
export async function letterRecipient(db: Executor, personId: string) {
  const person = await db.selectFrom('person').select(['full_name']).where('id', '=', personId).executeTakeFirst()
  const address = await db
    .selectFrom('person_address')
    .select(['line1', 'line2', 'town', 'postcode'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .executeTakeFirst()
  const lines = address ? [address.line1, address.line2, address.town, address.postcode] : []
  return {
    fullName: person?.full_name ?? '',
    addressLines: lines.filter((l): l is string => typeof l === 'string' && l.trim() !== ''),
  }
}

/** P5: agreed adjustments that mention large print make every letter large print unless staff choose otherwise. */
export async function wantsLargePrint(db: Executor, personId: string): Promise<boolean> {
  const rows = await db
    .selectFrom('reasonable_adjustment')
    .select(['need', 'agreed_adjustment'])
    .where('person_id', '=', personId)
    .execute()
  return rows.some((r) => /large print|larger print|large font/i.test(`${r.need} ${r.agreed_adjustment}`))
}
