import { sql, type Transaction } from 'kysely'
import type { Database, Db } from '../../db/database.ts'
import { appendAuditEntry } from '../../audit/audit.ts'
import { hashSecret, newSecret, verifyPassword } from '../../web/credentials.ts'
import { asActor, type Principal } from '../../web/identity.ts'

export type SignInResult = { ok: true; sessionToken: string; staffUserId: string } | { ok: false }

interface SignInPolicy {
  maxFailures: number
  lockMinutes: number
  idleMinutes: number
}

/**
 * Checks an email and password. Every failure looks the same to the caller (unknown email, wrong password, disabled,
 * locked, no password set yet), so no answer reveals whether an account exists.
 *
 * Each attempt on an account is counted in the database, in one statement, before its password is checked, and the
 * lockout is decided from the count that statement returns: ten attempts at once are ten attempts, and no more than
 * `maxFailures` passwords are ever checked before the account locks (issue 12, item 4). A count read first and
 * written back later let attempts made together overwrite each other.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; userAgent: string | null },
  policy: SignInPolicy,
  now: Date,
): Promise<SignInResult> {
  const attempt = await countAttempt(db, input.email.trim().toLowerCase(), now)
  const locked = attempt?.locked_until ? attempt.locked_until > now : false
  const checkable = attempt !== undefined && !locked && attempt.failed_sign_ins <= policy.maxFailures
  // The password is checked (against a decoy when it cannot be the account's) whatever happens, so the time taken
  // does not tell an attacker which case they are in.
  const passwordOk = await verifyPassword(checkable ? attempt.password_hash : null, input.password)
  if (!attempt) return { ok: false }
  if (!checkable || !passwordOk) {
    if (attempt.failed_sign_ins >= policy.maxFailures) {
      await db.transaction().execute((trx) => lockAccount(trx, attempt, policy, now))
    }
    return { ok: false }
  }
  const user = attempt

  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff_user')
      .set({ failed_sign_ins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute()
    const sessionToken = await openSession(
      trx,
      user,
      { userAgent: input.userAgent, idleMinutes: policy.idleMinutes },
      now,
    )
    return { ok: true, sessionToken, staffUserId: user.id } as const
  })
}

/**
 * A new session for a staff user who has just proved who they are (with a password or through single sign-on), with
 * its entry in the audit trail. Returns the session's token, for the cookie; only its hash is stored.
 */
export async function openSession(
  trx: Transaction<Database>,
  user: { id: string; name: string; email: string },
  options: { userAgent: string | null; idleMinutes: number; via?: string },
  now: Date,
): Promise<string> {
  const sessionToken = newSecret()
  // Sessions abandoned without signing out would otherwise stay in the table for ever.
  await trx
    .deleteFrom('staff_session')
    .where('staff_user_id', '=', user.id)
    .where('last_seen_at', '<', new Date(now.getTime() - options.idleMinutes * 60_000))
    .execute()
  await trx
    .insertInto('staff_session')
    .values({
      token_hash: hashSecret(sessionToken),
      staff_user_id: user.id,
      created_at: now,
      last_seen_at: now,
      user_agent: options.userAgent?.slice(0, 500) ?? null,
    })
    .execute()
  await appendAuditEntry(trx, asActor(user), {
    action: 'session.signed_in',
    objectType: 'staff_user',
    objectId: user.id,
    ...(options.via && { reason: options.via }),
  })
  return sessionToken
}

/**
 * Counts one attempt on an enabled account with a password, atomically: `failed_sign_ins + 1` in the database, or 1
 * when an earlier lock has run out (a new series begins, and that lock is lifted). Returns the account as the
 * statement left it, or nothing when no such account exists. A successful sign-in sets the count back to 0.
 */
function countAttempt(db: Db, email: string, now: Date) {
  const lockOver = sql<boolean>`locked_until <= ${now}`
  return db
    .updateTable('staff_user')
    .set({
      failed_sign_ins: sql<number>`case when ${lockOver} then 1 else failed_sign_ins + 1 end`,
      locked_until: sql<Date | null>`case when ${lockOver} then null else locked_until end`,
    })
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .where('password_hash', 'is not', null)
    .returning(['id', 'email', 'name', 'password_hash', 'failed_sign_ins', 'locked_until'])
    .executeTakeFirst()
}

/** Locks the account once its failures reach the limit; a lock already in force is left as it is (one audit entry). */
async function lockAccount(
  trx: Transaction<Database>,
  user: { id: string; failed_sign_ins: number },
  policy: { lockMinutes: number },
  now: Date,
): Promise<void> {
  const lockedUntil = new Date(now.getTime() + policy.lockMinutes * 60_000)
  const locked = await trx
    .updateTable('staff_user')
    .set({ locked_until: lockedUntil })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('id')
    .executeTakeFirst()
  if (!locked) return
  await appendAuditEntry(
    trx,
    { id: null, label: 'Fair Contact' },
    {
      action: 'staff_user.locked',
      objectType: 'staff_user',
      objectId: user.id,
      reason: `${user.failed_sign_ins} failed sign-in attempts in a row`,
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
