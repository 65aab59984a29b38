import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { nameKey } from '../../domain/identifiers.ts'
import { Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import type { NewPerson } from './schema.ts'

type Trx = Transaction<Database>

/** Adds a person with every identifier given, in one transaction, and records it (K4). */
export async function createPerson(trx: Trx, actor: Actor, input: NewPerson): Promise<string> {
  const emails = [...new Set(input.emails)]
  const phones = [...new Set(input.phones)]
  const aliases = [...new Set(input.aliases)]
  const { id } = await trx
    .insertInto('person')
    .values({
      full_name: input.fullName,
      name_key: nameKey(input.fullName),
      date_of_birth: input.dateOfBirth ?? null,
      is_councillor: input.isCouncillor,
      merged_into: null,
      created_by: actor.id,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (aliases.length) {
    await trx
      .insertInto('person_alias')
      .values(aliases.map((alias) => ({ person_id: id, alias, name_key: nameKey(alias) })))
      .execute()
  }
  if (emails.length)
    await trx
      .insertInto('person_email')
      .values(emails.map((email) => ({ person_id: id, email })))
      .execute()
  if (phones.length)
    await trx
      .insertInto('person_phone')
      .values(phones.map((e164) => ({ person_id: id, e164 })))
      .execute()
  if (input.addresses.length) {
    await trx
      .insertInto('person_address')
      .values(
        input.addresses.map((a) => ({
          person_id: id,
          line1: a.line1,
          line2: a.line2 ?? null,
          town: a.town ?? null,
          postcode: a.postcode,
        })),
      )
      .execute()
  }
  if (input.adjustments.length) {
    await trx
      .insertInto('reasonable_adjustment')
      .values(
        input.adjustments.map((a) => ({
          person_id: id,
          need: a.need,
          agreed_adjustment: a.agreedAdjustment,
          agreed_on: a.agreedOn ?? null,
          last_reviewed_on: a.lastReviewedOn ?? null,
        })),
      )
      .execute()
  }
  await appendAuditEntry(trx, actor, {
    action: 'person.created',
    objectType: 'person',
    objectId: id,
    after: {
      fullName: input.fullName,
      aliases,
      emails,
      phones,
      postcodes: input.addresses.map((a) => a.postcode),
      dateOfBirth: input.dateOfBirth ?? null,
      isCouncillor: input.isCouncillor,
      adjustments: input.adjustments.length,
    },
  })
  return id
}

/** S5: links a representative (a separate person) to the person they act for, with the relationship and consent. */
export async function linkRepresentative(
  trx: Trx,
  actor: Actor,
  input: { personId: string; representativeId: string; relationship: string; consentRecorded: boolean },
): Promise<string> {
  if (input.personId === input.representativeId) {
    throw new Refusal(422, 'same_person', 'A person cannot represent themselves', {
      representativeId: 'Choose someone else as the representative',
    })
  }
  const { id } = await trx
    .insertInto('person_representative')
    .values({
      person_id: input.personId,
      representative_id: input.representativeId,
      relationship: input.relationship,
      consent_recorded: input.consentRecorded,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'representative.linked',
    objectType: 'person',
    objectId: input.personId,
    after: { ...input },
  })
  return id
}

/** P5: a reasonable adjustment agreed with the person (Equality Act 2010). */
export async function addAdjustment(
  trx: Trx,
  actor: Actor,
  personId: string,
  input: { need: string; agreedAdjustment: string; agreedOn?: string | undefined; lastReviewedOn?: string | undefined },
): Promise<string> {
  const { id } = await trx
    .insertInto('reasonable_adjustment')
    .values({
      person_id: personId,
      need: input.need,
      agreed_adjustment: input.agreedAdjustment,
      agreed_on: input.agreedOn ?? null,
      last_reviewed_on: input.lastReviewedOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'adjustment.recorded',
    objectType: 'person',
    objectId: personId,
    after: { adjustmentId: id, ...input },
  })
  return id
}
