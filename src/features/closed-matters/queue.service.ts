import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { londonDate } from '../../domain/london-time.ts'
import { inForce } from '../../domain/restrictions.ts'
import { restrictionsOfPerson } from '../restrictions/restrictions.repository.ts'

type Trx = Transaction<Database>

/**
 * F11: correspondence on a matter whose correspondence is closed still lands in a queue, to be read for fresh evidence
 * and safeguarding concerns before it is acknowledged, filed or referred. Called whenever an inbound contact on a
 * matter is recorded, so nothing arrives unseen, however it was recorded (page, API, contact check, import).
 */
export async function queueIfMatterClosed(
  trx: Trx,
  contact: { id: string; personId: string; matterId: string | null; direction: string; at: Date },
): Promise<boolean> {
  if (contact.direction !== 'inbound' || contact.matterId === null) return false
  const today = londonDate(contact.at)
  const closing = (await restrictionsOfPerson(trx, contact.personId)).filter(
    (r) => r.spec.type === 'matter_closed' && r.spec.matterId === contact.matterId && inForce(r.state, today),
  )
  const first = closing[0]
  if (!first || first.spec.type !== 'matter_closed') return false
  // Two restrictions on one matter that disagree: acknowledging wins (P6), as the contact check says.
  const reply = closing.some((r) => r.spec.type === 'matter_closed' && r.spec.reply === 'acknowledge')
    ? 'acknowledge'
    : 'file_without_acknowledgement'
  await trx
    .insertInto('closed_matter_item')
    .values({
      person_id: contact.personId,
      matter_id: contact.matterId,
      contact_id: contact.id,
      restriction_id: first.id,
      reply,
      received_at: contact.at,
    })
    .execute()
  return true
}
