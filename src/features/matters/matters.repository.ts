import type { Executor } from '../../db/database.ts'

// Reads of matters: plain functions taking the database or a transaction first (convention 6).

/** A matter by id, as stored. */
export async function findMatter(db: Executor, id: string) {
  return db.selectFrom('matter').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A person's matters, the latest opened first. */
export async function mattersOfPerson(db: Executor, personId: string) {
  return db.selectFrom('matter').selectAll().where('person_id', '=', personId).orderBy('opened_at', 'desc').execute()
}

/** A person's matters to choose from for a contact: open ones first, then the latest opened. */
export async function mattersToChoose(db: Executor, personId: string) {
  return db
    .selectFrom('matter')
    .select(['id', 'reference', 'subject', 'status'])
    .where('person_id', '=', personId)
    .orderBy('status', 'desc') // open before closed
    .orderBy('opened_at', 'desc')
    .execute()
}

/** A person's closed matters, the latest closed first: those whose correspondence a restriction can close (F5e). */
export async function closedMattersOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('matter')
    .select(['id', 'reference', 'subject', 'type', 'closed_at'])
    .where('person_id', '=', personId)
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .execute()
}

/** Every service named on a matter, in order. */
export async function matterServices(db: Executor) {
  return db.selectFrom('matter').select('service').distinct().orderBy('service').execute()
}
