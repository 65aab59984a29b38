import { sql, type Kysely } from 'kysely'

// Import from a CRM export (issue 3). The uploaded file is kept with its mapping and report as the detailed trail of
// an import; people and matters keep the CRM's own identifier so later files (matters, contacts) can refer to them,
// and every imported row points to the batch it came from (K4).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('people', 'matters', 'contacts')`))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('csv', 'text', (c) => c.notNull())
    .addColumn('header', 'jsonb', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('uploaded')
        .check(sql`status in ('uploaded', 'mapped', 'imported', 'failed')`),
    )
    .addColumn('mapping', 'jsonb')
    .addColumn('report', 'jsonb')
    .addColumn('created_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('imported_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('import_batch_created_by')
    .on('import_batch')
    .columns(['created_by', 'created_at'])
    .execute()

  for (const table of ['person', 'matter']) {
    await db.schema.alterTable(table).addColumn('external_ref', 'text').execute()
    await sql`create unique index ${sql.id(`${table}_external_ref`)} on ${sql.table(table)} (external_ref) where external_ref is not null`.execute(
      db,
    )
  }
  for (const table of ['person', 'matter', 'contact']) {
    await db.schema
      .alterTable(table)
      .addColumn('import_batch_id', 'uuid', (c) => c.references('import_batch.id'))
      .execute()
    // Partial: only imported rows are indexed, so recording a contact by hand costs nothing more.
    await sql`create index ${sql.id(`${table}_import_batch`)} on ${sql.table(table)} (import_batch_id) where import_batch_id is not null`.execute(
      db,
    )
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['contact', 'matter', 'person']) {
    await db.schema.alterTable(table).dropColumn('import_batch_id').execute()
  }
  for (const table of ['matter', 'person']) {
    await db.schema.alterTable(table).dropColumn('external_ref').execute()
  }
  await db.schema.dropTable('import_batch').execute()
}
