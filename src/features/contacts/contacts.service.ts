import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { Refusal } from '../../domain/refusal.ts'
import { queueIfMatterClosed } from '../closed-matters/queue.service.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { personExists } from '../people/people.repository.ts'
import type { NewContact, NewIncident } from './schema.ts'

type Trx = Transaction<Database>

// A contact or incident is recorded after it happens; a little clock drift is allowed, a future date is a typo.
const FUTURE_TOLERANCE_MS = 10 * 60_000

function refuseFuture(at: Date, now: Date) {
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new Refusal(422, 'in_future', 'The date and time must not be in the future', {
      at: 'The date and time must not be in the future',
    })
  }
}

async function refuseUnknownPerson(trx: Trx, personId: string) {
  if (!(await personExists(trx, personId))) {
    throw new Refusal(422, 'unknown_person', 'There is no such person', { personId: 'There is no such person' })
  }
}

/** K1: a contact, with channel, direction, time, staff member, matter, summary and staff time. */
export async function recordContact(trx: Trx, actor: Actor, input: NewContact, now: Date): Promise<string> {
  await refuseUnknownPerson(trx, input.personId)
  refuseFuture(input.at, now)
  if (input.matterId) {
    const matter = await trx
      .selectFrom('matter')
      .select('person_id')
      .where('id', '=', input.matterId)
      .executeTakeFirst()
    if (matter?.person_id !== input.personId) {
      throw new Refusal(422, 'unknown_matter', 'That matter is not one of this person’s', {
        matterId: 'Choose a matter of this person, or none',
      })
    }
  }
  if (input.staffUserId) {
    const staff = await trx.selectFrom('staff_user').select('id').where('id', '=', input.staffUserId).executeTakeFirst()
    if (!staff)
      throw new Refusal(422, 'unknown_staff', 'There is no such staff user', {
        staffUserId: 'There is no such staff user',
      })
  }
  const { id } = await trx
    .insertInto('contact')
    .values({
      person_id: input.personId,
      matter_id: input.matterId ?? null,
      channel: input.channel,
      direction: input.direction,
      at: input.at,
      staff_user_id: input.staffUserId ?? actor.id,
      summary: input.summary,
      minutes_spent: input.minutesSpent ?? null,
      recorded_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'contact.recorded',
    objectType: 'contact',
    objectId: id,
    after: {
      personId: input.personId,
      matterId: input.matterId ?? null,
      channel: input.channel,
      direction: input.direction,
      at: input.at.toISOString(),
      minutesSpent: input.minutesSpent ?? null,
    },
  })
  await queueIfMatterClosed(trx, {
    id,
    personId: input.personId,
    matterId: input.matterId ?? null,
    direction: input.direction,
    at: input.at,
  })
  return id
}

/** K1: an incident, with its behaviour category and severity. Staff on the receiving end can record it. */
export async function recordIncident(trx: Trx, actor: Actor, input: NewIncident, now: Date): Promise<string> {
  await refuseUnknownPerson(trx, input.personId)
  refuseFuture(input.at, now)
  if (input.contactId) {
    const contact = await trx
      .selectFrom('contact')
      .select('person_id')
      .where('id', '=', input.contactId)
      .executeTakeFirst()
    if (contact?.person_id !== input.personId) {
      throw new Refusal(422, 'unknown_contact', 'That contact is not one of this person’s', {
        contactId: 'Choose a contact of this person, or none',
      })
    }
  }
  const { id } = await trx
    .insertInto('incident')
    .values({
      person_id: input.personId,
      contact_id: input.contactId ?? null,
      at: input.at,
      category: input.category,
      severity: input.severity,
      description: input.description,
      witnesses: input.witnesses || null,
      police_reference: input.policeReference || null,
      recorded_by: actor.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'incident.recorded',
    objectType: 'incident',
    objectId: id,
    after: {
      personId: input.personId,
      category: input.category,
      severity: input.severity,
      at: input.at.toISOString(),
      contactId: input.contactId ?? null,
    },
  })
  return id
}
