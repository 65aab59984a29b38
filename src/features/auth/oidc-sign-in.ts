import type { Db } from '../../db/database.ts'
import type { OidcConfig } from '../../config.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { asActor, rolesOf } from '../../web/identity.ts'
import { insertStaffUser, replaceRoles } from '../staff/staff.repository.ts'
import { openSession } from './auth.service.ts'
import { mappedRoles, type ProviderAccount } from './oidc.ts'

export type ProviderSignInResult =
  | { ok: true; sessionToken: string; staffUserId: string }
  /** no_role: none of the provider's roles maps to one here; disabled: an administrator disabled the account here;
   * no_email: a first sign-in without an email address to create the user with; taken: the email address belongs to
   * a staff user who signs in with another account at the provider. */
  | { ok: false; reason: 'no_role' | 'disabled' | 'no_email' | 'taken' }

const FAIR_CONTACT: Actor = { id: null, label: 'Fair Contact' }

/**
 * Signs in a staff user whose identity the council's provider has just vouched for (issue 14).
 *
 * - The staff user is the one linked to this account at the provider; or, the first time, the staff user with its
 *   email address (an administrator may have added them before single sign-on was set up), who is then linked; or,
 *   when there is none, a new staff user, created with the mapped roles. A first sign-in with no role that maps is
 *   refused and stores nothing.
 * - Roles are the provider's at every sign-in: the roles here become exactly the mapped ones, and a change is in the
 *   audit trail with its before and after. A user left with no role is refused (and their sessions end).
 * - A user disabled here stays out, whatever the provider says.
 */
export async function signInWithProvider(
  db: Db,
  account: ProviderAccount,
  settings: Pick<OidcConfig, 'roleMap' | 'providerName'>,
  options: { userAgent: string | null; idleMinutes: number },
  now: Date,
): Promise<ProviderSignInResult> {
  const roles = mappedRoles(account.providerRoles, settings.roleMap)
  return db.transaction().execute(async (trx): Promise<ProviderSignInResult> => {
    const columns = ['id', 'email', 'name', 'disabled_at', 'oidc_subject', rolesOf.as('roles')] as const
    // Locked for the transaction: an administrator's change to the same user waits, so the trail's before is true.
    let user = await trx
      .selectFrom('staff_user')
      .select(columns)
      .where('oidc_issuer', '=', account.issuer)
      .where('oidc_subject', '=', account.subject)
      .forUpdate()
      .executeTakeFirst()
    if (!user && account.email) {
      user = await trx
        .selectFrom('staff_user')
        .select(columns)
        .where('email', '=', account.email)
        .forUpdate()
        .executeTakeFirst()
      if (user?.oidc_subject) return { ok: false, reason: 'taken' }
      if (user) {
        await trx
          .updateTable('staff_user')
          .set({ oidc_issuer: account.issuer, oidc_subject: account.subject, updated_at: now })
          .where('id', '=', user.id)
          .execute()
        await appendAuditEntry(trx, asActor(user), {
          action: 'staff_user.single_sign_on_linked',
          objectType: 'staff_user',
          objectId: user.id,
          reason: `First sign-in with ${settings.providerName}, as the staff user with this email address`,
          after: { issuer: account.issuer },
        })
      }
    }

    if (!user) {
      if (roles.length === 0) return { ok: false, reason: 'no_role' }
      if (!account.email) return { ok: false, reason: 'no_email' }
      const created = { email: account.email, name: account.name ?? account.email }
      const id = await insertStaffUser(trx, created)
      await trx
        .updateTable('staff_user')
        .set({ oidc_issuer: account.issuer, oidc_subject: account.subject })
        .where('id', '=', id)
        .execute()
      await replaceRoles(trx, id, roles)
      await appendAuditEntry(trx, FAIR_CONTACT, {
        action: 'staff_user.created',
        objectType: 'staff_user',
        objectId: id,
        reason: `First sign-in with ${settings.providerName}`,
        after: { ...created, roles, issuer: account.issuer },
      })
      const sessionToken = await openSession(trx, { id, ...created }, { ...options, via: 'single sign-on' }, now)
      return { ok: true, sessionToken, staffUserId: id }
    }

    if (user.disabled_at) return { ok: false, reason: 'disabled' }
    if (!sameRoles(user.roles, roles)) {
      await replaceRoles(trx, user.id, roles)
      await appendAuditEntry(trx, FAIR_CONTACT, {
        action: 'staff_user.roles_changed',
        objectType: 'staff_user',
        objectId: user.id,
        reason: `Roles at ${settings.providerName} changed (read at sign-in)`,
        before: { roles: user.roles },
        after: { roles },
      })
    }
    if (roles.length === 0) {
      await trx.deleteFrom('staff_session').where('staff_user_id', '=', user.id).execute()
      return { ok: false, reason: 'no_role' }
    }
    const sessionToken = await openSession(trx, user, { ...options, via: 'single sign-on' }, now)
    return { ok: true, sessionToken, staffUserId: user.id }
  })
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((role) => b.includes(role))
