import { sql, type Kysely } from 'kysely'

// Issue 14: the council's settings in the service. Each setting an administrator has changed is one row (its key and
// its value as JSON); a setting with no row is the environment's (src/config.ts). Every change is audited (K4) in the
// transaction that writes it. A staff user's job title is what letters they sign call them ("Head of Housing"); none
// means the name of the role they sign in (F4, F9).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('council_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('staff_user.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .alterTable('staff_user')
    .addColumn('job_title', 'text', (c) =>
      c.check(sql`job_title is null or (job_title = btrim(job_title) and job_title <> '')`),
    )
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_user').dropColumn('job_title').execute()
  await db.schema.dropTable('council_setting').execute()
}
