import { sql, type Kysely } from 'kysely'
import { readFileSync } from 'node:fs'
import { readGovUkBankHolidays } from '../../domain/working-days.ts'

const uuid = sql`gen_random_uuid()`

// The formal procedure (issue 4): cases (F1), warnings (F2, F3), proposals with their restrictions (F5–F7), the two
// decisions (F4), letters (F9) with their fixed files, reviews (F7), challenges (F10), and the bank holidays that
// working-day deadlines count around (F8, F10).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence case_reference_seq`.execute(db)
  await sql`create sequence letter_reference_seq`.execute(db)

  await db.schema
    .createTable('procedure_case')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('business_as_usual_measures', 'text', (c) => c.notNull())
    .addColumn('arrangement_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('incident_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('contact_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('adjustments_considered', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('opened_by', 'uuid', (c) => c.notNull().references('staff_user.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_by', 'uuid', (c) => c.references('staff_user.id'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_reason', 'text')
    .execute()
  await db.schema.createIndex('procedure_case_person').on('procedure_case').column('person_id').execute()

  // Letters first: warnings, proposals, reviews and challenges point at the letter that told the person (F9).
  await db.schema
    .createTable('letter')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('procedure_case.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('large_print', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('corrects', 'uuid', (c) => c.references('letter.id'))
    .addColumn('issued_by', 'uuid', (c) => c.notNull().references('staff_user.id'))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('letter_case').on('letter').column('case_id').execute()
  await db.schema
    .createTable('letter_file')
    .addColumn('letter_id', 'uuid', (c) => c.notNull().references('letter.id'))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('pdf', 'docx')`))
    .addColumn('large_print', 'boolean', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('letter_file_pk', ['letter_id', 'format', 'large_print'])
    .execute()
  // An issued letter is fixed: a correction is a new letter (letters guidance).
  await sql`
    create function letter_is_fixed() returns trigger language plpgsql as $$
    begin
      raise exception 'an issued letter cannot be changed or removed: issue a correction instead';
    end $$`.execute(db)
  for (const table of ['letter', 'letter_file']) {
    await sql`create trigger ${sql.raw(table)}_fixed before update or delete on ${sql.table(table)}
      for each row execute function letter_is_fixed()`.execute(db)
  }

  await db.schema
    .createTable('warning')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('procedure_case.id'))
    .addColumn('behaviour', 'text', (c) => c.notNull())
    .addColumn('why_unacceptable', 'text', (c) => c.notNull())
    .addColumn('change_requested', 'text', (c) => c.notNull())
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('monitoring_weeks', 'integer', (c) => c.notNull().check(sql`monitoring_weeks between 1 and 52`))
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('monitoring_ends_on', 'date', (c) => c.notNull())
    .addColumn('letter_id', 'uuid', (c) => c.notNull().references('letter.id'))
    .addColumn('issued_by', 'uuid', (c) => c.notNull().references('staff_user.id'))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('withdrawn_on', 'date')
    .addColumn('withdrawn_reason', 'text')
    .execute()
  await db.schema.createIndex('warning_case').on('warning').column('case_id').execute()

  await db.schema
    .createTable('proposal')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('procedure_case.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('alternatives_considered', 'text', (c) => c.notNull())
    .addColumn('adjustments_considered', 'text', (c) => c.notNull())
    .addColumn('adjustment_conflict_justification', 'text')
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('review_on', 'date', (c) => c.notNull())
    .addColumn('immediate_risk_justification', 'text')
    .addColumn('police_reference', 'text')
    .addColumn('legal_action', 'text')
    .addColumn('supersedes', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('awaiting_decision')
        .check(sql`status in ('awaiting_decision', 'approved', 'rejected')`),
    )
    .addColumn('proposed_by', 'uuid', (c) => c.notNull().references('staff_user.id'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('interim_imposed_by', 'uuid', (c) => c.references('staff_user.id'))
    .addColumn('interim_imposed_on', 'date')
    .addColumn('interim_letter_id', 'uuid', (c) => c.references('letter.id'))
    .addColumn('ratify_by', 'date')
    .addColumn('notice_letter_id', 'uuid', (c) => c.references('letter.id'))
    .addColumn('notice_issued_on', 'date')
    .addCheckConstraint('proposal_dates', sql`starts_on < ends_on and review_on <= ends_on`)
    .execute()
  await db.schema.createIndex('proposal_case').on('proposal').column('case_id').execute()

  // F4: one decision per role and per person on each proposal; the database refuses a second as a last line.
  await db.schema
    .createTable('decision')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('proposal_id', 'uuid', (c) => c.notNull().references('proposal.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('chief_executive', 'monitoring_officer')`))
    .addColumn('decided_by', 'uuid', (c) => c.notNull().references('staff_user.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('approve', 'reject')`))
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('decision_one_per_role', ['proposal_id', 'role'])
    .addUniqueConstraint('decision_one_per_person', ['proposal_id', 'decided_by'])
    .execute()

  await db.schema
    .createTable('restriction')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('proposal_id', 'uuid', (c) => c.notNull().references('proposal.id'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('procedure_case.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('terms', 'jsonb', (c) => c.notNull())
    .addColumn('council_wide', 'boolean', (c) => c.notNull())
    .addColumn('services', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('review_on', 'date', (c) => c.notNull())
    .addColumn('lifted_on', 'date')
    .addColumn('lifted_reason', 'text')
    .addColumn('superseded_by', 'uuid', (c) => c.references('proposal.id'))
    .execute()
  await db.schema.createIndex('restriction_person').on('restriction').column('person_id').execute()
  await db.schema.createIndex('restriction_proposal').on('restriction').column('proposal_id').execute()
  await db.schema.createIndex('restriction_review_on').on('restriction').columns(['review_on', 'ends_on']).execute()

  await db.schema
    .createTable('review')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('restriction_id', 'uuid', (c) => c.notNull().references('restriction.id'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('continue', 'vary', 'lift')`))
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'date')
    .addColumn('letter_id', 'uuid', (c) => c.notNull().references('letter.id'))
    .addColumn('reviewed_by', 'uuid', (c) => c.notNull().references('staff_user.id'))
    .addColumn('reviewed_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('review_restriction').on('review').column('restriction_id').execute()

  await db.schema
    .createTable('challenge')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('procedure_case.id'))
    .addColumn('restriction_id', 'uuid', (c) => c.references('restriction.id'))
    .addColumn('warning_id', 'uuid', (c) => c.references('warning.id'))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('respond_by', 'date', (c) => c.notNull())
    .addColumn('in_time', 'boolean', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('staff_user.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('upheld', 'varied', 'not_upheld')`))
    .addColumn('reasons', 'text')
    .addColumn('decided_by', 'uuid', (c) => c.references('staff_user.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('letter_id', 'uuid', (c) => c.references('letter.id'))
    .addCheckConstraint('challenge_of_one', sql`(restriction_id is null) <> (warning_id is null)`)
    .execute()
  await db.schema.createIndex('challenge_case').on('challenge').column('case_id').execute()

  await db.schema
    .createTable('bank_holiday')
    .addColumn('on', 'date', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute()
  const shipped = readGovUkBankHolidays(
    JSON.parse(readFileSync(new URL('../../data/bank-holidays-england-and-wales.json', import.meta.url), 'utf8')),
  )
  if (!shipped) throw new Error('src/data/bank-holidays-england-and-wales.json is not in GOV.UK’s format')
  await (db as Kysely<{ bank_holiday: { on: string; title: string } }>)
    .insertInto('bank_holiday')
    .values(shipped.map((e) => ({ on: e.date, title: e.title })))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['bank_holiday', 'challenge', 'review', 'restriction', 'decision', 'proposal', 'warning']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.dropTable('letter_file').execute()
  await db.schema.dropTable('letter').execute()
  await sql`drop function letter_is_fixed()`.execute(db)
  await db.schema.dropTable('procedure_case').execute()
  await sql`drop sequence letter_reference_seq`.execute(db)
  await sql`drop sequence case_reference_seq`.execute(db)
}
