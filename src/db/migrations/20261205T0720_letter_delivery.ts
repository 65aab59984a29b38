import { sql, type Kysely } from 'kysely'

// F9 (issue 14): how each issued letter goes to the person and whether it got there. One row per letter, written in
// the transaction that issues it ('pending'); the sending job, Notify's callbacks and the print queue move it on.
// Letters issued before this table have no row: nothing is known of how they were sent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('letter_delivery')
    .addColumn('letter_id', 'uuid', (c) => c.primaryKey().references('letter.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('post', 'email', 'print')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'delivered', 'returned', 'failed')`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('notify_id', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('queued_at', 'timestamptz')
    .addColumn('detail', 'text')
    .addColumn('posted_by', 'uuid', (c) => c.references('staff_user.id'))
    .execute()
  await db.schema.createIndex('letter_delivery_status').on('letter_delivery').column('status').execute()
  await db.schema.createIndex('letter_delivery_notify_id').on('letter_delivery').column('notify_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('letter_delivery').execute()
}
