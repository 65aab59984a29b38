import type { FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { Actor } from '../audit/audit.ts'
import type { Db } from '../db/database.ts'
import { roles, type Role } from '../domain/roles.ts'
import { Refusal } from '../domain/refusal.ts'
import { hashSecret } from './credentials.ts'

// Who is asking: the staff user behind a session cookie (pages) or an API token (the API), resolved once per request
// by access.ts, and the same person as the actor of a change in the audit trail. Signing in and out is the auth
// feature's; staff accounts are the staff feature's.

/** A staff user's roles as an array, for selects from staff_user. */
export const rolesOf = sql<
  Role[]
>`coalesce((select array_agg(r.role order by array_position(${sql.val([...roles])}::text[], r.role)) from staff_role r where r.staff_user_id = staff_user.id), '{}')`

/** The staff user behind a request, resolved from a session cookie or an API token. */
export interface Principal {
  id: string
  email: string
  name: string
  roles: Role[]
  /** Which session (hash) or token this request came with, so sign-out can end exactly that one. */
  via: { kind: 'session'; sessionHash: string } | { kind: 'token'; tokenId: string }
}

export const asActor = (p: { id: string; name: string; email: string }): Actor => ({
  id: p.id,
  label: `${p.name} <${p.email}>`,
})

// Writing last_seen_at on every request would turn each page view into a write; a minute's precision is enough for a
// 30-minute idle timeout.
const TOUCH_AFTER_MS = 60_000

export async function resolveSession(db: Db, token: string, idleMinutes: number, now: Date): Promise<Principal | null> {
  const sessionHash = hashSecret(token)
  const row = await db
    .selectFrom('staff_session')
    .innerJoin('staff_user', 'staff_user.id', 'staff_session.staff_user_id')
    .select(['staff_user.id', 'staff_user.email', 'staff_user.name', 'staff_session.last_seen_at', rolesOf.as('roles')])
    .where('staff_session.token_hash', '=', sessionHash)
    .where('staff_user.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  const idleMs = now.getTime() - row.last_seen_at.getTime()
  if (idleMs > idleMinutes * 60_000) {
    await db.deleteFrom('staff_session').where('token_hash', '=', sessionHash).execute()
    return null
  }
  if (idleMs > TOUCH_AFTER_MS) {
    await db.updateTable('staff_session').set({ last_seen_at: now }).where('token_hash', '=', sessionHash).execute()
  }
  return { id: row.id, email: row.email, name: row.name, roles: row.roles, via: { kind: 'session', sessionHash } }
}

export async function resolveApiToken(db: Db, token: string, now: Date): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('staff_user', 'staff_user.id', 'api_token.staff_user_id')
    .select([
      'api_token.id as tokenId',
      'api_token.last_used_at',
      'staff_user.id',
      'staff_user.email',
      'staff_user.name',
      rolesOf.as('roles'),
    ])
    .where('api_token.token_hash', '=', hashSecret(token))
    .where('api_token.revoked_at', 'is', null)
    .where('staff_user.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.tokenId).execute()
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    via: { kind: 'token', tokenId: row.tokenId },
  }
}

/** The signed-in staff user as the actor of a change. Routes that call it are never public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw new Refusal(403, 'forbidden', 'Sign in first')
  return asActor(request.principal)
}

/** The signed-in staff user with their roles: the procedure's rules depend on who holds which role (F4, F10). */
export type StaffActor = Actor & { id: string; roles: Role[] }

export function staffActorOf(request: FastifyRequest): StaffActor {
  if (!request.principal) throw new Refusal(403, 'forbidden', 'Sign in first')
  return { ...asActor(request.principal), id: request.principal.id, roles: request.principal.roles }
}
