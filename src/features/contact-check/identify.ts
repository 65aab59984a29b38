import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/database.ts'
import { nameKey, normaliseEmail, normalisePhone, normalisePostcode } from '../../domain/identifiers.ts'
import { londonDate } from '../../domain/london-time.ts'
import type { RestrictionTag } from '../people/restriction-tags.ts'

// Who is this? The check identifies a person only when the identifier points at exactly one; otherwise it lists the
// candidates with what matched, and never silently picks one (issue 5: uncertain identity).

export interface Candidate {
  id: string
  fullName: string
  matchedOn: string
  /** P4: what tells candidates apart, without showing their whole record: the outward part of a postcode... */
  postcodeArea?: string | undefined
  /** ... the year of birth ... */
  birthYear?: number | undefined
  /** ... and the day of their last contact. */
  lastContactOn?: string | undefined
  /** What is in force for them: the services restricted ('council' for the whole council; none: []), and a marker. */
  tag?: RestrictionTag | undefined
}

export interface Identification {
  person: { id: string; fullName: string; isCouncillor: boolean } | null
  candidates: Candidate[]
  /** How the person was identified, or why not. */
  note: string
  /** A matter reference identifies the matter as well as the person. */
  matterId?: string | undefined
}

const LIMIT = 10

/**
 * The people an exact identifier points at, in one query: a merged record answers for the record it was merged into.
 */
async function peopleBy(
  db: Executor,
  source: RawBuilder<unknown>,
): Promise<{ id: string; full_name: string; is_councillor: boolean }[]> {
  const { rows } = await sql<{ id: string; full_name: string; is_councillor: boolean }>`
    select distinct coalesce(m.id, p.id) as id, coalesce(m.full_name, p.full_name) as full_name,
           coalesce(m.is_councillor, p.is_councillor) as is_councillor
      from (${source}) s
      join person p on p.id = s.person_id
      left join person m on m.id = p.merged_into
     limit ${LIMIT}`.execute(db)
  return rows
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
  let found: { id: string; full_name: string; is_councillor: boolean }[] = []
  let matchedOn = ''
  if (input.personId) {
    found = await peopleBy(db, sql`select ${input.personId}::uuid as person_id`)
    matchedOn = 'id'
  } else if (input.phone) {
    const e164 = normalisePhone(input.phone)
    if (!e164) return { person: null, candidates: [], note: 'That is not a phone number we can read' }
    found = await peopleBy(db, sql`select person_id from person_phone where e164 = ${e164}`)
    matchedOn = 'phone'
  } else if (input.email) {
    found = await peopleBy(db, sql`select person_id from person_email where email = ${normaliseEmail(input.email)}`)
    matchedOn = 'email'
  } else if (input.reference) {
    const reference = input.reference.trim().toUpperCase()
    const matter = await db.selectFrom('matter').select('id').where('reference', '=', reference).executeTakeFirst()
    found = await peopleBy(db, sql`select person_id from matter where reference = ${reference}`)
    matchedOn = 'reference'
    if (found.length === 1 && found[0] && matter) {
      const p = found[0]
      return {
        person: { id: p.id, fullName: p.full_name, isCouncillor: p.is_councillor },
        candidates: [],
        note: `Identified by the reference ${reference}, which is their matter`,
        matterId: matter.id,
      }
    }
  } else if (input.name) {
    return identifyByName(db, input.name, input.postcode)
  }
  if (found.length === 1 && found[0]) {
    const p = found[0]
    return {
      person: { id: p.id, fullName: p.full_name, isCouncillor: p.is_councillor },
      candidates: [],
      note: `Identified by ${matchedOn}`,
    }
  }
  return {
    person: null,
    candidates: found.map((p) => ({ id: p.id, fullName: p.full_name, matchedOn })),
    note:
      found.length === 0
        ? `No one on the record has that ${matchedOn}`
        : `${found.length} people share that ${matchedOn}`,
  }
}

/** A name identifies someone only when it is exactly theirs (or one of their other names), and unique: with the postcode when given. */
async function identifyByName(db: Executor, name: string, postcode: string | undefined): Promise<Identification> {
  const key = nameKey(name)
  const pc = postcode ? normalisePostcode(postcode) : null
  if (postcode && !pc) return { person: null, candidates: [], note: 'That is not a postcode we can read' }
  type Row = { id: string; full_name: string; is_councillor: boolean; exact: boolean; matched_on: string }
  // With a postcode, only the few people at that postcode are compared by name: no scan of every name on the record.
  const result = pc
    ? await sql<Row>`
    with here as (select distinct person_id from person_address where postcode = ${pc}),
    named as (
      select p.id, (p.name_key = ${key}) as exact, 'name' as matched_on,
             greatest(similarity(p.name_key, ${key}), word_similarity(${key}, p.name_key)) as score
        from here h join person p on p.id = h.person_id
       where p.merged_into is null and (p.name_key % ${key} or ${key} <% p.name_key)
      union all
      select a.person_id, (a.name_key = ${key}), 'other name',
             greatest(similarity(a.name_key, ${key}), word_similarity(${key}, a.name_key))
        from here h join person_alias a on a.person_id = h.person_id
       where a.name_key % ${key} or ${key} <% a.name_key
    ),
    best as (select distinct on (id) id, exact, matched_on, score from named order by id, exact desc, score desc)
    select p.id, p.full_name, p.is_councillor, b.exact, b.matched_on
      from best b join person p on p.id = b.id
     order by b.exact desc, b.score desc, p.full_name
     limit ${LIMIT}`.execute(db)
    : await sql<Row>`
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
     order by b.exact desc, b.score desc, p.full_name
     limit ${LIMIT}`.execute(db)
  const rows = result.rows
  const exact = rows.filter((r) => r.exact)
  const how = pc ? 'name and postcode' : 'name'
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

/**
 * P4: what tells the candidates apart, in one query: the outward part of their postcode (NN1, not the address), the
 * year of birth, and the day of their last contact. Enough to ask the caller the right question, no more (K7).
 */
export async function withDetails(db: Executor, candidates: Candidate[]): Promise<Candidate[]> {
  if (candidates.length === 0) return candidates
  const ids = candidates.map((c) => c.id)
  const { rows } = await sql<{
    id: string
    date_of_birth: string | null
    postcode: string | null
    last_at: Date | null
  }>`
    select p.id, p.date_of_birth,
           (select a.postcode from person_address a where a.person_id = p.id order by a.postcode limit 1) as postcode,
           (select max(c.at) from contact c where c.person_id = p.id) as last_at
      from person p
     where p.id in (${sql.join(ids)})`.execute(db)
  const byId = new Map(rows.map((r) => [r.id, r]))
  return candidates.map((c) => {
    const row = byId.get(c.id)
    const outward = row?.postcode?.trim().split(/\s+/)[0]
    return {
      ...c,
      postcodeArea: outward || undefined,
      birthYear: row?.date_of_birth ? Number(String(row.date_of_birth).slice(0, 4)) : undefined,
      lastContactOn: row?.last_at ? londonDate(new Date(row.last_at)) : undefined,
    }
  })
}
