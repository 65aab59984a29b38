import { z } from 'zod'
import { restrictionStatuses, restrictionTypes } from '../../domain/restrictions.ts'
import type { CaseRestriction } from '../cases/case-file.ts'

// A restriction as the API answers it: the contract's fields, then its terms and what happened to it.
export const restrictionResponse = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    caseId: z.uuid(),
    proposalId: z.uuid(),
    type: z.enum(restrictionTypes),
    status: z.enum(restrictionStatuses),
    startsOn: z.string(),
    endsOn: z.string(),
    reviewOn: z.string(),
    scope: z.union([z.object({ councilWide: z.literal(true) }), z.object({ services: z.array(z.string()) })]),
    noticeIssuedOn: z.string().nullable(),
    interim: z.object({ imposedOn: z.string(), ratifyBy: z.string() }).nullable(),
    liftedOn: z.string().nullable(),
    liftedReason: z.string().nullable(),
  })
  .catchall(z.unknown())

export function presentRestriction(r: CaseRestriction) {
  const terms: Record<string, unknown> = { ...r.spec }
  delete terms['type']
  delete terms['scope']
  return {
    ...terms,
    id: r.id,
    personId: r.personId,
    caseId: r.caseId,
    proposalId: r.proposalId,
    type: r.spec.type,
    status: r.status,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    reviewOn: r.reviewOn,
    scope: r.spec.scope,
    noticeIssuedOn: r.proposal.noticeIssuedOn,
    interim: r.state.interim,
    liftedOn: r.liftedOn,
    liftedReason: r.liftedReason,
  }
}
