import type { Kysely } from 'kysely'

// F8: a proposal made for an immediate risk to staff rests on a recorded incident of that severity, named here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('proposal')
    .addColumn('immediate_risk_incident_id', 'uuid', (c) => c.references('incident.id'))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('proposal').dropColumn('immediate_risk_incident_id').execute()
}
