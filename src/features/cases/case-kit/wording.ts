import type { Executor } from '../../../db/database.ts'
import {
  describeRestriction,
  describeScopeForLetter,
  letterTypeNames,
  type LetterType,
} from '../../../domain/letters.ts'
import { restrictionRules, restrictionTypeNames, type RestrictionStatus } from '../../../domain/restrictions.ts'
import type { RestrictionRow } from '../cases.repository.ts'

// Restrictions, statuses and letters in plain English for the case pages (F5, F6, F7, F9). describeRestriction needs
// the names the terms point to: the named officer and deputy (staff names), the closed matter (its reference).

export const statusTags: Record<RestrictionStatus, { text: string; classes: string }> = {
  awaiting_decision: { text: 'Awaiting decision', classes: 'govuk-tag--yellow' },
  approved: { text: 'Approved', classes: 'govuk-tag--turquoise' },
  active: { text: 'Active', classes: 'govuk-tag--green' },
  lapsed: { text: 'Lapsed', classes: 'govuk-tag--grey' },
  lifted: { text: 'Lifted', classes: 'govuk-tag--grey' },
  rejected: { text: 'Rejected', classes: 'govuk-tag--red' },
}

export const decisionRoleNames = {
  chief_executive: 'Chief Executive',
  monitoring_officer: 'Monitoring Officer',
} as const

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
  staffName: (id: string | null) => string,
): Promise<Map<string, RestrictionWording>> {
  const matterIds = restrictions.flatMap((r) => (r.spec.type === 'matter_closed' ? [r.spec.matterId] : []))
  const matters = matterIds.length
    ? await db
        .selectFrom('matter')
        .select(['id', 'reference', 'subject', 'type'])
        .where('id', 'in', matterIds)
        .execute()
    : []
  const matter = new Map(matters.map((m) => [m.id, m]))
  return new Map(
    restrictions.map((r) => {
      const spec = r.spec
      const names =
        spec.type === 'named_contact'
          ? {
              namedOfficerName: staffName(spec.staffUserId),
              deputyName: spec.deputyStaffUserId ? staffName(spec.deputyStaffUserId) : undefined,
            }
          : spec.type === 'matter_closed'
            ? {
                matterReference: matter.get(spec.matterId)?.reference,
                matterSubject: matter.get(spec.matterId)?.subject,
                matterType: matter.get(spec.matterId)?.type,
              }
            : {}
      return [
        r.id,
        {
          typeName: restrictionTypeNames[spec.type],
          rule: restrictionRules[spec.type],
          description: describeRestriction({ ...spec, ...names }),
          scope: describeScopeForLetter(spec.scope),
        },
      ]
    }),
  )
}
