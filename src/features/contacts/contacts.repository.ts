import type { Executor } from '../../db/database.ts'

// Reads of contacts and incidents: plain functions taking the database or a transaction first (convention 6).

const contactColumns = ['id', 'at', 'channel', 'direction', 'summary'] as const
const incidentColumns = ['id', 'at', 'category', 'severity', 'description'] as const

/** A person's contacts, the latest first. */
function contactsOf(db: Executor, personId: string) {
  return db.selectFrom('contact').select(contactColumns).where('person_id', '=', personId).orderBy('at', 'desc')
}

/** A person's incidents, the latest first. */
function incidentsOf(db: Executor, personId: string) {
  return db.selectFrom('incident').select(incidentColumns).where('person_id', '=', personId).orderBy('at', 'desc')
}

/** The person's latest contacts (`limit` of them): the contact an incident arose from (K1). */
export async function recentContacts(db: Executor, personId: string, limit: number) {
  return contactsOf(db, personId).limit(limit).execute()
}

/** The person's contacts from a moment on (F7: since a restriction started). */
export async function contactsSince(db: Executor, personId: string, since: Date) {
  return contactsOf(db, personId).where('at', '>=', since).execute()
}

/** The person's incidents from a moment on (F7: since a restriction started). */
export async function incidentsSince(db: Executor, personId: string, since: Date) {
  return incidentsOf(db, personId).where('at', '>=', since).execute()
}

/** The person's latest contacts after a moment, `limit` of them (F2: after the warning). */
export async function contactsAfter(db: Executor, personId: string, after: Date, limit: number) {
  return contactsOf(db, personId).where('at', '>', after).limit(limit).execute()
}

/** The person's latest incidents after a moment, `limit` of them (F2: after the warning). */
export async function incidentsAfter(db: Executor, personId: string, after: Date, limit: number) {
  return incidentsOf(db, personId).where('at', '>', after).limit(limit).execute()
}

/**
 * The person's incidents with the matter each arose on, the latest first: evidence a case may cite (F1). An incident
 * recorded on a contact about an FOI or EIR request is offered too: it is behaviour towards staff, not the request (S3).
 */
export async function incidentsWithMatter(db: Executor, personId: string) {
  return db
    .selectFrom('incident as i')
    .leftJoin('contact as c', 'c.id', 'i.contact_id')
    .leftJoin('matter as m', 'm.id', 'c.matter_id')
    .select(['i.id', 'i.at', 'i.category', 'i.severity', 'i.description', 'm.reference', 'm.type'])
    .where('i.person_id', '=', personId)
    .orderBy('i.at', 'desc')
    .execute()
}

/**
 * The person's latest contacts (`limit` of them) with the matter each was about: evidence a case may cite (F1), so none
 * about an FOI or EIR request (S3).
 */
export async function contactsWithMatter(db: Executor, personId: string, limit: number) {
  return db
    .selectFrom('contact as c')
    .leftJoin('matter as m', 'm.id', 'c.matter_id')
    .select(['c.id', 'c.at', 'c.channel', 'c.direction', 'c.summary', 'm.reference', 'm.type'])
    .where('c.person_id', '=', personId)
    .where((eb) => eb.or([eb('m.type', 'is', null), eb('m.type', 'not in', ['foi', 'eir'])]))
    .orderBy('c.at', 'desc')
    .limit(limit)
    .execute()
}

/** S3: how many of the person's contacts are about FOI or EIR requests: never evidence. */
export async function foiEirEvidenceCounts(db: Executor, personId: string) {
  const [contacts] = await Promise.all([
    db
      .selectFrom('contact as c')
      .innerJoin('matter as m', 'm.id', 'c.matter_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('c.person_id', '=', personId)
      .where('m.type', 'in', ['foi', 'eir'])
      .executeTakeFirstOrThrow(),
  ])
  return { contacts: Number(contacts.n) }
}

/** F8: a person's incidents recorded as an immediate risk to safety, newest first: what an immediate-risk proposal rests on. */
export async function immediateRiskIncidents(db: Executor, personId: string) {
  return db
    .selectFrom('incident')
    .select(['id', 'at', 'description'])
    .where('person_id', '=', personId)
    .where('severity', '=', 'immediate_risk')
    .orderBy('at', 'desc')
    .limit(50)
    .execute()
}
