import { sql, type Kysely } from 'kysely'

// Reminders by email (issue 6): every reminder is logged, and the unique key (item, due date, stage, recipient) is what
// makes several app instances send each reminder exactly once: the instance whose insert succeeds sends it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reminder')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('before', 'due', 'overdue')`))
    .addColumn('recipient_id', 'uuid', (c) => c.notNull().references('staff_user.id'))
    .addColumn('recipient_email', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('sending')
        .check(sql`status in ('sending', 'sent', 'not_sent', 'failed')`),
    )
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('reminder_once', ['item_kind', 'item_id', 'due_on', 'stage', 'recipient_id'])
    .execute()
  await db.schema.createIndex('reminder_created_at').on('reminder').column('created_at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reminder').execute()
}
