import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'

// Reads and writes of cases: plain functions taking the database or a transaction first (convention 6).

export async function nextCaseReference(db: Executor, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('case_reference_seq')::int as n`.execute(db)
  return `CASE-${year}-${String(rows[0]?.n ?? 0).padStart(6, '0')}`
}

/** A case with its person's name, as the case's pages head it. */
export async function findCaseWithPerson(db: Executor, id: string) {
  return db
    .selectFrom('procedure_case as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.reference', 'c.status', 'c.service', 'c.person_id', 'p.full_name'])
    .where('c.id', '=', id)
    .executeTakeFirst()
}
