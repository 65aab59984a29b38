import type { Kysely } from 'kysely'

// F9: why the restriction is needed, as the letter tells the person, written to them; the rationale stays for the
// decision-makers and the file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('proposal').addColumn('letter_reasons', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('proposal').dropColumn('letter_reasons').execute()
}
