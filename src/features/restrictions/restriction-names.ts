import type { Executor } from '../../db/database.ts'
import type { RestrictionForLetter } from '../../domain/letters.ts'
import type { RestrictionSpec } from '../../domain/restrictions.ts'
import { staffNames } from '../staff/staff.repository.ts'

// The names a restriction's plain-English wording needs (describeRestriction, the letters, the case, decision,
// review and challenge pages): the named officer and deputy (F5b: staff names) and the closed matter (F5e: its
// reference, subject and kind).

/**
 * Each restriction's terms with those names resolved, in the order given: one read of staff names and one of matters
 * whatever the number of restrictions. Works inside a transaction as well as outside.
 */
export async function restrictionNames(
  db: Executor,
  restrictions: readonly { spec: RestrictionSpec }[],
): Promise<RestrictionForLetter[]> {
  const staffIds = new Set<string>()
  const matterIds = new Set<string>()
  for (const { spec } of restrictions) {
    if (spec.type === 'named_contact') {
      staffIds.add(spec.staffUserId)
      if (spec.deputyStaffUserId) staffIds.add(spec.deputyStaffUserId)
    }
    if (spec.type === 'matter_closed') matterIds.add(spec.matterId)
  }
  const names = await staffNames(db, [...staffIds])
  const matters = matterIds.size
    ? await db
        .selectFrom('matter')
        .select(['id', 'reference', 'subject', 'type'])
        .where('id', 'in', [...matterIds])
        .execute()
    : []
  const matterById = new Map(matters.map((m) => [m.id, m]))
  return restrictions.map(({ spec }) => {
    if (spec.type === 'named_contact') {
      const deputy = spec.deputyStaffUserId ? names.get(spec.deputyStaffUserId) : undefined
      return { ...spec, namedOfficerName: names.get(spec.staffUserId), deputyName: deputy }
    }
    if (spec.type === 'matter_closed') {
      const m = matterById.get(spec.matterId)
      return { ...spec, matterReference: m?.reference, matterSubject: m?.subject, matterType: m?.type }
    }
    return spec
  })
}
