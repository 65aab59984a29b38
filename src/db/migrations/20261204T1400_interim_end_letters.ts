import type { Kysely } from 'kysely'

// Issue 11, F8, F9: an interim restriction that lapses unratified is written to, once. The end letter's id is kept on
// the proposal (whether it ended by a rejection or by its ratify-by date passing), so the letter is issued exactly once
// and the due list knows when it has been.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('proposal')
    .addColumn('interim_end_letter_id', 'uuid', (c) => c.references('letter.id'))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('proposal').dropColumn('interim_end_letter_id').execute()
}
