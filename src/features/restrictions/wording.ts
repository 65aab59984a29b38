import type { Executor } from '../../db/database.ts'
import { describeRestriction, describeScopeForLetter, letterTypeNames, type LetterType } from '../../domain/letters.ts'
import { restrictionRules, restrictionTypeNames, type RestrictionStatus } from '../../domain/restrictions.ts'
import type { ProposalStatus } from '../../domain/procedure.ts'
import { restrictionNames } from './restriction-names.ts'
import { type RestrictionRow } from './restrictions.repository.ts'

// Restrictions, statuses and letters in plain English for the case pages (F5, F6, F7, F9). The decision-makers' role
// names are the domain's (decisionRoleNames in domain/procedure.ts).

/** A restriction's status as a tag on the case page and as a word in the case file. */
export const statusTags: Record<RestrictionStatus, { text: string; classes: string }> = {
  awaiting_decision: { text: 'Awaiting decision', classes: 'govuk-tag--yellow' },
  approved: { text: 'Approved', classes: 'govuk-tag--turquoise' },
  active: { text: 'Active', classes: 'govuk-tag--green' },
  lapsed: { text: 'Lapsed', classes: 'govuk-tag--grey' },
  lifted: { text: 'Lifted', classes: 'govuk-tag--grey' },
  rejected: { text: 'Rejected', classes: 'govuk-tag--red' },
}

/** A restriction's status in words on the decision, notice, interim and review pages. */
export const restrictionStatusNames: Record<RestrictionStatus, string> = {
  awaiting_decision: 'Awaiting decision',
  approved: 'Approved, not yet in force',
  active: 'In force',
  lapsed: 'Ended (lapsed)',
  lifted: 'Lifted',
  rejected: 'Rejected',
}

/** A proposal's status on the decision page. */
export const proposalStatusNames: Record<ProposalStatus, string> = {
  awaiting_decision: 'Awaiting decision',
  approved: 'Approved',
  rejected: 'Rejected',
}

export const letterTypeName = (type: string) => letterTypeNames[type as LetterType] ?? 'Letter'

export interface RestrictionWording {
  typeName: string
  rule: string
  description: string
  scope: string
}

/** Each restriction's type, rule (F5a–e), terms in plain English and scope (F6), by restriction id. */
export async function restrictionWording(
  db: Executor,
  restrictions: readonly RestrictionRow[],
): Promise<Map<string, RestrictionWording>> {
  const named = await restrictionNames(db, restrictions)
  return new Map(
    restrictions.map((r, i) => [
      r.id,
      {
        typeName: restrictionTypeNames[r.spec.type],
        rule: restrictionRules[r.spec.type],
        description: describeRestriction(named[i] ?? r.spec),
        scope: describeScopeForLetter(r.spec.scope),
      },
    ]),
  )
}
