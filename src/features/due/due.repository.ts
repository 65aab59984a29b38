import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'
import { dueItems, type DueItem, type DueSources } from '../../domain/due.ts'
import { londonDate } from '../../domain/london-time.ts'
import { restrictionStatus } from '../../domain/restrictions.ts'
import type { Role } from '../../domain/roles.ts'
import { restrictionQuery, toRestriction } from '../restrictions/restrictions.repository.ts'
import { involvedInCase } from '../proposals/proposals.repository.ts'
import { bankHolidays } from '../bank-holidays/bank-holidays.repository.ts'

// Reads the record's dated items for the worklists and the reminders: only what can still be due (open, in force,
// undecided, unread), so the lists stay small however long the record grows.

async function personNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db.selectFrom('person').select(['id', 'full_name']).where('id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, r.full_name]))
}

/** F4: the roles that have decided each of these proposals so far. */
async function rolesDecided(db: Executor, proposalIds: readonly string[]): Promise<Map<string, Role[]>> {
  const decided = new Map<string, Role[]>()
  if (proposalIds.length === 0) return decided
  const rows = await db
    .selectFrom('decision')
    .select(['proposal_id', 'role'])
    .where('proposal_id', 'in', [...proposalIds])
    .execute()
  for (const row of rows) decided.set(row.proposal_id, [...(decided.get(row.proposal_id) ?? []), row.role])
  return decided
}

export async function dueSources(db: Executor, today: string): Promise<DueSources> {
  // F7: restrictions that may be in force today (the status itself is derived below, as everywhere else).
  const restrictionRows = await restrictionQuery(db)
    .where('r.lifted_on', 'is', null)
    .where('r.ends_on', '>=', today)
    .where('p.status', '!=', 'rejected')
    .execute()
  const restrictions = restrictionRows.map((row) => toRestriction(row as Parameters<typeof toRestriction>[0]))

  // F8: interim restrictions still awaiting both decisions.
  const interim = await db
    .selectFrom('proposal')
    .select(['id', 'case_id', 'person_id', 'status', 'interim_imposed_on', 'ratify_by'])
    .where('interim_imposed_on', 'is not', null)
    .where('ratify_by', '>=', today)
    .where('status', '=', 'awaiting_decision')
    .execute()

  // F8, F9: interim restrictions lapsed unratified whose end letter has not been issued yet.
  const lapsed = await db
    .selectFrom('proposal')
    .select(['id', 'case_id', 'person_id', 'status', 'ratify_by', 'interim_end_letter_id'])
    .where('interim_imposed_on', 'is not', null)
    .where('ratify_by', '<', today)
    .where('status', '=', 'awaiting_decision')
    .where('interim_end_letter_id', 'is', null)
    .execute()

  // F4: proposals awaiting a decision (interim ones are ratifications, above).
  const awaiting = await db
    .selectFrom('proposal')
    .select(['id', 'case_id', 'person_id', 'proposed_at', 'proposed_by'])
    .where('interim_imposed_on', 'is', null)
    .where('status', '=', 'awaiting_decision')
    .execute()
  const proposalIds = [...interim, ...awaiting].map((p) => p.id)
  const decided = await rolesDecided(db, proposalIds)

  // F10: challenges not yet decided.
  const challenges = await db
    .selectFrom('challenge as c')
    .innerJoin('procedure_case as k', 'k.id', 'c.case_id')
    .select(['c.id', 'c.case_id', 'k.person_id', 'c.restriction_id', 'c.respond_by'])
    .where('c.outcome', 'is', null)
    .execute()
  const involved = new Map<string, string[]>()
  for (const caseId of new Set(challenges.map((c) => c.case_id))) {
    involved.set(caseId, [...(await involvedInCase(db, caseId))])
  }

  // F3: warnings on open cases, not withdrawn, with whether a proposal followed them.
  const followed = sql<boolean>`exists (select 1 from proposal p where p.case_id = w.case_id and p.proposed_at >= w.issued_at)`
  const warnings = await db
    .selectFrom('warning as w')
    .innerJoin('procedure_case as k', 'k.id', 'w.case_id')
    .select(['w.id', 'w.case_id', 'k.person_id', 'w.monitoring_ends_on', 'w.issued_by', followed.as('followed')])
    .where('k.status', '=', 'open')
    .where('w.withdrawn_on', 'is', null)
    .execute()

  // K3: safety markers not removed.
  const markers = await db
    .selectFrom('safety_marker')
    .select(['id', 'person_id', 'review_on', 'created_by'])
    .where('removed_at', 'is', null)
    .execute()

  // F11: correspondence on a closed matter not yet read.
  const unread = await db
    .selectFrom('closed_matter_item')
    .select(['id', 'person_id', 'received_at'])
    .where('read_at', 'is', null)
    .execute()

  // F9 (issue 14): letters returned or not sent, with whether a correction has been issued since.
  const undelivered = await db
    .selectFrom('letter_delivery as d')
    .innerJoin('letter as l', 'l.id', 'd.letter_id')
    .select([
      'l.id',
      'l.case_id',
      'l.person_id',
      'l.reference',
      'd.status',
      'd.updated_at',
      sql<boolean>`exists (select 1 from letter c where c.corrects = l.id)`.as('corrected'),
    ])
    .where('d.status', 'in', ['returned', 'failed'])
    .execute()

  const names = await personNames(db, [
    ...restrictions.map((r) => r.personId),
    ...interim.map((p) => p.person_id),
    ...lapsed.map((p) => p.person_id),
    ...awaiting.map((p) => p.person_id),
    ...challenges.map((c) => c.person_id),
    ...warnings.map((w) => w.person_id),
    ...markers.map((m) => m.person_id),
    ...unread.map((q) => q.person_id),
    ...undelivered.map((l) => l.person_id),
  ])
  const about = (personId: string) => ({ personId, personName: names.get(personId) ?? 'Unknown person' })

  return {
    reviews: restrictions.map((r) => ({
      ...about(r.personId),
      restrictionId: r.id,
      caseId: r.caseId,
      restrictionType: r.spec.type,
      reviewOn: r.reviewOn,
      status: restrictionStatus(r.state, today),
    })),
    ratifications: interim.map((p) => ({
      ...about(p.person_id),
      proposalId: p.id,
      caseId: p.case_id,
      proposalStatus: p.status,
      interimImposedOn: p.interim_imposed_on ?? '',
      ratifyBy: p.ratify_by ?? '',
      decidedRoles: decided.get(p.id) ?? [],
    })),
    lapsedInterims: lapsed.map((p) => ({
      ...about(p.person_id),
      proposalId: p.id,
      caseId: p.case_id,
      proposalStatus: p.status,
      ratifyBy: p.ratify_by ?? '',
      endLetterId: p.interim_end_letter_id,
    })),
    decisions: awaiting.map((p) => ({
      ...about(p.person_id),
      proposalId: p.id,
      caseId: p.case_id,
      proposedOn: londonDate(new Date(p.proposed_at)),
      proposedBy: p.proposed_by,
      decidedRoles: decided.get(p.id) ?? [],
    })),
    challenges: challenges.map((c) => ({
      ...about(c.person_id),
      challengeId: c.id,
      caseId: c.case_id,
      of: c.restriction_id ? ('restriction' as const) : ('warning' as const),
      respondBy: c.respond_by,
      decided: false,
      involved: involved.get(c.case_id) ?? [],
    })),
    monitoring: warnings.map((w) => ({
      ...about(w.person_id),
      warningId: w.id,
      caseId: w.case_id,
      monitoringEndsOn: w.monitoring_ends_on,
      withdrawn: false,
      caseOpen: true,
      followedByProposal: Boolean(w.followed),
      issuedBy: w.issued_by,
    })),
    safetyMarkers: markers.map((m) => ({
      ...about(m.person_id),
      markerId: m.id,
      reviewOn: m.review_on,
      removed: false,
      createdBy: m.created_by,
    })),
    closedMatterItems: unread.map((q) => ({
      ...about(q.person_id),
      itemId: q.id,
      receivedOn: londonDate(new Date(q.received_at)),
      read: false,
    })),
    undeliveredLetters: undelivered.map((l) => ({
      ...about(l.person_id),
      letterId: l.id,
      caseId: l.case_id,
      reference: l.reference,
      status: l.status as 'returned' | 'failed',
      since: londonDate(new Date(l.updated_at)),
      corrected: Boolean(l.corrected),
    })),
  }
}

/** Everything due in the record today, overdue first. */
export async function loadDueItems(db: Executor, today: string, soonDays: number): Promise<DueItem[]> {
  const [sources, holidays] = await Promise.all([dueSources(db, today), bankHolidays(db)])
  return dueItems(sources, { today, bankHolidays: holidays, soonDays })
}

/** Active staff users holding any of these roles, with their roles: who a reminder goes to. */
export async function activeStaffWithRoles(db: Executor, roles: readonly Role[]) {
  if (roles.length === 0) return []
  const rows = await db
    .selectFrom('staff_user as s')
    .innerJoin('staff_role as r', 'r.staff_user_id', 's.id')
    .select(['s.id', 's.email', 's.name', 'r.role'])
    .where('s.disabled_at', 'is', null)
    .where('r.role', 'in', [...roles])
    .orderBy('s.name')
    .execute()
  const byId = new Map<string, { id: string; email: string; name: string; roles: Role[] }>()
  for (const row of rows) {
    const staff = byId.get(row.id) ?? { id: row.id, email: row.email, name: row.name, roles: [] }
    staff.roles.push(row.role)
    byId.set(row.id, staff)
  }
  return [...byId.values()]
}
