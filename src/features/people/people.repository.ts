import { sql } from 'kysely'
import type { Db, Executor } from '../../db/database.ts'
import { formatPhone, type SearchTerm } from '../../domain/identifiers.ts'

export interface PersonRecord {
  id: string
  fullName: string
  dateOfBirth: string | null
  isCouncillor: boolean
  aliases: string[]
  emails: string[]
  phones: { e164: string; display: string }[]
  addresses: { line1: string; line2: string | null; town: string | null; postcode: string }[]
  adjustments: {
    id: string
    need: string
    agreedAdjustment: string
    agreedOn: string | null
    lastReviewedOn: string | null
  }[]
  representatives: { id: string; fullName: string; relationship: string; consentRecorded: boolean }[]
  represents: { id: string; fullName: string; relationship: string }[]
  createdAt: Date
}

export async function personExists(db: Executor, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .executeTakeFirst()
  return Boolean(row)
}

export async function findPerson(db: Executor, id: string): Promise<PersonRecord | undefined> {
  const person = await db
    .selectFrom('person')
    .selectAll()
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .executeTakeFirst()
  if (!person) return undefined
  const [aliases, emails, phones, addresses, adjustments, representatives, represents] = await Promise.all([
    db.selectFrom('person_alias').select('alias').where('person_id', '=', id).orderBy('alias').execute(),
    db.selectFrom('person_email').select('email').where('person_id', '=', id).orderBy('email').execute(),
    db.selectFrom('person_phone').select('e164').where('person_id', '=', id).orderBy('e164').execute(),
    db
      .selectFrom('person_address')
      .select(['line1', 'line2', 'town', 'postcode'])
      .where('person_id', '=', id)
      .execute(),
    db
      .selectFrom('reasonable_adjustment')
      .select(['id', 'need', 'agreed_adjustment', 'agreed_on', 'last_reviewed_on'])
      .where('person_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('person_representative as r')
      .innerJoin('person as p', 'p.id', 'r.representative_id')
      .select(['p.id', 'p.full_name', 'r.relationship', 'r.consent_recorded'])
      .where('r.person_id', '=', id)
      .execute(),
    db
      .selectFrom('person_representative as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .select(['p.id', 'p.full_name', 'r.relationship'])
      .where('r.representative_id', '=', id)
      .execute(),
  ])
  return {
    id: person.id,
    fullName: person.full_name,
    dateOfBirth: person.date_of_birth,
    isCouncillor: person.is_councillor,
    aliases: aliases.map((a) => a.alias),
    emails: emails.map((e) => e.email),
    phones: phones.map((p) => ({ e164: p.e164, display: formatPhone(p.e164) })),
    addresses,
    adjustments: adjustments.map((a) => ({
      id: a.id,
      need: a.need,
      agreedAdjustment: a.agreed_adjustment,
      agreedOn: a.agreed_on,
      lastReviewedOn: a.last_reviewed_on,
    })),
    representatives: representatives.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      relationship: r.relationship,
      consentRecorded: r.consent_recorded,
    })),
    represents: represents.map((r) => ({ id: r.id, fullName: r.full_name, relationship: r.relationship })),
    createdAt: person.created_at,
  }
}

export type MatchedOn = 'email' | 'phone' | 'postcode' | 'reference' | 'name' | 'alias'

export interface SearchResult {
  id: string
  fullName: string
  matchedOn: MatchedOn
  score: number
}

// Names are matched by trigram similarity (pg_trgm, indexed) and by word similarity, so "jon smyth" finds
// "John Smith" and "smith" finds "John Smith". Identifiers match exactly on their normalised form.
const NAME_THRESHOLD = 0.3

export async function searchPeople(db: Db, terms: SearchTerm[], limit: number): Promise<SearchResult[]> {
  const parts = terms.map((term) => {
    switch (term.kind) {
      case 'email':
        return sql`select person_id as id, 'email' as matched_on, 1.0::real as score from person_email where email = ${term.value}`
      case 'phone':
        return sql`select person_id as id, 'phone' as matched_on, 1.0::real as score from person_phone where e164 = ${term.value}`
      case 'postcode':
        return sql`select person_id as id, 'postcode' as matched_on, 0.9::real as score from person_address where postcode = ${term.value}`
      case 'reference':
        return sql`select person_id as id, 'reference' as matched_on, 1.0::real as score from matter where reference = ${term.value}`
      case 'name':
        return sql`
          select id, 'name' as matched_on, greatest(similarity(name_key, ${term.value}), word_similarity(${term.value}, name_key)) as score
            from person where name_key % ${term.value} or ${term.value} <% name_key
          union all
          select person_id as id, 'alias' as matched_on, greatest(similarity(name_key, ${term.value}), word_similarity(${term.value}, name_key)) as score
            from person_alias where name_key % ${term.value} or ${term.value} <% name_key`
    }
  })
  if (parts.length === 0) return []
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.similarity_threshold', ${String(NAME_THRESHOLD)}, true), set_config('pg_trgm.word_similarity_threshold', ${String(NAME_THRESHOLD + 0.2)}, true)`.execute(
      trx,
    )
    const result = await sql<{ id: string; full_name: string; matched_on: MatchedOn; score: number }>`
      with matches as (${sql.join(parts, sql` union all `)}),
      best as (
        select distinct on (m.id) m.id, m.matched_on, m.score from matches m order by m.id, m.score desc
      )
      select p.id, p.full_name, b.matched_on, round(b.score::numeric, 3)::float8 as score
        from best b join person p on p.id = b.id
       where p.merged_into is null
       order by b.score desc, p.full_name
       limit ${limit}`.execute(trx)
    return result.rows.map((r) => ({ id: r.id, fullName: r.full_name, matchedOn: r.matched_on, score: r.score }))
  })
}

export interface PossibleDuplicate {
  id: string
  fullName: string
  why: string
}

/** Someone already on the record with the same phone or email, or a very similar name at the same postcode. */
export async function possibleDuplicates(
  db: Executor,
  candidate: { nameKey: string; emails: string[]; phones: string[]; postcodes: string[] },
): Promise<PossibleDuplicate[]> {
  const none = ['']
  const result = await sql<{ id: string; full_name: string; why: string }>`
    select p.id, p.full_name, string_agg(distinct m.why, ', ') as why
      from (
        select person_id as id, 'same email address' as why from person_email where email = any(${candidate.emails.length ? candidate.emails : none}::text[])
        union all
        select person_id, 'same phone number' from person_phone where e164 = any(${candidate.phones.length ? candidate.phones : none}::text[])
        union all
        select a.person_id, 'similar name at the same postcode'
          from person_address a join person p on p.id = a.person_id
         where a.postcode = any(${candidate.postcodes.length ? candidate.postcodes : none}::text[])
           and similarity(p.name_key, ${candidate.nameKey}) >= 0.5
      ) m join person p on p.id = m.id
     where p.merged_into is null
     group by p.id, p.full_name
     order by p.full_name
     limit 10`.execute(db)
  return result.rows.map((r) => ({ id: r.id, fullName: r.full_name, why: r.why }))
}

/** A person's name, merged away or not: the person a case, letter or matter is about. */
export async function personName(db: Executor, id: string) {
  return db.selectFrom('person').select(['id', 'full_name']).where('id', '=', id).executeTakeFirstOrThrow()
}

/** A person on the record (not merged away) with their name, or undefined. */
export async function personOnRecord(db: Executor, id: string) {
  return db
    .selectFrom('person')
    .select(['id', 'full_name as fullName'])
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .executeTakeFirst()
}

/** The record a person was merged into, or null when they were not merged away. */
export async function mergedInto(db: Executor, id: string): Promise<string | null> {
  const row = await db.selectFrom('person').select('merged_into').where('id', '=', id).executeTakeFirst()
  return row?.merged_into ?? null
}

/** Whether the person is recorded as a councillor (S2: their role as a councillor has its own process). */
export async function isCouncillor(db: Executor, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select(['is_councillor'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  return row.is_councillor
}

/** The person's reasonable adjustments, in the order they were recorded (P5). */
export async function adjustmentsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('reasonable_adjustment')
    .select(['need', 'agreed_adjustment', 'agreed_on'])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

/** The person's operational arrangements and informal warnings, the latest first (S4). */
export async function arrangementsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('operational_arrangement')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('started_on', 'desc')
    .execute()
}
