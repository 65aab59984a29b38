import { sql, type Kysely } from 'kysely'

// The moment of contact (issue 5): the closed-matter queue (F11) and staff absence (F5b: the deputy handles contact
// while the named officer is away).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_user').addColumn('absent_until', 'date').execute()

  await db.schema
    .createTable('closed_matter_item')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('matter_id', 'uuid', (c) => c.notNull().references('matter.id'))
    .addColumn('contact_id', 'uuid', (c) => c.notNull().unique().references('contact.id'))
    .addColumn('restriction_id', 'uuid', (c) => c.notNull().references('restriction.id'))
    .addColumn('reply', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addColumn('read_by', 'uuid', (c) => c.references('staff_user.id'))
    .addColumn('fresh_evidence', 'boolean')
    .addColumn('safeguarding_concern', 'boolean')
    .addColumn('notes', 'text')
    .addColumn('action', 'text', (c) =>
      c.check(
        sql`action in ('acknowledge', 'file_without_acknowledgement', 'refer_for_reconsideration', 'new_matter')`,
      ),
    )
    .addColumn('actioned_at', 'timestamptz')
    .addColumn('actioned_by', 'uuid', (c) => c.references('staff_user.id'))
    .addColumn('new_matter_id', 'uuid', (c) => c.references('matter.id'))
    // F11: nothing leaves the queue unread.
    .addCheckConstraint('closed_matter_item_read_first', sql`action is null or read_at is not null`)
    .execute()
  await sql`create index closed_matter_item_open on closed_matter_item (received_at) where action is null`.execute(db)
  await db.schema.createIndex('closed_matter_item_person').on('closed_matter_item').column('person_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('closed_matter_item').execute()
  await db.schema.alterTable('staff_user').dropColumn('absent_until').execute()
}
