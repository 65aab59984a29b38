import { sql, type Transaction } from 'kysely'
import type { Database, Executor } from '../../db/database.ts'
import { inRoleOrder, type Role } from '../../domain/roles.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import { serviceList } from '../../domain/staff-services.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { hashPassword, hashSecret, newSecret } from '../../web/credentials.ts'
import type { OneTimeLinkPurpose } from '../../db/tables/staff.ts'
import {
  countStaffUsers,
  findStaffUser,
  findStaffUserByEmail,
  insertStaffUser,
  replaceRoles,
  replaceServices,
  servicesOfStaffUser,
  updateStaffUser,
} from './staff.repository.ts'

type Trx = Transaction<Database>

export interface NewStaffUser {
  email: string
  name: string
  roles: Role[]
  /** F1: the services they belong to; a Head of Service opens cases only for these. None unless given. */
  services?: string[]
}

/** Creates a staff user with no password; they choose one through the set-up link returned (shown once). */
export async function createStaffUser(
  trx: Trx,
  actor: Actor,
  input: NewStaffUser,
  linkHours: number,
  now: Date,
): Promise<{ id: string; setUpToken: string }> {
  if (await findStaffUserByEmail(trx, input.email)) {
    throw new Refusal(409, 'email_taken', 'A staff user with this email address already exists', {
      email: 'A staff user with this email address already exists',
    })
  }
  const id = await insertStaffUser(trx, { email: input.email, name: input.name })
  await replaceRoles(trx, id, input.roles)
  const services = serviceList(input.services ?? [])
  await replaceServices(trx, id, services)
  await appendAuditEntry(trx, actor, {
    action: 'staff_user.created',
    objectType: 'staff_user',
    objectId: id,
    after: {
      email: input.email.toLowerCase(),
      name: input.name,
      roles: inRoleOrder(input.roles),
      ...(services.length > 0 && { services }),
    },
  })
  const setUpToken = await issueOneTimeLink(trx, actor, id, 'set_up', linkHours, now)
  return { id, setUpToken }
}

/** The staff user a change is to: a page or an API call naming no one is answered 404. */
async function staffUserToChange(trx: Trx, staffUserId: string) {
  const user = await findStaffUser(trx, staffUserId)
  if (!user) throw notFound('Staff user')
  return user
}

async function activeAdministrators(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_role')
    .innerJoin('staff_user', 'staff_user.id', 'staff_role.staff_user_id')
    .select('staff_user.id')
    .where('staff_role.role', '=', 'admin')
    .where('staff_user.disabled_at', 'is', null)
    .execute()
  return rows.map((r) => r.id)
}

async function refuseIfLastAdministrator(trx: Trx, staffUserId: string, field: string): Promise<void> {
  const admins = await activeAdministrators(trx)
  if (admins.length === 1 && admins[0] === staffUserId) {
    throw new Refusal(422, 'last_administrator', 'At least one active administrator must remain', {
      [field]: 'At least one active administrator must remain: give another staff user the administrator role first',
    })
  }
}

export async function changeRoles(
  trx: Trx,
  actor: Actor,
  staffUserId: string,
  roles: Role[],
  reason: string,
): Promise<void> {
  const user = await staffUserToChange(trx, staffUserId)
  if (user.roles.includes('admin') && !roles.includes('admin'))
    await refuseIfLastAdministrator(trx, staffUserId, 'roles')
  // Serialise concurrent role changes on the same user, so the before/after in the trail is true.
  await sql`select 1 from staff_user where id = ${staffUserId} for update`.execute(trx)
  await replaceRoles(trx, staffUserId, roles)
  await appendAuditEntry(trx, actor, {
    action: 'staff_user.roles_changed',
    objectType: 'staff_user',
    objectId: staffUserId,
    reason,
    before: { roles: user.roles },
    after: { roles: inRoleOrder(roles) },
  })
}

/**
 * F1: the services a staff user belongs to; a Head of Service opens cases only for these. Set by an administrator,
 * with the reason, before and after in the audit trail (K4).
 */
export async function changeServices(
  trx: Trx,
  actor: Actor,
  staffUserId: string,
  services: readonly string[],
  reason: string,
): Promise<void> {
  const user = await staffUserToChange(trx, staffUserId)
  // Serialise concurrent changes to the same user, so the before/after in the trail is true.
  await sql`select 1 from staff_user where id = ${staffUserId} for update`.execute(trx)
  const before = await servicesOfStaffUser(trx, staffUserId)
  const after = serviceList(services)
  await replaceServices(trx, staffUserId, after)
  await appendAuditEntry(trx, actor, {
    action: 'staff_user.services_changed',
    objectType: 'staff_user',
    objectId: user.id,
    reason,
    before: { services: before },
    after: { services: after },
  })
}

export async function disableStaffUser(
  trx: Trx,
  actor: Actor,
  staffUserId: string,
  reason: string,
  now: Date,
): Promise<void> {
  const user = await staffUserToChange(trx, staffUserId)
  if (user.disabled) return
  if (actor.id === staffUserId) {
    throw new Refusal(422, 'self', 'You cannot disable your own account', {
      reason: 'You cannot disable your own account',
    })
  }
  if (user.roles.includes('admin')) await refuseIfLastAdministrator(trx, staffUserId, 'reason')
  await updateStaffUser(trx, staffUserId, { disabledAt: now })
  // Takes effect at once: every session ends, and every API token is revoked for good, so enabling the account again
  // does not bring back a token that may have leaked with the reason it was disabled (issue 12 item 8).
  const ended = await trx.deleteFrom('staff_session').where('staff_user_id', '=', staffUserId).executeTakeFirst()
  const revoked = await trx
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('staff_user_id', '=', staffUserId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'label'])
    .execute()
  await appendAuditEntry(trx, actor, {
    action: 'staff_user.disabled',
    objectType: 'staff_user',
    objectId: staffUserId,
    reason,
    before: { disabled: false },
    after: { disabled: true, sessionsEnded: Number(ended.numDeletedRows), apiTokensRevoked: revoked.length },
  })
  for (const token of revoked) {
    await appendAuditEntry(trx, actor, {
      action: 'api_token.revoked',
      objectType: 'api_token',
      objectId: token.id,
      reason: `The staff user was disabled: ${reason}`,
      before: { revoked: false },
      after: { revoked: true, label: token.label },
    })
  }
}

export async function enableStaffUser(trx: Trx, actor: Actor, staffUserId: string, reason: string): Promise<void> {
  const user = await staffUserToChange(trx, staffUserId)
  if (!user.disabled) return
  await updateStaffUser(trx, staffUserId, { disabledAt: null })
  await appendAuditEntry(trx, actor, {
    action: 'staff_user.enabled',
    objectType: 'staff_user',
    objectId: staffUserId,
    reason,
    before: { disabled: true },
    after: { disabled: false },
  })
}

/** Stores a new one-time link, valid for `hours` from `now`: only its hash is kept, the token is shown once. */
async function storeOneTimeLink(
  trx: Trx,
  link: { purpose: OneTimeLinkPurpose; staffUserId: string | null; createdBy: string | null },
  hours: number,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret()
  const expiresAt = new Date(now.getTime() + hours * 3_600_000)
  await trx
    .insertInto('one_time_link')
    .values({
      token_hash: hashSecret(token),
      purpose: link.purpose,
      staff_user_id: link.staffUserId,
      created_by: link.createdBy,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute()
  return { token, expiresAt }
}

/** Issues a one-time link (set-up or reset); any earlier unused link for the same user stops working. */
export async function issueOneTimeLink(
  trx: Trx,
  actor: Actor,
  staffUserId: string,
  purpose: Exclude<OneTimeLinkPurpose, 'first_administrator'>,
  hours: number,
  now: Date,
): Promise<string> {
  const user = await staffUserToChange(trx, staffUserId)
  if (user.disabled) {
    throw new Refusal(422, 'disabled', 'Enable this account before issuing a link to it')
  }
  await trx
    .updateTable('one_time_link')
    .set({ expires_at: now })
    .where('staff_user_id', '=', staffUserId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute()
  const { token, expiresAt } = await storeOneTimeLink(trx, { purpose, staffUserId, createdBy: actor.id }, hours, now)
  await appendAuditEntry(trx, actor, {
    action: `one_time_link.issued`,
    objectType: 'staff_user',
    objectId: staffUserId,
    after: { purpose, expiresAt: expiresAt.toISOString() },
  })
  return token
}

export interface ValidLink {
  tokenHash: string
  purpose: OneTimeLinkPurpose
  staffUserId: string | null
  email: string | null
  name: string | null
}

/** A link that exists, is unused and unexpired; for the first-administrator link, only while no staff user exists. */
export async function findValidLink(db: Executor, token: string, now: Date): Promise<ValidLink | undefined> {
  const row = await db
    .selectFrom('one_time_link')
    .leftJoin('staff_user', 'staff_user.id', 'one_time_link.staff_user_id')
    .select([
      'one_time_link.token_hash',
      'one_time_link.purpose',
      'one_time_link.staff_user_id',
      'staff_user.email',
      'staff_user.name',
      'staff_user.disabled_at',
    ])
    .where('one_time_link.token_hash', '=', hashSecret(token))
    .where('one_time_link.used_at', 'is', null)
    .where('one_time_link.expires_at', '>', now)
    .executeTakeFirst()
  if (!row || row.disabled_at) return undefined
  if (row.purpose === 'first_administrator' && (await countStaffUsers(db)) > 0) return undefined
  return {
    tokenHash: row.token_hash,
    purpose: row.purpose,
    staffUserId: row.staff_user_id,
    email: row.email,
    name: row.name,
  }
}

const invalidLink = () =>
  new Refusal(
    404,
    'link_invalid',
    'This link has expired or has already been used. Ask an administrator for a new one.',
  )

async function useLink(trx: Trx, token: string, now: Date): Promise<ValidLink> {
  // Lock the row so that the same link cannot be used twice at once.
  await sql`select 1 from one_time_link where token_hash = ${hashSecret(token)} for update`.execute(trx)
  const link = await findValidLink(trx, token, now)
  if (!link) throw invalidLink()
  await trx.updateTable('one_time_link').set({ used_at: now }).where('token_hash', '=', link.tokenHash).execute()
  return link
}

/** Sets a password through a set-up or reset link; ends every existing session of that user. */
export async function setPasswordWithLink(trx: Trx, token: string, password: string, now: Date): Promise<string> {
  const link = await useLink(trx, token, now)
  if (!link.staffUserId || !link.email || !link.name) throw invalidLink()
  await updateStaffUser(trx, link.staffUserId, { passwordHash: await hashPassword(password) })
  await trx.deleteFrom('staff_session').where('staff_user_id', '=', link.staffUserId).execute()
  await appendAuditEntry(
    trx,
    { id: link.staffUserId, label: `${link.name} <${link.email}>` },
    {
      action: 'staff_user.password_set',
      objectType: 'staff_user',
      objectId: link.staffUserId,
      after: { via: link.purpose },
    },
  )
  return link.staffUserId
}

export async function createFirstAdministrator(
  trx: Trx,
  token: string,
  input: { email: string; name: string; password: string },
  now: Date,
): Promise<string> {
  // One first administrator, even if two people open the link at the same moment.
  await sql`lock table staff_user in exclusive mode`.execute(trx)
  const link = await useLink(trx, token, now)
  if (link.purpose !== 'first_administrator') throw invalidLink()
  const id = await insertStaffUser(trx, {
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
  })
  await replaceRoles(trx, id, ['admin'])
  await appendAuditEntry(
    trx,
    { id, label: `${input.name} <${input.email.toLowerCase()}>` },
    {
      action: 'staff_user.created',
      objectType: 'staff_user',
      objectId: id,
      reason: 'First administrator, created through the one-time link printed at first start',
      after: { email: input.email.toLowerCase(), name: input.name, roles: ['admin'] },
    },
  )
  return id
}

/** On an empty database, a one-time link to create the first administrator. There is no default password. */
export async function firstAdministratorLink(trx: Trx, hours: number, now: Date): Promise<string | undefined> {
  if ((await countStaffUsers(trx)) > 0) return undefined
  const { token, expiresAt } = await storeOneTimeLink(
    trx,
    { purpose: 'first_administrator', staffUserId: null, createdBy: null },
    hours,
    now,
  )
  await appendAuditEntry(
    trx,
    { id: null, label: 'Fair Contact' },
    {
      action: 'one_time_link.issued',
      objectType: 'service',
      after: { purpose: 'first_administrator', expiresAt: expiresAt.toISOString() },
    },
  )
  return token
}

export async function createApiToken(
  trx: Trx,
  actor: Actor,
  staffUserId: string,
  label: string,
): Promise<{ id: string; token: string }> {
  const user = await staffUserToChange(trx, staffUserId)
  if (user.disabled)
    throw new Refusal(422, 'disabled', 'Enable this account before creating a token for it', {
      label: 'Enable this account before creating a token for it',
    })
  const token = newSecret('fc_')
  const row = await trx
    .insertInto('api_token')
    .values({ staff_user_id: staffUserId, label, token_hash: hashSecret(token), created_by: actor.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'api_token.created',
    objectType: 'api_token',
    objectId: row.id,
    after: { staffUserId, label },
  })
  return { id: row.id, token }
}

export async function revokeApiToken(
  trx: Trx,
  actor: Actor,
  staffUserId: string,
  tokenId: string,
  now: Date,
): Promise<void> {
  const row = await trx
    .selectFrom('api_token')
    .select(['id', 'label', 'revoked_at'])
    .where('id', '=', tokenId)
    .where('staff_user_id', '=', staffUserId)
    .executeTakeFirst()
  if (!row) throw notFound('API token')
  if (row.revoked_at) return
  await trx.updateTable('api_token').set({ revoked_at: now }).where('id', '=', tokenId).execute()
  await appendAuditEntry(trx, actor, {
    action: 'api_token.revoked',
    objectType: 'api_token',
    objectId: tokenId,
    before: { revoked: false },
    after: { revoked: true, label: row.label },
  })
}
