import type { Kysely } from 'kysely'

// P2, F4 (issue 11): each decision-maker records how they weighed the counterweights, the distinct matters the person
// raised and the complaints upheld or partly upheld. Null on a decision taken through the API without it (the
// contract's decision body has no such field) and on every decision recorded before this column existed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decision').addColumn('counterweights_considered', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decision').dropColumn('counterweights_considered').execute()
}
