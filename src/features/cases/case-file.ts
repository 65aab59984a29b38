import type { Executor } from '../../db/database.ts'
import { restrictionStatus, type RestrictionStatus } from '../../domain/restrictions.ts'
import { restrictionsOfCase, type RestrictionRow } from '../restrictions/restrictions.repository.ts'
import { decisionsOf } from '../proposals/proposals.repository.ts'
import { staffNames } from '../staff/staff.repository.ts'

// The case file: everything about one case, in one read, for the case page, the API and the PDF the council would
// send the Ombudsman (F1–F12).

export type CaseFile = NonNullable<Awaited<ReturnType<typeof loadCaseFile>>>
export type CaseRestriction = RestrictionRow & { status: RestrictionStatus }

export async function loadCaseFile(db: Executor, caseId: string, today: string) {
  const kase = await db.selectFrom('procedure_case').selectAll().where('id', '=', caseId).executeTakeFirst()
  if (!kase) return undefined
  const [person, warnings, proposals, restrictions, reviews, challenges, letters] = await Promise.all([
    db
      .selectFrom('person')
      .select(['id', 'full_name', 'is_councillor'])
      .where('id', '=', kase.person_id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('warning').selectAll().where('case_id', '=', caseId).orderBy('issued_at').execute(),
    db.selectFrom('proposal').selectAll().where('case_id', '=', caseId).orderBy('proposed_at').execute(),
    restrictionsOfCase(db, caseId),
    db
      .selectFrom('review as v')
      .innerJoin('restriction as r', 'r.id', 'v.restriction_id')
      .selectAll('v')
      .where('r.case_id', '=', caseId)
      .orderBy('v.reviewed_at')
      .execute(),
    db.selectFrom('challenge').selectAll().where('case_id', '=', caseId).orderBy('recorded_at').execute(),
    db
      .selectFrom('letter')
      .select(['id', 'type', 'reference', 'issued_at', 'issued_by', 'large_print', 'corrects', 'sha256'])
      .where('case_id', '=', caseId)
      .orderBy('issued_at')
      .execute(),
  ])
  const decisions = new Map(await Promise.all(proposals.map(async (p) => [p.id, await decisionsOf(db, p.id)] as const)))
  const evidence = await loadEvidence(db, kase.incident_ids, kase.contact_ids, kase.arrangement_ids)
  const staffIds = new Set<string>([kase.opened_by])
  if (kase.closed_by) staffIds.add(kase.closed_by)
  for (const w of warnings) staffIds.add(w.issued_by)
  for (const p of proposals) {
    staffIds.add(p.proposed_by)
    if (p.interim_imposed_by) staffIds.add(p.interim_imposed_by)
  }
  for (const v of reviews) staffIds.add(v.reviewed_by)
  for (const c of challenges) {
    staffIds.add(c.recorded_by)
    if (c.decided_by) staffIds.add(c.decided_by)
  }
  for (const l of letters) staffIds.add(l.issued_by)
  for (const r of restrictions) {
    if (r.spec.type === 'named_contact') {
      staffIds.add(r.spec.staffUserId)
      if (r.spec.deputyStaffUserId) staffIds.add(r.spec.deputyStaffUserId)
    }
  }
  const names = await staffNames(db, [...staffIds])
  const withStatus: CaseRestriction[] = restrictions.map((r) => ({ ...r, status: restrictionStatus(r.state, today) }))
  return {
    case: kase,
    person,
    warnings,
    proposals: proposals.map((p) => ({
      ...p,
      decisions: decisions.get(p.id) ?? [],
      restrictions: withStatus.filter((r) => r.proposalId === p.id),
    })),
    restrictions: withStatus,
    reviews,
    challenges,
    letters,
    evidence,
    staffName: (id: string | null) => (id ? (names.get(id) ?? 'Unknown') : ''),
  }
}

async function loadEvidence(db: Executor, incidentIds: string[], contactIds: string[], arrangementIds: string[]) {
  const [incidents, contacts, arrangements] = await Promise.all([
    incidentIds.length
      ? db
          .selectFrom('incident')
          .select(['id', 'at', 'category', 'severity', 'description', 'police_reference'])
          .where('id', 'in', incidentIds)
          .orderBy('at')
          .execute()
      : [],
    contactIds.length
      ? db
          .selectFrom('contact as c')
          .leftJoin('matter as m', 'm.id', 'c.matter_id')
          .select(['c.id', 'c.at', 'c.channel', 'c.direction', 'c.summary', 'c.minutes_spent', 'm.reference'])
          .where('c.id', 'in', contactIds)
          .orderBy('c.at')
          .execute()
      : [],
    arrangementIds.length
      ? db
          .selectFrom('operational_arrangement')
          .select(['id', 'kind', 'service', 'description', 'started_on', 'ended_on', 'outcome'])
          .where('id', 'in', arrangementIds)
          .orderBy('started_on')
          .execute()
      : [],
  ])
  return { incidents, contacts, arrangements }
}

/** Every case of a person, newest first, with what stands out: for the person page and F12 (history at hand). */
export async function casesOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('procedure_case')
    .select(['id', 'reference', 'service', 'status', 'opened_at', 'closed_at'])
    .where('person_id', '=', personId)
    .orderBy('opened_at', 'desc')
    .execute()
}
