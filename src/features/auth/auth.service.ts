import type { Transaction } from 'kysely'
import type { Database, Db } from '../../db/database.ts'
import { appendAuditEntry } from '../../audit/audit.ts'
import { hashSecret, newSecret, verifyPassword } from '../../web/credentials.ts'
import { asActor, type Principal } from '../../web/identity.ts'

export type SignInResult = { ok: true; sessionToken: string; staffUserId: string } | { ok: false }

/**
 * Checks an email and password. Every failure looks the same to the caller (unknown email, wrong password, disabled,
 * locked, no password set yet), so no answer reveals whether an account exists.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; userAgent: string | null },
  policy: { maxFailures: number; lockMinutes: number; idleMinutes: number },
  now: Date,
): Promise<SignInResult> {
  const user = await db
    .selectFrom('staff_user')
    .select(['id', 'email', 'name', 'password_hash', 'disabled_at', 'locked_until', 'failed_sign_ins'])
    .where('email', '=', input.email.trim().toLowerCase())
    .executeTakeFirst()
  const usable = user && !user.disabled_at && !(user.locked_until && user.locked_until > now)
  const passwordOk = await verifyPassword(usable ? user.password_hash : null, input.password)
  if (!user || !usable) return { ok: false }

  return db.transaction().execute(async (trx) => {
    if (!passwordOk) {
      await recordFailure(trx, user, policy, now)
      return { ok: false } as const
    }
    const sessionToken = newSecret()
    // Sessions abandoned without signing out would otherwise stay in the table for ever.
    await trx
      .deleteFrom('staff_session')
      .where('staff_user_id', '=', user.id)
      .where('last_seen_at', '<', new Date(now.getTime() - policy.idleMinutes * 60_000))
      .execute()
    await trx
      .updateTable('staff_user')
      .set({ failed_sign_ins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute()
    await trx
      .insertInto('staff_session')
      .values({
        token_hash: hashSecret(sessionToken),
        staff_user_id: user.id,
        created_at: now,
        last_seen_at: now,
        user_agent: input.userAgent?.slice(0, 500) ?? null,
      })
      .execute()
    await appendAuditEntry(trx, asActor(user), {
      action: 'session.signed_in',
      objectType: 'staff_user',
      objectId: user.id,
    })
    return { ok: true, sessionToken, staffUserId: user.id } as const
  })
}

async function recordFailure(
  trx: Transaction<Database>,
  user: { id: string; email: string; name: string; failed_sign_ins: number },
  policy: { maxFailures: number; lockMinutes: number },
  now: Date,
): Promise<void> {
  const failures = user.failed_sign_ins + 1
  if (failures < policy.maxFailures) {
    await trx.updateTable('staff_user').set({ failed_sign_ins: failures }).where('id', '=', user.id).execute()
    return
  }
  const lockedUntil = new Date(now.getTime() + policy.lockMinutes * 60_000)
  await trx
    .updateTable('staff_user')
    .set({ failed_sign_ins: 0, locked_until: lockedUntil })
    .where('id', '=', user.id)
    .execute()
  await appendAuditEntry(
    trx,
    { id: null, label: 'Fair Contact' },
    {
      action: 'staff_user.locked',
      objectType: 'staff_user',
      objectId: user.id,
      reason: `${failures} failed sign-in attempts in a row`,
      after: { lockedUntil: lockedUntil.toISOString() },
    },
  )
}

export async function signOut(trx: Transaction<Database>, principal: Principal, everywhere: boolean): Promise<number> {
  let query = trx.deleteFrom('staff_session').where('staff_user_id', '=', principal.id)
  if (!everywhere && principal.via.kind === 'session') query = query.where('token_hash', '=', principal.via.sessionHash)
  const result = await query.executeTakeFirst()
  const ended = Number(result.numDeletedRows)
  await appendAuditEntry(trx, asActor(principal), {
    action: everywhere ? 'session.signed_out_everywhere' : 'session.signed_out',
    objectType: 'staff_user',
    objectId: principal.id,
    after: { sessionsEnded: ended },
  })
  return ended
}
