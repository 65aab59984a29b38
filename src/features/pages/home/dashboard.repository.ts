import type { Executor } from '../../../db/database.ts'
import type { RestrictionState } from '../../../domain/restrictions.ts'

/** Every restriction not lifted or rejected, with what its status is derived from (one query). */
export async function restrictionsInForceStates(
  db: Executor,
): Promise<(RestrictionState & { personId: string; proposalId: string })[]> {
  const rows = await db
    .selectFrom('restriction as r')
    .innerJoin('proposal as p', 'p.id', 'r.proposal_id')
    .select([
      'r.person_id',
      'r.proposal_id',
      'r.starts_on',
      'r.ends_on',
      'r.lifted_on',
      'p.status',
      'p.notice_issued_on',
      'p.interim_imposed_on',
      'p.ratify_by',
    ])
    .where('r.lifted_on', 'is', null)
    .where('p.status', '<>', 'rejected')
    .execute()
  return rows.map((r) => ({
    personId: r.person_id,
    proposalId: r.proposal_id,
    proposalStatus: r.status,
    noticeIssuedOn: r.notice_issued_on,
    interim: r.interim_imposed_on && r.ratify_by ? { imposedOn: r.interim_imposed_on, ratifyBy: r.ratify_by } : null,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    liftedOn: r.lifted_on,
  }))
}
