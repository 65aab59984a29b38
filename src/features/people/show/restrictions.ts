import type { Executor } from '../../../db/database.ts'
import { necessaryContact, staffResponse } from '../../../domain/restriction-wording.ts'
import { inForce, restrictionRules, restrictionTypeNames, restrictionTypes } from '../../../domain/restrictions.ts'
import { restrictionNames } from '../../restrictions/restriction-names.ts'
import { restrictionsOfPerson } from '../../restrictions/restrictions.repository.ts'

// The restrictions in force on the person's page (issue 13): what staff need where they look, in the words the contact
// check and the register give staff (K2, V3), never the case file (K7): no case, no behaviour, no grounds, no reasons.

export interface RestrictionInForce {
  id: string
  /** "Contact by one method only" and its rule (F5a). */
  typeName: string
  rule: string
  /** F6: whom it covers: the services, or the whole council. */
  appliesTo: string
  /** How necessary contact still happens (K2): "By letter only." */
  howToContact: string
  /** What to do when they make contact (K2, V3). */
  staffResponse: string
  /** F7: its end date; a restriction a review or a challenge lifts from a later day says that day instead. */
  endsOn: string
  liftedFrom: string | null
}

/** The person's restrictions in force on `today` (F7, F9: as the check counts them), worded for staff. */
export async function restrictionsInForce(
  db: Executor,
  personId: string,
  today: string,
): Promise<RestrictionInForce[]> {
  // In the order of F5a-e, so the page reads the same each time.
  const order = (r: { spec: { type: (typeof restrictionTypes)[number] } }) => restrictionTypes.indexOf(r.spec.type)
  const live = (await restrictionsOfPerson(db, personId))
    .filter((r) => inForce(r.state, today))
    .sort((a, b) => order(a) - order(b) || a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id))
  const words = await restrictionNames(db, live)
  return live.map((r, i) => {
    const named = words[i] ?? r.spec
    const scope = r.spec.scope
    return {
      id: r.id,
      typeName: restrictionTypeNames[r.spec.type],
      rule: restrictionRules[r.spec.type],
      appliesTo:
        'councilWide' in scope
          ? 'The whole council, and organisations that provide council services'
          : `Contact about ${scope.services.map((s) => s.trim()).join(', ')}, and organisations that provide ${scope.services.length === 1 ? 'that service' : 'those services'}`,
      howToContact: necessaryContact(named),
      staffResponse: staffResponse(named),
      endsOn: r.endsOn,
      liftedFrom: r.liftedOn !== null && r.liftedOn <= r.endsOn ? r.liftedOn : null,
    }
  })
}
