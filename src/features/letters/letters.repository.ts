import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'

// Reads for letters: the next reference, who a letter goes to, and whether it is large print (F9, P5).
export async function nextLetterReference(db: Executor, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('letter_reference_seq')::int as n`.execute(db)
  return `LTR-${year}-${String(rows[0]?.n ?? 0).padStart(6, '0')}`
}

/**
 * The person as a letter addresses them (F9: every step is written to them): name and first postal address, or, for
 * someone with no postal address, their email address and the method 'email'.
 */
export async function letterRecipient(db: Executor, personId: string) {
  const person = await db.selectFrom('person').select(['full_name']).where('id', '=', personId).executeTakeFirst()
  const address = await db
    .selectFrom('person_address')
    .select(['line1', 'line2', 'town', 'postcode'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .executeTakeFirst()
  const lines = address ? [address.line1, address.line2, address.town, address.postcode] : []
  const addressLines = lines.filter((l): l is string => typeof l === 'string' && l.trim() !== '')
  const fullName = person?.full_name ?? ''
  if (addressLines.length > 0) return { fullName, addressLines, method: 'post' as const }
  // F9: someone known only by email is written to by email.
  const email = await db
    .selectFrom('person_email')
    .select('email')
    .where('person_id', '=', personId)
    .orderBy('email')
    .executeTakeFirst()
  return email
    ? { fullName, addressLines, method: 'email' as const, email: email.email }
    : { fullName, addressLines, method: 'post' as const }
}

/** P5: agreed adjustments that mention large print make every letter large print unless staff choose otherwise. */
export async function wantsLargePrint(db: Executor, personId: string): Promise<boolean> {
  const rows = await db
    .selectFrom('reasonable_adjustment')
    .select(['need', 'agreed_adjustment'])
    .where('person_id', '=', personId)
    .execute()
  return rows.some((r) => /large print|larger print|large font/i.test(`${r.need} ${r.agreed_adjustment}`))
}

/** A letter's reference, by id: the letter a correction replaces. */
export async function letterReference(db: Executor, id: string) {
  return db.selectFrom('letter').select(['id', 'reference']).where('id', '=', id).executeTakeFirst()
}

/** The letters that correct a letter. */
export async function correctionsOf(db: Executor, letterId: string) {
  return db.selectFrom('letter').select(['id', 'reference']).where('corrects', '=', letterId).execute()
}
