import type { Executor } from '../../db/database.ts'
import type { DecisionRole } from '../../domain/procedure.ts'

// Reads for proposals and their decisions (F4, F10).
export async function decisionsOf(db: Executor, proposalId: string) {
  return db
    .selectFrom('decision as d')
    .innerJoin('staff_user as s', 's.id', 'd.decided_by')
    .select([
      'd.id',
      'd.role',
      'd.decided_by',
      'd.decision',
      'd.reasons',
      'd.counterweights_considered',
      'd.decided_at',
      's.name as decided_by_name',
    ])
    .where('d.proposal_id', '=', proposalId)
    .orderBy('d.decided_at')
    .execute() as Promise<
    {
      id: string
      role: DecisionRole
      decided_by: string
      decision: 'approve' | 'reject'
      reasons: string
      counterweights_considered: string | null
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

/** A proposal by id, as stored (F4). */
export async function findProposal(db: Executor, id: string) {
  return db.selectFrom('proposal').selectAll().where('id', '=', id).executeTakeFirst()
}
