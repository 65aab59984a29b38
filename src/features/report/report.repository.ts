import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'
import { londonDate } from '../../domain/london-time.ts'
import {
  proposalDecidedOn,
  WARNING_FOLLOW_UP_MONTHS,
  type ProposalOutcome,
  type ReportPeriod,
  type ReportRestriction,
  type ReportRows,
} from '../../domain/report.ts'
import type { RestrictionType } from '../../domain/restrictions.ts'
import { addDays, addMonths } from '../../domain/working-days.ts'

// The report's queries (K5): the plain rows that `reportFigures` counts, limited to what can touch the period.
// Timestamps are read as UK calendar days; the SQL bounds are a day wider than the period, and the domain then counts
// by the exact UK day.

/** A timestamp bound a day beyond a UK date, so that no row of the day is missed whatever the offset. */
const after = (day: string) => new Date(`${addDays(day, 2)}T00:00:00Z`)
const before = (day: string) => new Date(`${addDays(day, -2)}T00:00:00Z`)

export interface NamedRestriction {
  id: string
  personId: string
  personName: string
  caseReference: string
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) {
    const list = map.get(key(row))
    if (list) list.push(row)
    else map.set(key(row), [row])
  }
  return map
}

async function adjustmentsSince(db: Executor, personIds: string[]) {
  if (personIds.length === 0) return new Map<string, Date[]>()
  const rows = await db
    .selectFrom('reasonable_adjustment')
    .select(['person_id', 'created_at'])
    .where('person_id', '=', sql<string>`any(${personIds}::uuid[])`)
    .execute()
  const map = new Map<string, Date[]>()
  for (const [personId, list] of groupBy(rows, (r) => r.person_id))
    map.set(
      personId,
      list.map((r) => r.created_at),
    )
  return map
}

/** P5: whether the person had an agreed adjustment recorded by `at`. */
const hadAdjustments = (map: Map<string, Date[]>, personId: string, at: Date) =>
  (map.get(personId) ?? []).some((created) => created <= at)

export async function reportRows(db: Executor, period: ReportPeriod): Promise<ReportRows> {
  const end = after(period.to)
  const start = before(period.from)
  // Restrictions proposed by the period's end whose term, or interim deadline, reaches into the period.
  const restrictionRows = await db
    .selectFrom('restriction as r')
    .innerJoin('proposal as p', 'p.id', 'r.proposal_id')
    .select([
      'r.id',
      'r.person_id',
      'r.case_id',
      'r.type',
      'r.council_wide',
      'r.services',
      'r.starts_on',
      'r.ends_on',
      'r.lifted_on',
      'r.superseded_by',
      'r.proposal_id',
      'p.review_on as first_review_on',
      'p.status',
      'p.notice_issued_on',
      'p.interim_imposed_on',
      'p.ratify_by',
    ])
    .where('p.proposed_at', '<', end)
    .where((eb) => eb.or([eb('r.ends_on', '>=', period.from), eb('p.ratify_by', '>=', period.from)]))
    .execute()

  const proposalRows = await db
    .selectFrom('proposal as p')
    .innerJoin('procedure_case as c', 'c.id', 'p.case_id')
    .select([
      'p.id',
      'p.case_id',
      'c.person_id',
      'p.proposed_at',
      'p.status',
      'p.interim_imposed_on',
      'p.ratify_by',
      'p.adjustment_conflict_justification',
    ])
    // Every proposal made by the period's end: few rows, and any of them may have led from a warning (F2) or carry an
    // interim restriction (F8) that the period counts.
    .where('p.proposed_at', '<', end)
    .execute()

  const proposalIds = [...new Set([...proposalRows.map((p) => p.id), ...restrictionRows.map((r) => r.proposal_id)])]
  const decisionRows = proposalIds.length
    ? await db
        .selectFrom('decision')
        .select(['proposal_id', 'decision', 'decided_at'])
        .where('proposal_id', '=', sql<string>`any(${proposalIds}::uuid[])`)
        .execute()
    : []
  const decidedOn = new Map<string, string | null>()
  // Grouped once, so the report stays linear in the number of proposals and restrictions.
  const decisionsByProposal = groupBy(decisionRows, (d) => d.proposal_id)
  const decisionsOf = (id: string) =>
    (decisionsByProposal.get(id) ?? []).map((d) => ({ decision: d.decision, decidedOn: londonDate(d.decided_at) }))
  const decidedFor = (id: string, status: ProposalOutcome) => {
    if (!decidedOn.has(id)) decidedOn.set(id, proposalDecidedOn(status, decisionsOf(id)))
    return decidedOn.get(id) ?? null
  }

  const restrictionIds = restrictionRows.map((r) => r.id)
  const reviewRows = restrictionIds.length
    ? await db
        .selectFrom('review')
        .select(['restriction_id', 'outcome', 'next_review_on', 'reviewed_at'])
        .where('restriction_id', '=', sql<string>`any(${restrictionIds}::uuid[])`)
        .where('reviewed_at', '<', end)
        .orderBy('reviewed_at')
        .execute()
    : []

  const reviewsByRestriction = groupBy(reviewRows, (v) => v.restriction_id)

  const caseRows = await db
    .selectFrom('procedure_case')
    .select(['id', 'person_id', 'opened_at'])
    .where('opened_at', '>=', start)
    .where('opened_at', '<', end)
    .execute()

  // Warnings issued in the period, withdrawn in it, or whose follow-up time ends in it (F2, F3).
  const warningRows = await db
    .selectFrom('warning')
    .select(['id', 'case_id', 'issued_on', 'monitoring_ends_on', 'withdrawn_on'])
    .where('issued_on', '<=', period.to)
    .where((eb) =>
      eb.or([
        eb('issued_on', '>=', period.from),
        eb('withdrawn_on', '>=', period.from),
        eb('monitoring_ends_on', '>=', addMonths(period.from, -WARNING_FOLLOW_UP_MONTHS - 1)),
      ]),
    )
    .execute()

  const challengeRows = await db
    .selectFrom('challenge')
    .select(['id', 'restriction_id', 'received_on', 'respond_by', 'in_time', 'outcome', 'decided_at'])
    .where('received_on', '<=', period.to)
    .where((eb) => eb.or([eb('decided_at', 'is', null), eb('decided_at', '>=', start)]))
    .execute()

  const adjustments = await adjustmentsSince(db, [
    ...new Set([...proposalRows.map((p) => p.person_id), ...caseRows.map((c) => c.person_id)]),
  ])

  const restrictions: ReportRestriction[] = restrictionRows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    caseId: r.case_id,
    type: r.type,
    councilWide: r.council_wide,
    services: r.services,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    // Nothing recorded after the period's end is counted.
    liftedOn: r.lifted_on,
    supersededBy: r.superseded_by,
    firstReviewOn: r.first_review_on,
    proposalStatus: r.status,
    decidedOn: decidedFor(r.proposal_id, r.status),
    noticeIssuedOn: r.notice_issued_on,
    interimImposedOn: r.interim_imposed_on,
    ratifyBy: r.ratify_by,
    reviews: (reviewsByRestriction.get(r.id) ?? []).map((v) => ({
      reviewedOn: londonDate(v.reviewed_at),
      outcome: v.outcome,
      nextReviewOn: v.next_review_on,
    })),
  }))

  return {
    restrictions,
    proposals: proposalRows.map((p) => ({
      id: p.id,
      caseId: p.case_id,
      proposedOn: londonDate(p.proposed_at),
      status: p.status,
      decidedOn: decidedFor(p.id, p.status),
      interimImposedOn: p.interim_imposed_on,
      ratifyBy: p.ratify_by,
      personHadAdjustments: hadAdjustments(adjustments, p.person_id, p.proposed_at),
      conflictJustified: p.adjustment_conflict_justification !== null,
    })),
    cases: caseRows.map((c) => ({
      id: c.id,
      openedOn: londonDate(c.opened_at),
      personHadAdjustments: hadAdjustments(adjustments, c.person_id, c.opened_at),
    })),
    warnings: warningRows.map((w) => ({
      id: w.id,
      caseId: w.case_id,
      issuedOn: w.issued_on,
      monitoringEndsOn: w.monitoring_ends_on,
      withdrawnOn: w.withdrawn_on,
    })),
    challenges: challengeRows.map((c) => ({
      id: c.id,
      of: c.restriction_id === null ? ('warning' as const) : ('restriction' as const),
      receivedOn: c.received_on,
      respondBy: c.respond_by,
      inTime: c.in_time,
      outcome: c.outcome,
      decidedOn: c.decided_at === null ? null : londonDate(c.decided_at),
    })),
  }
}

/** The named version's list (report.read): who each restriction in the report binds, and its case. */
export async function namesOfRestrictions(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, NamedRestriction>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('restriction as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('procedure_case as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.person_id', 'p.full_name', 'c.reference'])
    .where('r.id', '=', sql<string>`any(${[...ids]}::uuid[])`)
    .execute()
  return new Map(
    rows.map((r) => [r.id, { id: r.id, personId: r.person_id, personName: r.full_name, caseReference: r.reference }]),
  )
}

export type { RestrictionType }
