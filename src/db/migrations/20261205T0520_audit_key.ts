import { sql, type Kysely } from 'kysely'

// Issue 12, K4: the audit trail under a key, and the record rows each entry describes.
//
// - audit_entry.row_hashes: the hash of every record row the change wrote, by table and id, signed with the entry,
//   so that a row edited behind the service's back (e.g. decision.reasons in SQL) no longer matches the last entry
//   that recorded it. Existing entries keep null: they were chained with plain SHA-256 and are verified that way up to
//   the entry that brings the trail under the key, which the service appends the first time it runs with its key (a
//   migration has no key: it never sees it).
// - A trigger on each record table the procedure rests on notes, for the length of the transaction only, which rows
//   were written; the next audit entry in that transaction hashes them. It records nothing itself and refuses
//   nothing: it tells the service which rows to hash. The same tables are listed in audit/recorded-rows.ts; a later
//   migration that adds one there adds its trigger too (audit-rows.db.test.ts checks the two agree).
const recordedTables = [
  'procedure_case',
  'warning',
  'proposal',
  'decision',
  'restriction',
  'review',
  'challenge',
  'letter',
  'safety_marker',
  'safety_marker_review',
  'incident',
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_entry').addColumn('row_hashes', 'jsonb').execute()
  await sql`
    create function audit_row_written() returns trigger language plpgsql as $$
    declare
      noted text := coalesce(current_setting('fair_contact.audit_rows', true), '');
    begin
      if tg_op <> 'INSERT' then
        noted := noted || tg_table_name || ':' || old.id::text || ' ';
      end if;
      if tg_op <> 'DELETE' then
        noted := noted || tg_table_name || ':' || new.id::text || ' ';
      end if;
      perform set_config('fair_contact.audit_rows', noted, true);
      return null;
    end
    $$`.execute(db)
  for (const table of recordedTables) {
    await sql`create trigger ${sql.raw(`${table}_audit_row`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_written()`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of recordedTables) {
    await sql`drop trigger ${sql.raw(`${table}_audit_row`)} on ${sql.table(table)}`.execute(db)
  }
  await sql`drop function audit_row_written()`.execute(db)
  await db.schema.alterTable('audit_entry').dropColumn('row_hashes').execute()
}
