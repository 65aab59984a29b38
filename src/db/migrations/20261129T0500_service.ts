import { sql, type Kysely } from 'kysely'

// The service itself: staff users and their roles, sessions, one-time links, API tokens, and the audit trail (K4).
// Migrations take Kysely<unknown>: they must not depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_user')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('staff_user_email_lower', sql`email = lower(email)`)
    .execute()

  await db.schema
    .createTable('staff_role')
    .addColumn('staff_user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_role_pk', ['staff_user_id', 'role'])
    .addCheckConstraint(
      'staff_role_known',
      sql`role in ('frontline', 'case_officer', 'head_of_service', 'chief_executive', 'monitoring_officer', 'senior_reviewer', 'admin', 'auditor')`,
    )
    .execute()

  await db.schema
    .createTable('staff_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('user_agent', 'text')
    .execute()
  await db.schema.createIndex('staff_session_user').on('staff_session').column('staff_user_id').execute()

  await db.schema
    .createTable('one_time_link')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('first_administrator', 'set_up', 'reset')`))
    .addColumn('staff_user_id', 'uuid', (c) => c.references('staff_user.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint('one_time_link_user', sql`(purpose = 'first_administrator') = (staff_user_id is null)`)
    .execute()

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('staff_user_id', 'uuid', (c) => c.notNull().references('staff_user.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('service_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()

  // K4: the audit trail. `seq` is assigned by the writer under a lock, so a gap means an entry was removed.
  // actor_id is deliberately not a foreign key: the trail outlives anything it describes.
  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_entry_object').on('audit_entry').columns(['object_type', 'object_id']).execute()
  await db.schema.createIndex('audit_entry_actor').on('audit_entry').column('actor_id').execute()
  await db.schema.createIndex('audit_entry_action').on('audit_entry').column('action').execute()
  await db.schema.createIndex('audit_entry_at').on('audit_entry').column('at').execute()

  // Append-only in the database itself, not only in the code: updates and deletes are refused.
  await sql`
    create function audit_entry_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit trail is append-only (K4)';
    end
    $$`.execute(db)
  await sql`
    create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_entry_append_only()`.execute(db)
  await sql`
    create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_entry').execute()
  await sql`drop function audit_entry_append_only()`.execute(db)
  for (const table of ['service_secret', 'api_token', 'one_time_link', 'staff_session', 'staff_role', 'staff_user']) {
    await db.schema.dropTable(table).execute()
  }
}
