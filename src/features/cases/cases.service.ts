import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { checkCaseOpen, checkOpenCase, monitoringEndsOn, type CitedEvidence } from '../../domain/procedure.ts'
import { addWorkingDays } from '../../domain/working-days.ts'
import { notFound, Refusal, refused } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { issueLetter } from '../letters/letters.service.ts'
import { nextCaseReference } from './cases.repository.ts'
import { type ProcedureContext } from './context.ts'
import { warningLetter } from '../letters/procedure-letters.ts'
import type { NewCase, NewWarning } from './schema.ts'
import { restrictionStatus } from '../../domain/restrictions.ts'
import { restrictionsOfCase } from '../restrictions/restrictions.repository.ts'
import { bankHolidays } from '../bank-holidays/bank-holidays.repository.ts'
import { checkHeadOfService, heldService } from '../../domain/staff-services.ts'
import { servicesOfStaffUser } from '../staff/staff.repository.ts'

type Trx = Transaction<Database>
type Staff = Actor & { id: string }

async function ownedIds(
  trx: Trx,
  table: 'incident' | 'contact' | 'operational_arrangement',
  personId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return []
  const rows = await trx
    .selectFrom(table)
    .select('id')
    .where('id', 'in', [...ids])
    .where('person_id', '=', personId)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * F1: the relevant Head of Service (the Head of Service for the case's service) opens a case when business-as-usual
 * management has not worked. Refused for another service's case, for a Head of Service with no services recorded
 * (an administrator sets them first), and for S2, S3. The case is stored under the service's recorded spelling.
 */
export async function openCase(trx: Trx, actor: Staff, input: NewCase, ctx: ProcedureContext) {
  const held = await servicesOfStaffUser(trx, actor.id)
  const notTheirs = checkHeadOfService(held, input.service)
  if (notTheirs) throw refused(notTheirs)
  const service = heldService(held, input.service) ?? input.service
  const person = await trx
    .selectFrom('person')
    .select(['id', 'is_councillor'])
    .where('id', '=', input.personId)
    .where('merged_into', 'is', null)
    .executeTakeFirst()
  if (!person)
    throw new Refusal(422, 'unknown_person', 'There is no such person', { personId: 'There is no such person' })
  const incidentIds = [...new Set(input.incidentIds)]
  const contactIds = [...new Set(input.contactIds ?? [])]
  const arrangementIds = [...new Set(input.arrangementIds ?? [])]
  for (const [field, table, ids] of [
    ['incidentIds', 'incident', incidentIds],
    ['contactIds', 'contact', contactIds],
    ['arrangementIds', 'operational_arrangement', arrangementIds],
  ] as const) {
    const found = await ownedIds(trx, table, person.id, ids)
    if (found.length !== ids.length) {
      const message = `Choose only ${table === 'operational_arrangement' ? 'arrangements' : `${table}s`} recorded for this person`
      throw new Refusal(422, 'unknown_evidence', message, { [field]: message })
    }
  }
  if (incidentIds.length + contactIds.length === 0) {
    const message = 'Choose the incidents or contacts the case relies on (F1)'
    throw new Refusal(422, 'no_evidence', message, { incidentIds: message }, 'F1')
  }
  const evidence = await citedEvidence(trx, { incidentIds, contactIds })
  const refusal = checkOpenCase({ person: { isCouncillor: person.is_councillor }, evidence })
  if (refusal) throw refused(refusal)

  const reference = await nextCaseReference(trx, Number(ctx.today.slice(0, 4)))
  const { id } = await trx
    .insertInto('procedure_case')
    .values({
      reference,
      person_id: person.id,
      service,
      reason: input.reason,
      business_as_usual_measures: input.businessAsUsualMeasures,
      arrangement_ids: arrangementIds,
      incident_ids: incidentIds,
      contact_ids: contactIds,
      adjustments_considered: input.adjustmentsConsidered,
      opened_by: actor.id,
      opened_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'case.opened',
    objectType: 'case',
    objectId: id,
    reason: input.reason,
    after: {
      reference,
      personId: person.id,
      service,
      businessAsUsualMeasures: input.businessAsUsualMeasures,
      incidentIds,
      contactIds,
      arrangementIds,
      adjustmentsConsidered: input.adjustmentsConsidered,
    },
  })
  return { id, reference, status: 'open' as const }
}

/** The evidence cited, each with the matter it is about: a contact's matter, or an incident's contact's matter (S3). */
export async function citedEvidence(
  trx: Trx,
  cited: { incidentIds?: readonly string[]; contactIds?: readonly string[]; incidentField?: string },
): Promise<CitedEvidence[]> {
  const { incidentIds = [], contactIds = [], incidentField = 'incidentIds' } = cited
  const evidence: CitedEvidence[] = []
  if (incidentIds.length > 0) {
    const rows = await trx
      .selectFrom('incident as i')
      .leftJoin('contact as c', 'c.id', 'i.contact_id')
      .leftJoin('matter as m', 'm.id', 'c.matter_id')
      .select(['i.at', 'm.type', 'm.reference'])
      .where('i.id', 'in', [...incidentIds])
      .orderBy('i.at')
      .execute()
    for (const r of rows)
      evidence.push({
        field: incidentField,
        kind: 'incident',
        at: r.at,
        matterType: r.type,
        matterReference: r.reference,
      })
  }
  if (contactIds.length > 0) {
    const rows = await trx
      .selectFrom('contact as c')
      .leftJoin('matter as m', 'm.id', 'c.matter_id')
      .select(['c.at', 'm.type', 'm.reference'])
      .where('c.id', 'in', [...contactIds])
      .orderBy('c.at')
      .execute()
    for (const r of rows)
      evidence.push({
        field: 'contactIds',
        kind: 'contact',
        at: r.at,
        matterType: r.type,
        matterReference: r.reference,
      })
  }
  return evidence
}

export async function lockCase(trx: Trx, caseId: string) {
  const kase = await trx
    .selectFrom('procedure_case')
    .selectAll()
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst()
  if (!kase) throw notFound('Case')
  return kase
}

/** F2, F3: the warning, written to the person; monitoring runs for the set number of weeks. */
export async function issueWarning(trx: Trx, actor: Staff, caseId: string, input: NewWarning, ctx: ProcedureContext) {
  const kase = await lockCase(trx, caseId)
  const closed = checkCaseOpen(kase.status)
  if (closed) throw refused(closed)
  const weeks = input.monitoringWeeks ?? ctx.settings.monitoringWeeks
  const endsOn = monitoringEndsOn(ctx.today, weeks)
  const holidays = await bankHolidays(trx)
  const challengeBy = addWorkingDays(ctx.today, ctx.settings.challengeWorkingDays, holidays)
  const content = await warningLetter(trx, ctx, {
    kase,
    actor,
    warning: input,
    monitoringWeeks: weeks,
    monitoringEndsOn: endsOn,
    challengeBy,
  })
  const letter = await issueLetter(trx, actor, { caseId, personId: kase.person_id, content }, ctx.now)
  const { id } = await trx
    .insertInto('warning')
    .values({
      case_id: caseId,
      behaviour: input.behaviour,
      why_unacceptable: input.whyUnacceptable,
      change_requested: input.changeRequested,
      consequences: input.consequences,
      monitoring_weeks: weeks,
      issued_on: ctx.today,
      monitoring_ends_on: endsOn,
      letter_id: letter.id,
      issued_by: actor.id,
      issued_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'warning.issued',
    objectType: 'warning',
    objectId: id,
    after: {
      caseId,
      behaviour: input.behaviour,
      whyUnacceptable: input.whyUnacceptable,
      changeRequested: input.changeRequested,
      consequences: input.consequences,
      monitoringWeeks: weeks,
      monitoringEndsOn: endsOn,
      letterId: letter.id,
    },
  })
  return { id, letterId: letter.id, monitoringEndsOn: endsOn, challengeBy }
}

/** Closes a case once nothing in it is in force or awaiting a decision; its history stays at hand (F12). */
export async function closeCase(trx: Trx, actor: Staff, caseId: string, reason: string, ctx: ProcedureContext) {
  const kase = await lockCase(trx, caseId)
  if (kase.status === 'closed') throw new Refusal(409, 'case_closed', 'This case is already closed')
  const live = (await restrictionsOfCase(trx, caseId)).filter((r) =>
    ['awaiting_decision', 'approved', 'active'].includes(restrictionStatus(r.state, ctx.today)),
  )
  if (live.length > 0) {
    throw new Refusal(
      409,
      'restrictions_live',
      'A case cannot be closed while a restriction in it is in force or awaiting a decision: lift it at a review first',
      {},
      'F7',
    )
  }
  await trx
    .updateTable('procedure_case')
    .set({ status: 'closed', closed_by: actor.id, closed_at: ctx.now, closed_reason: reason })
    .where('id', '=', caseId)
    .execute()
  await appendAuditEntry(trx, actor, {
    action: 'case.closed',
    objectType: 'case',
    objectId: caseId,
    reason,
    before: { status: 'open' },
    after: { status: 'closed' },
  })
  return { id: caseId, status: 'closed' as const }
}
