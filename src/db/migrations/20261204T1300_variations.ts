import type { Kysely } from 'kysely'

// Issue 11: every outcome is true.
// - F7, F4: a review that varies a restriction issues no letter of its own (nothing has changed yet); it opens a
//   variation proposal (review.proposal_id), and the new restriction letter, once both have decided, ends the old terms.
// - F10: a challenge decided "varied" carries lesser terms, which take effect with the outcome letter as a proposal of
//   their own (proposal.challenge_id) that replaces the challenged restriction.
// - F10: a challenge received after its window is recorded; the reviewer records whether it is heard anyway, and why.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('review')
    .alterColumn('letter_id', (c) => c.dropNotNull())
    .execute()
  await db.schema
    .alterTable('review')
    .addColumn('proposal_id', 'uuid', (c) => c.references('proposal.id'))
    .execute()
  await db.schema
    .alterTable('proposal')
    .addColumn('challenge_id', 'uuid', (c) => c.references('challenge.id'))
    .execute()
  await db.schema.alterTable('challenge').addColumn('heard_late', 'boolean').execute()
  await db.schema.alterTable('challenge').addColumn('heard_late_reason', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('challenge').dropColumn('heard_late_reason').execute()
  await db.schema.alterTable('challenge').dropColumn('heard_late').execute()
  await db.schema.alterTable('proposal').dropColumn('challenge_id').execute()
  await db.schema.alterTable('review').dropColumn('proposal_id').execute()
  await db.schema
    .alterTable('review')
    .alterColumn('letter_id', (c) => c.setNotNull())
    .execute()
}
