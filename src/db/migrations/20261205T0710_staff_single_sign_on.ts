import { sql, type Kysely } from 'kysely'

// Issue 14, single sign-on: the account at the council's identity provider a staff user signs in with, as the
// provider's issuer and its subject (`sub`, stable for the account; an email address can be reused). One account at
// one provider is one staff user.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_user').addColumn('oidc_issuer', 'text').addColumn('oidc_subject', 'text').execute()
  await sql`create unique index staff_user_oidc_account on staff_user (oidc_issuer, oidc_subject)
    where oidc_subject is not null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index staff_user_oidc_account`.execute(db)
  await db.schema.alterTable('staff_user').dropColumn('oidc_issuer').dropColumn('oidc_subject').execute()
}
