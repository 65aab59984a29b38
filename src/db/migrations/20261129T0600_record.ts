import { sql, type Kysely } from 'kysely'

// The record (issue 3): people, their identifiers, representatives and adjustments; matters, contacts, incidents,
// operational arrangements and informal warnings, and staff-safety markers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date')
    .addColumn('is_councillor', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('merged_into', 'uuid', (c) => c.references('person.id'))
    .addColumn('created_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index person_name_trgm on person using gin (name_key gin_trgm_ops)`.execute(db)

  await db.schema
    .createTable('person_alias')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('person_alias_person').on('person_alias').column('person_id').execute()
  await sql`create index person_alias_trgm on person_alias using gin (name_key gin_trgm_ops)`.execute(db)

  await db.schema
    .createTable('person_email')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addUniqueConstraint('person_email_once', ['person_id', 'email'])
    .execute()
  await db.schema.createIndex('person_email_email').on('person_email').column('email').execute()

  await db.schema
    .createTable('person_phone')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('e164', 'text', (c) => c.notNull().check(sql`e164 ~ '^\\+[1-9][0-9]{5,14}$'`))
    .addUniqueConstraint('person_phone_once', ['person_id', 'e164'])
    .execute()
  await db.schema.createIndex('person_phone_e164').on('person_phone').column('e164').execute()

  await db.schema
    .createTable('person_address')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('line1', 'text', (c) => c.notNull())
    .addColumn('line2', 'text')
    .addColumn('town', 'text')
    .addColumn('postcode', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('person_address_postcode').on('person_address').column('postcode').execute()
  await db.schema.createIndex('person_address_person').on('person_address').column('person_id').execute()

  // S5: a representative is a separate person, linked with the relationship and whether consent is recorded.
  await db.schema
    .createTable('person_representative')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('representative_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('consent_recorded', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('person_representative_other', sql`person_id <> representative_id`)
    .execute()

  // P5: reasonable adjustments.
  await db.schema
    .createTable('reasonable_adjustment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('agreed_adjustment', 'text', (c) => c.notNull())
    .addColumn('agreed_on', 'date')
    .addColumn('last_reviewed_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('reasonable_adjustment_person').on('reasonable_adjustment').column('person_id').execute()

  await sql`create sequence matter_reference_seq`.execute(db)
  await db.schema
    .createTable('matter')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('complaint', 'foi', 'eir', 'sar', 'service_request', 'enquiry')`),
    )
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('complaint_stage', 'text', (c) =>
      c.check(sql`complaint_stage in ('stage_1', 'stage_2', 'ombudsman', 'closed')`),
    )
    .addColumn('outcome', 'text', (c) =>
      c.check(sql`outcome in ('upheld', 'partly_upheld', 'not_upheld', 'resolved', 'withdrawn')`),
    )
    .addColumn('process_exhausted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addCheckConstraint('matter_closed_consistent', sql`(status = 'closed') = (closed_at is not null)`)
    .addCheckConstraint('matter_stage_only_for_complaints', sql`complaint_stage is null or type = 'complaint'`)
    .execute()
  await db.schema.createIndex('matter_person').on('matter').column('person_id').execute()

  await db.schema
    .createTable('contact')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('matter_id', 'uuid', (c) => c.references('matter.id'))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('phone', 'email', 'letter', 'in_person', 'web', 'social_media')`),
    )
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('staff_user_id', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('minutes_spent', 'integer', (c) => c.check(sql`minutes_spent between 0 and 1440`))
    .addColumn('recorded_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('contact_person_at').on('contact').columns(['person_id', 'at']).execute()
  await db.schema.createIndex('contact_matter').on('contact').column('matter_id').execute()

  // K1: incidents, with the five behaviour categories and a severity up to an immediate risk to safety.
  await db.schema
    .createTable('incident')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('contact_id', 'uuid', (c) => c.references('contact.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('category', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`category in ('aggressive_or_abusive', 'unreasonable_demands', 'unreasonable_levels_of_contact', 'refusal_to_cooperate', 'misuse_of_process')`,
        ),
    )
    .addColumn('severity', 'text', (c) =>
      c.notNull().check(sql`severity in ('low', 'medium', 'high', 'immediate_risk')`),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('witnesses', 'text')
    .addColumn('police_reference', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('incident_person_at').on('incident').columns(['person_id', 'at']).execute()

  // S4: business-as-usual measures (operational arrangements and informal warnings), the evidence F1 needs.
  await db.schema
    .createTable('operational_arrangement')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('arrangement', 'informal_warning')`))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('outcome', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('operational_arrangement_dates', sql`ended_on is null or ended_on >= started_on`)
    .execute()
  await db.schema
    .createIndex('operational_arrangement_person')
    .on('operational_arrangement')
    .column('person_id')
    .execute()

  // K3, P4: staff-safety markers, separate from restrictions, with a review date.
  await db.schema
    .createTable('safety_marker')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('precautions', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('review_on', 'date', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('staff_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_reason', 'text')
    .execute()
  await db.schema.createIndex('safety_marker_person').on('safety_marker').column('person_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'safety_marker',
    'operational_arrangement',
    'incident',
    'contact',
    'matter',
    'reasonable_adjustment',
    'person_representative',
    'person_address',
    'person_phone',
    'person_email',
    'person_alias',
    'person',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  await sql`drop sequence matter_reference_seq`.execute(db)
}
