import { sql, type Kysely } from 'kysely'

// F1 (issue 11): "the relevant Head of Service". A staff user belongs to services; a Head of Service opens cases only
// for their own. The name is what staff write on matters and cases ("Waste", "Council tax"): trimmed, never empty, and
// one spelling per staff user whatever its case, since the services are compared case-insensitively.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_service')
    .addColumn('staff_user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_service_pk', ['staff_user_id', 'service'])
    .addCheckConstraint('staff_service_named', sql`service = btrim(service) and service <> ''`)
    .execute()
  await db.schema
    .createIndex('staff_service_once')
    .on('staff_service')
    .unique()
    .expression(sql`staff_user_id, lower(service)`)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staff_service').execute()
}
