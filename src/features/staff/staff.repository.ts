import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'
import type { Role } from '../../domain/roles.ts'
import { serviceList } from '../../domain/staff-services.ts'
import { rolesOf } from '../../web/identity.ts'

export interface StaffUser {
  id: string
  email: string
  name: string
  roles: Role[]
  /** F1: the services they belong to, by name; a Head of Service opens cases only for these. */
  services: string[]
  disabled: boolean
  hasPassword: boolean
  /** Issue 14: they have signed in through the council's identity provider (single sign-on). */
  singleSignOn: boolean
  createdAt: Date
}

const staffColumns = [
  'staff_user.id',
  'staff_user.email',
  'staff_user.name',
  'staff_user.disabled_at',
  'staff_user.password_hash',
  'staff_user.oidc_subject',
  'staff_user.created_at',
] as const

/** A staff user's services as an array, by name, for selects from staff_user (F1). */
const servicesOf = sql<
  string[]
>`coalesce((select array_agg(s.service order by lower(s.service)) from staff_service s where s.staff_user_id = staff_user.id), '{}')`

function toStaffUser(row: {
  id: string
  email: string
  name: string
  disabled_at: Date | null
  password_hash: string | null
  oidc_subject: string | null
  created_at: Date
  roles: Role[]
  services: string[]
}): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    services: row.services,
    disabled: row.disabled_at !== null,
    hasPassword: row.password_hash !== null,
    singleSignOn: row.oidc_subject !== null,
    createdAt: row.created_at,
  }
}

export async function findStaffUser(db: Executor, id: string): Promise<StaffUser | undefined> {
  const row = await db
    .selectFrom('staff_user')
    .select([...staffColumns, rolesOf.as('roles'), servicesOf.as('services')])
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toStaffUser(row)
}

export async function findStaffUserByEmail(db: Executor, email: string): Promise<StaffUser | undefined> {
  const row = await db
    .selectFrom('staff_user')
    .select([...staffColumns, rolesOf.as('roles'), servicesOf.as('services')])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst()
  return row && toStaffUser(row)
}

export async function listStaffUsers(db: Executor): Promise<StaffUser[]> {
  const rows = await db
    .selectFrom('staff_user')
    .select([...staffColumns, rolesOf.as('roles'), servicesOf.as('services')])
    .orderBy('disabled_at', (ob) => ob.desc().nullsFirst())
    .orderBy('name')
    .execute()
  return rows.map(toStaffUser)
}

export async function countStaffUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('staff_user')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
  return row.n
}

export async function insertStaffUser(
  db: Executor,
  values: { email: string; name: string; passwordHash?: string | null },
): Promise<string> {
  const row = await db
    .insertInto('staff_user')
    .values({ email: values.email.toLowerCase(), name: values.name, password_hash: values.passwordHash ?? null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function replaceRoles(db: Executor, staffUserId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('staff_role').where('staff_user_id', '=', staffUserId).execute()
  if (roles.length > 0) {
    await db
      .insertInto('staff_role')
      .values(roles.map((role) => ({ staff_user_id: staffUserId, role })))
      .execute()
  }
}

/** F1: the services a staff user belongs to, by name. */
export async function servicesOfStaffUser(db: Executor, staffUserId: string): Promise<string[]> {
  const rows = await db.selectFrom('staff_service').select('service').where('staff_user_id', '=', staffUserId).execute()
  return serviceList(rows.map((r) => r.service))
}

/** Sets a staff user's services: the names are stored trimmed, each service once whatever its case (F1). */
export async function replaceServices(db: Executor, staffUserId: string, services: readonly string[]): Promise<void> {
  await db.deleteFrom('staff_service').where('staff_user_id', '=', staffUserId).execute()
  const kept = serviceList(services)
  if (kept.length > 0) {
    await db
      .insertInto('staff_service')
      .values(kept.map((service) => ({ staff_user_id: staffUserId, service })))
      .execute()
  }
}

/** Every service named on a matter, a case or a staff user, each once: what an administrator chooses from (F1). */
export async function knownServices(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('matter')
    .select('service')
    .union(db.selectFrom('procedure_case').select('service'))
    .union(db.selectFrom('staff_service').select('service'))
    .execute()
  return serviceList(rows.map((r) => r.service))
}

export async function updateStaffUser(
  db: Executor,
  id: string,
  values: { name?: string; disabledAt?: Date | null; passwordHash?: string },
): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({
      ...(values.name !== undefined && { name: values.name }),
      ...(values.disabledAt !== undefined && { disabled_at: values.disabledAt }),
      ...(values.passwordHash !== undefined && {
        password_hash: values.passwordHash,
        failed_sign_ins: 0,
        locked_until: null,
      }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute()
}

export interface ApiTokenSummary {
  id: string
  label: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

export async function listApiTokens(db: Executor, staffUserId: string): Promise<ApiTokenSummary[]> {
  const rows = await db
    .selectFrom('api_token')
    .select(['id', 'label', 'created_at', 'last_used_at', 'revoked_at'])
    .where('staff_user_id', '=', staffUserId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }))
}

export async function staffNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('staff_user')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** A staff user's name and the last day they are away (F5b), for the absence page. */
export async function findStaffAbsence(db: Executor, id: string) {
  return db
    .selectFrom('staff_user')
    .select(['id', 'name', 'absent_until as absentUntil'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The names of the active administrators: whom a staff user asks to change their roles or services (F1). */
export async function administratorNames(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_user')
    .innerJoin('staff_role', 'staff_role.staff_user_id', 'staff_user.id')
    .select('staff_user.name')
    .where('staff_role.role', '=', 'admin')
    .where('staff_user.disabled_at', 'is', null)
    .orderBy('staff_user.name')
    .execute()
  return rows.map((r) => r.name)
}

/** Staff users who are not disabled, by name: the officers a restriction can name (F5). */
export async function activeStaff(db: Executor) {
  return db.selectFrom('staff_user').select(['id', 'name']).where('disabled_at', 'is', null).orderBy('name').execute()
}

/** A staff user's sessions, the most recently used first (their account page). */
export async function sessionsOfStaffUser(db: Executor, staffUserId: string) {
  return db
    .selectFrom('staff_session')
    .select(['created_at', 'last_seen_at', 'user_agent'])
    .where('staff_user_id', '=', staffUserId)
    .orderBy('last_seen_at', 'desc')
    .execute()
}
