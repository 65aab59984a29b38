import { sql, type Kysely } from 'kysely'

// K3 (issue 11): a safety marker is reviewed. Each review continues it with a new review date, amends its precautions
// (with a new review date) or removes it, and is kept with what the marker said before and after (K4: nothing is
// silently overwritten).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('safety_marker_review')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('safety_marker_id', 'uuid', (c) => c.notNull().references('safety_marker.id'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('continue', 'amend', 'remove')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('precautions_before', 'text', (c) => c.notNull())
    .addColumn('precautions_after', 'text')
    .addColumn('review_on_before', 'date', (c) => c.notNull())
    .addColumn('review_on_after', 'date')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A marker that continues or is amended has its next review date; a removed one has neither date nor precautions.
    .addCheckConstraint(
      'safety_marker_review_outcome_fields',
      sql`(outcome = 'remove') = (review_on_after is null) and (outcome = 'remove') = (precautions_after is null)`,
    )
    .execute()
  await db.schema
    .createIndex('safety_marker_review_marker')
    .on('safety_marker_review')
    .columns(['safety_marker_id', 'reviewed_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('safety_marker_review').execute()
}
