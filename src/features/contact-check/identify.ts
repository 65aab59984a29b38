import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'
import { nameKey, normaliseEmail, normalisePhone, normalisePostcode } from '../../domain/identifiers.ts'

// Who is this? The check identifies a person only when the identifier points at exactly one; otherwise it lists the
// candidates with what matched, and never silently picks one (issue 5: uncertain identity).

export interface Candidate {
  id: string
  fullName: string
  matchedOn: string
}

export interface Identification {
  person: { id: string; fullName: string; isCouncillor: boolean } | null
  candidates: Candidate[]
  /** How the person was identified, or why not. */
  note: string
}

const LIMIT = 10

async function people(db: Executor, ids: string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('person')
    .select(['id', 'full_name', 'is_councillor', 'merged_into'])
    .where('id', 'in', ids)
    .execute()
}

export async function identify(
  db: Executor,
  input: {
    personId?: string | undefined
    phone?: string | undefined
    email?: string | undefined
    name?: string | undefined
    postcode?: string | undefined
    reference?: string | undefined
  },
): Promise<Identification> {
  let ids: string[] = []
  let matchedOn = ''
  if (input.personId) {
    ids = [input.personId]
    matchedOn = 'id'
  } else if (input.phone) {
    const e164 = normalisePhone(input.phone)
    if (!e164) return { person: null, candidates: [], note: 'That is not a phone number we can read' }
    ids = (await db.selectFrom('person_phone').select('person_id').where('e164', '=', e164).limit(LIMIT).execute()).map(
      (r) => r.person_id,
    )
    matchedOn = 'phone'
  } else if (input.email) {
    ids = (
      await db
        .selectFrom('person_email')
        .select('person_id')
        .where('email', '=', normaliseEmail(input.email))
        .limit(LIMIT)
        .execute()
    ).map((r) => r.person_id)
    matchedOn = 'email'
  } else if (input.reference) {
    ids = (
      await db
        .selectFrom('matter')
        .select('person_id')
        .where('reference', '=', input.reference.trim().toUpperCase())
        .execute()
    ).map((r) => r.person_id)
    matchedOn = 'reference'
  } else if (input.name) {
    return identifyByName(db, input.name, input.postcode)
  }
  // A merged record answers for the record it was merged into.
  const rows = await people(db, [...new Set(ids)])
  const merged = rows.filter((r) => r.merged_into).map((r) => r.merged_into as string)
  const live = [...rows.filter((r) => !r.merged_into), ...(await people(db, merged))]
  const unique = [...new Map(live.map((r) => [r.id, r])).values()]
  if (unique.length === 1 && unique[0]) {
    const p = unique[0]
    return {
      person: { id: p.id, fullName: p.full_name, isCouncillor: p.is_councillor },
      candidates: [],
      note: `Identified by ${matchedOn}`,
    }
  }
  return {
    person: null,
    candidates: unique.map((p) => ({ id: p.id, fullName: p.full_name, matchedOn })),
    note:
      unique.length === 0
        ? `No one on the record has that ${matchedOn}`
        : `${unique.length} people share that ${matchedOn}`,
  }
}

/** A name identifies someone only when it is exactly theirs (or one of their other names), and unique: with the postcode when given. */
async function identifyByName(db: Executor, name: string, postcode: string | undefined): Promise<Identification> {
  const key = nameKey(name)
  const pc = postcode ? normalisePostcode(postcode) : null
  if (postcode && !pc) return { person: null, candidates: [], note: 'That is not a postcode we can read' }
  const result = await sql<{
    id: string
    full_name: string
    is_councillor: boolean
    exact: boolean
    matched_on: string
  }>`
    with named as (
      select p.id, (p.name_key = ${key}) as exact, 'name' as matched_on,
             greatest(similarity(p.name_key, ${key}), word_similarity(${key}, p.name_key)) as score
        from person p where p.merged_into is null and (p.name_key % ${key} or ${key} <% p.name_key)
      union all
      select a.person_id, (a.name_key = ${key}), 'other name',
             greatest(similarity(a.name_key, ${key}), word_similarity(${key}, a.name_key))
        from person_alias a where a.name_key % ${key} or ${key} <% a.name_key
    ),
    best as (select distinct on (id) id, exact, matched_on, score from named order by id, exact desc, score desc)
    select p.id, p.full_name, p.is_councillor, b.exact, b.matched_on
      from best b join person p on p.id = b.id
     where p.merged_into is null
       and (${pc}::text is null or exists (select 1 from person_address ad where ad.person_id = p.id and ad.postcode = ${pc}))
     order by b.exact desc, b.score desc, p.full_name
     limit ${LIMIT}`.execute(db)
  const rows = result.rows
  const exact = rows.filter((r) => r.exact)
  const how = pc ? `${'name'} and postcode` : 'name'
  if (exact.length === 1 && exact[0]) {
    const p = exact[0]
    return {
      person: { id: p.id, fullName: p.full_name, isCouncillor: p.is_councillor },
      candidates: [],
      note: pc ? `Identified by name and postcode` : `Identified by name only: confirm who you are dealing with`,
    }
  }
  return {
    person: null,
    candidates: rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      matchedOn: `${r.exact ? 'exact' : 'similar'} ${r.matched_on}${pc ? ' at that postcode' : ''}`,
    })),
    note:
      rows.length === 0
        ? `No one on the record matches that ${how}`
        : `Not sure who this is: ${rows.length} possible ${rows.length === 1 ? 'match' : 'matches'} by ${how}`,
  }
}
