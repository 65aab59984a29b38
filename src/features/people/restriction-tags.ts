import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Executor } from '../../db/database.ts'
import { inForce } from '../../domain/restrictions.ts'
import { restrictionColumns, toRestriction } from '../restrictions/restrictions.repository.ts'

// What a list of people shows beside each name (issue 13): whether a restriction is in force and for which services
// (F6), and whether they have a staff-safety marker (K3). Only that: no terms, no case, no marker's reason or
// precautions, so a list can show it to every role (K7) and no marker is viewed by it.

export interface RestrictionTag {
  /** The services restrictions in force cover (none: no restriction in force), or 'council' when one is council-wide. */
  services: string[] | 'council'
  /** An active (not removed) staff-safety marker. */
  safetyMarker: boolean
}

/**
 * The tag of each person given, in one query whatever their number (a search page, the check's candidates). People
 * not on the record are left out; everyone else has a tag, with `services: []` when no restriction is in force on
 * `today` (a London date, `YYYY-MM-DD`). Whether a restriction is in force is the domain's rule (F7, F9: `inForce`).
 */
export async function restrictionTagsOf(
  db: Executor,
  personIds: readonly string[],
  today: string,
): Promise<Map<string, RestrictionTag>> {
  const tags = new Map<string, RestrictionTag>()
  const ids = [...new Set(personIds)]
  if (ids.length === 0) return tags
  const rows = await db
    .selectFrom('person as pe')
    .where('pe.id', 'in', ids)
    .select((eb) => [
      'pe.id as personId',
      eb
        .exists(
          eb
            .selectFrom('safety_marker as m')
            .select('m.id')
            .whereRef('m.person_id', '=', 'pe.id')
            .where('m.removed_at', 'is', null),
        )
        .as('safetyMarker'),
      // Only rows that may be in force today are read; inForce decides (a letter not yet issued, an interim one lapsed).
      jsonArrayFrom(
        eb
          .selectFrom('restriction as r')
          .innerJoin('proposal as p', 'p.id', 'r.proposal_id')
          .select(restrictionColumns)
          .whereRef('r.person_id', '=', 'pe.id')
          .where('p.status', '!=', 'rejected')
          .where('r.ends_on', '>=', today)
          .where((w) => w.or([w('r.lifted_on', 'is', null), w('r.lifted_on', '>', today)]))
          .orderBy('r.starts_on')
          .orderBy('r.id'),
      ).as('restrictions'),
    ])
    .execute()
  for (const row of rows) {
    const live = row.restrictions
      .map((r) => toRestriction(r as Parameters<typeof toRestriction>[0]))
      .filter((r) => inForce(r.state, today))
    const councilWide = live.some((r) => 'councilWide' in r.spec.scope)
    tags.set(row.personId, {
      services: councilWide ? 'council' : uniqueServices(live.flatMap((r) => servicesOf(r.spec.scope))),
      safetyMarker: Boolean(row.safetyMarker),
    })
  }
  return tags
}

/**
 * The tags a list shows beside a name (F6, K3): "Restricted: Parking" or "Restricted: whole council", and "Safety
 * marker". Never the marker's reason or precautions: those are on the person's page, where each view is recorded.
 */
export function tagTexts(tag: RestrictionTag | undefined): { text: string; classes: string; qa: string }[] {
  if (!tag) return []
  const tags = []
  if (tag.services === 'council')
    tags.push({ text: 'Restricted: whole council', classes: 'govuk-tag--red', qa: 'tag-restricted' })
  else if (tag.services.length)
    tags.push({ text: `Restricted: ${tag.services.join(', ')}`, classes: 'govuk-tag--red', qa: 'tag-restricted' })
  if (tag.safetyMarker) tags.push({ text: 'Safety marker', classes: 'govuk-tag--orange', qa: 'tag-safety-marker' })
  return tags
}

const servicesOf = (scope: { councilWide: true } | { services: string[] }) =>
  'services' in scope ? scope.services : []

/** Each service once, in alphabetical order, however it is capitalised or spaced ("Parking" before "parking"). */
function uniqueServices(services: string[]): string[] {
  const names = services.map((s) => s.trim()).filter(Boolean)
  names.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : a > b ? 1 : 0))
  const seen = new Map<string, string>()
  for (const name of names) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name)
  return [...seen.values()]
}
