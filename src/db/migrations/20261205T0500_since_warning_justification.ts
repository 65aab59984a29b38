import type { Kysely } from 'kysely'

// F2: a restriction follows a warning that did not work. When nothing was recorded after the warning, the proposal
// says why a restriction is needed all the same, and that reason is kept with it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('proposal').addColumn('since_warning_justification', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('proposal').dropColumn('since_warning_justification').execute()
}
