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

/** A case by id, as stored. */
export async function findCase(db: Executor, id: string) {
  return db.selectFrom('procedure_case').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A case's reference: the case a letter, a review or a challenge belongs to. */
export async function caseReference(db: Executor, id: string) {
  return db.selectFrom('procedure_case').select(['id', 'reference']).where('id', '=', id).executeTakeFirstOrThrow()
}

/** The warnings of a case that have not been withdrawn (F2, F3). */
export async function warningsInForce(db: Executor, caseId: string) {
  return db
    .selectFrom('warning')
    .select(['issued_on'])
    .where('case_id', '=', caseId)
    .where('withdrawn_on', 'is', null)
    .execute()
}

/** S3: the matter types whose contacts are never persistence under this procedure. */
const foiEir = ['foi', 'eir'] as const

/**
 * F2: the latest warning in force on the case, and how many contacts from the person and incidents were recorded
 * after it. A restriction follows a warning that did not work: a letter says "the problems have continued" only when
 * something was recorded, and a proposal with nothing recorded says why it is needed all the same. S3: contacts about
 * FOI or EIR requests, and incidents recorded on them, are not counted; foiEirSince says how many contacts were left
 * out.
 */
export async function latestWarningInForce(db: Executor, caseId: string) {
  const row = await db
    .selectFrom('warning as w')
    .innerJoin('procedure_case as c', 'c.id', 'w.case_id')
    .select(['w.issued_on', 'w.issued_at', 'c.person_id'])
    .where('w.case_id', '=', caseId)
    .where('w.withdrawn_on', 'is', null)
    .orderBy('w.issued_at', 'desc')
    .executeTakeFirst()
  if (!row) return undefined
  const [contacts, incidents] = await Promise.all([
    db
      .selectFrom('contact as c')
      .leftJoin('matter as m', 'm.id', 'c.matter_id')
      .select((eb) => [
        eb.fn
          .countAll<string>()
          .filterWhere((f) => f.or([f('m.type', 'is', null), f('m.type', 'not in', foiEir)]))
          .as('n'),
        eb.fn.countAll<string>().filterWhere('m.type', 'in', foiEir).as('foiEir'),
      ])
      .where('c.person_id', '=', row.person_id)
      .where('c.direction', '=', 'inbound')
      .where('c.at', '>', row.issued_at)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('incident as i')
      .leftJoin('contact as c', 'c.id', 'i.contact_id')
      .leftJoin('matter as m', 'm.id', 'c.matter_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('i.person_id', '=', row.person_id)
      .where('i.at', '>', row.issued_at)
      .where((eb) => eb.or([eb('m.type', 'is', null), eb('m.type', 'not in', foiEir)]))
      .executeTakeFirstOrThrow(),
  ])
  return {
    issuedOn: row.issued_on,
    issuedAt: row.issued_at,
    contactsSince: Number(contacts.n),
    incidentsSince: Number(incidents.n),
    recordedSince: Number(contacts.n) + Number(incidents.n),
    foiEirSince: Number(contacts.foiEir),
  }
}

/** A warning with its case's person: what a challenge to the warning is about (F10). */
export async function findWarningWithPerson(db: Executor, id: string) {
  return db
    .selectFrom('warning as w')
    .innerJoin('procedure_case as c', 'c.id', 'w.case_id')
    .select(['w.case_id', 'w.issued_on', 'w.behaviour', 'w.withdrawn_on', 'c.person_id'])
    .where('w.id', '=', id)
    .executeTakeFirst()
}
