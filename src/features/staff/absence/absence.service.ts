import type { Transaction } from 'kysely'
import type { Database } from '../../../db/database.ts'
import { notFound, Refusal } from '../../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../../audit/audit.ts'

type Trx = Transaction<Database>

/**
 * F5b: a named officer recorded as away (until a date, inclusive) has their contacts sent to the deputy by the contact
 * check. `absentUntil` null clears it. Audited (K4).
 */
export async function recordAbsence(
  trx: Trx,
  actor: Actor,
  staffUserId: string,
  absentUntil: string | null,
  today: string,
): Promise<void> {
  const staff = await trx
    .selectFrom('staff_user')
    .select(['id', 'absent_until'])
    .where('id', '=', staffUserId)
    .forUpdate()
    .executeTakeFirst()
  if (!staff) throw notFound('Staff user')
  if (absentUntil !== null && absentUntil < today) {
    const message = 'The date they are away until must be today or in the future'
    throw new Refusal(422, 'absence_in_past', message, { absentUntil: message }, 'F5b')
  }
  if (staff.absent_until === absentUntil) return
  await trx.updateTable('staff_user').set({ absent_until: absentUntil }).where('id', '=', staffUserId).execute()
  await appendAuditEntry(trx, actor, {
    action: absentUntil === null ? 'staff_user.absence_cleared' : 'staff_user.absence_recorded',
    objectType: 'staff_user',
    objectId: staffUserId,
    before: { absentUntil: staff.absent_until },
    after: { absentUntil },
  })
}
