import type { Selectable, Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import {
  adjustmentConflicts,
  checkDecision,
  checkInterim,
  checkNotice,
  checkProposal,
  proposalStatusAfter,
  ratifyBy,
} from '../../domain/procedure.ts'
import type { Role } from '../../domain/roles.ts'
import type { MatterType } from '../../domain/matters.ts'
import type { Json } from '../../domain/audit-chain.ts'
import type { LetterContent } from '../../domain/letters.ts'
import { notFound, Refusal, refused } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { issueLetter } from '../letters/letters.service.ts'
import { lockCase } from '../cases/cases.service.ts'
import { latestWarningInForce } from '../cases/cases.repository.ts'
import { type ProcedureContext } from '../cases/context.ts'
import { endOfRestrictionLetter, interimLetter, restrictionLetter } from '../letters/procedure-letters.ts'
import type { ProposalTable } from '../../db/tables/proposals.ts'
import { restrictionStatus, type RestrictionSpec } from '../../domain/restrictions.ts'
import type { NewDecision, NewProposal } from './schema.ts'
import { insertRestrictions, restrictionsOfPerson } from '../restrictions/restrictions.repository.ts'
import { decisionsOf } from './proposals.repository.ts'
import { bankHolidays } from '../bank-holidays/bank-holidays.repository.ts'

type Trx = Transaction<Database>
type Staff = Actor & { id: string }
type Decider = Staff & { roles: readonly Role[] }

/** F5–F8, P5, P6: a proposal of one or more restrictions, for the Chief Executive and the Monitoring Officer. */
export async function propose(trx: Trx, actor: Staff, caseId: string, input: NewProposal, ctx: ProcedureContext) {
  const kase = await lockCase(trx, caseId)
  const person = await trx
    .selectFrom('person')
    .select(['id', 'is_councillor'])
    .where('id', '=', kase.person_id)
    .executeTakeFirstOrThrow()
  const specs: RestrictionSpec[] = input.restrictions
  const warnings = await trx
    .selectFrom('warning')
    .select('id')
    .where('case_id', '=', caseId)
    .where('withdrawn_on', 'is', null)
    .execute()

  // Every id a restriction names must be of this person, or of an active staff user.
  const closedMatters: {
    index: number
    type: MatterType
    status: 'open' | 'closed'
    processExhausted: boolean
  }[] = []
  for (const [index, spec] of specs.entries()) {
    if (spec.type === 'matter_closed') {
      const matter = await trx
        .selectFrom('matter')
        .select(['type', 'status', 'process_exhausted'])
        .where('id', '=', spec.matterId)
        .where('person_id', '=', person.id)
        .executeTakeFirst()
      if (!matter) {
        const message = 'Choose a matter of this person'
        throw new Refusal(422, 'unknown_matter', message, { [`restrictions.${index}.matterId`]: message })
      }
      closedMatters.push({
        index,
        type: matter.type,
        status: matter.status,
        processExhausted: matter.process_exhausted,
      })
    }
    if (spec.type === 'named_contact') {
      for (const [field, id] of [
        ['staffUserId', spec.staffUserId],
        ['deputyStaffUserId', spec.deputyStaffUserId],
      ] as const) {
        if (id === undefined) continue
        const staff = await trx
          .selectFrom('staff_user')
          .select('id')
          .where('id', '=', id)
          .where('disabled_at', 'is', null)
          .executeTakeFirst()
        if (!staff) {
          const message = 'Choose an active member of staff'
          throw new Refusal(422, 'unknown_staff', message, { [`restrictions.${index}.${field}`]: message })
        }
      }
      if (spec.deputyStaffUserId === spec.staffUserId) {
        const message = 'The deputy must be a different officer'
        throw new Refusal(422, 'same_deputy', message, { [`restrictions.${index}.deputyStaffUserId`]: message })
      }
    }
  }
  // F8: an immediate risk rests on a recorded incident of that severity, not on free text alone.
  if (input.immediateRisk) {
    const incidentId = input.immediateRisk.incidentId
    const incident = incidentId
      ? await trx
          .selectFrom('incident')
          .select('severity')
          .where('id', '=', incidentId)
          .where('person_id', '=', person.id)
          .executeTakeFirst()
      : undefined
    if (!incidentId || !incident || incident.severity !== 'immediate_risk') {
      const message = incident
        ? 'Choose an incident recorded as an immediate risk to safety: this one was recorded with a lower severity'
        : 'Choose the incident of immediate risk to staff this rests on. Record it first, with the severity "immediate risk to safety"'
      throw new Refusal(422, 'immediate_risk_incident', message, { 'immediateRisk.incidentId': message }, 'F8')
    }
  }
  const supersedes = [...new Set(input.supersedesRestrictionIds ?? [])]
  if (supersedes.length > 0) {
    const mine = new Set((await restrictionsOfPerson(trx, person.id)).map((r) => r.id))
    if (!supersedes.every((id) => mine.has(id))) {
      const message = 'Choose restrictions of this person to replace'
      throw new Refusal(422, 'unknown_restriction', message, { supersedesRestrictionIds: message })
    }
  }
  const adjustments = await trx
    .selectFrom('reasonable_adjustment')
    .select(['id', 'need', 'agreed_adjustment'])
    .where('person_id', '=', person.id)
    .execute()
  const conflicts = adjustmentConflicts(
    specs,
    adjustments.map((a) => ({ id: a.id, need: a.need, agreedAdjustment: a.agreed_adjustment })),
  )
  const sinceWarning = await latestWarningInForce(trx, caseId)
  const refusal = checkProposal(
    {
      caseStatus: kase.status,
      warningsInForce: warnings.length,
      sinceWarning,
      varies: supersedes.length > 0,
      sinceWarningJustification: input.sinceWarningJustification ?? null,
      immediateRisk: input.immediateRisk !== undefined,
      isCouncillor: person.is_councillor,
      restrictions: specs,
      closedMatters,
      conflicts,
      adjustmentConflictJustification: input.adjustmentConflictJustification ?? null,
    },
    input,
    ctx.today,
    ctx.settings,
  )
  if (refusal) throw refused(refusal)

  const { id } = await trx
    .insertInto('proposal')
    .values({
      case_id: caseId,
      person_id: person.id,
      rationale: input.rationale,
      letter_reasons: input.letterReasons?.trim() || null,
      alternatives_considered: input.alternativesConsidered,
      adjustments_considered: input.adjustmentsConsidered,
      adjustment_conflict_justification: conflicts.length > 0 ? (input.adjustmentConflictJustification ?? null) : null,
      since_warning_justification: input.sinceWarningJustification?.trim() || null,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      review_on: input.reviewOn,
      immediate_risk_justification: input.immediateRisk?.justification ?? null,
      immediate_risk_incident_id: input.immediateRisk?.incidentId ?? null,
      police_reference: input.immediateRisk?.policeReference || null,
      legal_action: input.immediateRisk?.legalAction || null,
      supersedes,
      proposed_by: actor.id,
      proposed_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const restrictionIds = await insertRestrictions(trx, specs, {
    proposalId: id,
    caseId,
    personId: person.id,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    reviewOn: input.reviewOn,
  })
  // F7: a review that decided to vary one of these restrictions now has its variation proposal.
  if (supersedes.length > 0) {
    await trx
      .updateTable('review')
      .set({ proposal_id: id })
      .where('restriction_id', 'in', supersedes)
      .where('outcome', '=', 'vary')
      .where('proposal_id', 'is', null)
      .execute()
  }
  await appendAuditEntry(trx, actor, {
    action: 'proposal.made',
    objectType: 'proposal',
    objectId: id,
    reason: input.rationale,
    after: {
      caseId,
      restrictions: JSON.parse(
        JSON.stringify(specs.map((spec, i) => ({ id: restrictionIds[i] ?? null, ...spec }))),
      ) as Json,
      letterReasons: input.letterReasons?.trim() || null,
      alternativesConsidered: input.alternativesConsidered,
      adjustmentsConsidered: input.adjustmentsConsidered,
      adjustmentConflicts: conflicts.map((c) => c.text),
      adjustmentConflictJustification: input.adjustmentConflictJustification ?? null,
      recordedSinceWarning: sinceWarning?.recordedSince ?? null,
      sinceWarningJustification: input.sinceWarningJustification?.trim() || null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      reviewOn: input.reviewOn,
      immediateRisk: input.immediateRisk ?? null,
      supersedes,
    },
  })
  return { id, status: 'awaiting_decision' as const, restrictionIds }
}

/** A letter about the proposal, on its case and to its person. */
function issueProposalLetter(
  trx: Trx,
  actor: Staff,
  proposal: { case_id: string; person_id: string },
  content: LetterContent,
  ctx: ProcedureContext,
) {
  return issueLetter(trx, actor, { caseId: proposal.case_id, personId: proposal.person_id, content }, ctx.now)
}

export async function lockProposal(trx: Trx, proposalId: string) {
  const proposal = await trx
    .selectFrom('proposal')
    .selectAll()
    .where('id', '=', proposalId)
    .forUpdate()
    .executeTakeFirst()
  if (!proposal) throw notFound('Proposal')
  return proposal
}

/**
 * F4: the Chief Executive's or the Monitoring Officer's decision. The proposal row is locked first, so two decisions
 * arriving together are taken one after the other; the unique constraints are the last line.
 */
export async function decide(trx: Trx, actor: Decider, proposalId: string, input: NewDecision, ctx: ProcedureContext) {
  const proposal = await lockProposal(trx, proposalId)
  const recorded = await decisionsOf(trx, proposalId)
  const decisions = recorded.map((d) => ({ role: d.role, decidedBy: d.decided_by, decision: d.decision }))
  const outcome = checkDecision(
    {
      proposalStatus: proposal.status,
      proposedBy: proposal.proposed_by,
      decisions,
      ratifyBy: proposal.interim_imposed_on ? proposal.ratify_by : null,
    },
    actor,
    ctx.today,
  )
  if ('rule' in outcome) throw refused(outcome)
  const { id } = await trx
    .insertInto('decision')
    .values({
      proposal_id: proposalId,
      role: outcome.role,
      decided_by: actor.id,
      decision: input.decision,
      reasons: input.reasons,
      counterweights_considered: input.counterweightsConsidered || null,
      decided_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const status = proposalStatusAfter([
    ...decisions,
    { role: outcome.role, decidedBy: actor.id, decision: input.decision },
  ])
  if (status !== proposal.status) {
    await trx.updateTable('proposal').set({ status }).where('id', '=', proposalId).execute()
  }
  let letterId: string | null = null
  // F8: an interim restriction that a decision-maker rejects ends at once, and the person is told.
  if (status === 'rejected' && proposal.interim_imposed_on !== null) {
    const content = await endOfRestrictionLetter(trx, ctx, {
      caseId: proposal.case_id,
      personId: proposal.person_id,
      proposalId,
      signatory: actor,
      reason: 'not_ratified',
      reasons: input.reasons,
    })
    letterId = (await issueProposalLetter(trx, actor, proposal, content, ctx)).id
    // F8, F9: the end letter is recorded on the proposal, so the lapse job never writes a second one.
    await trx.updateTable('proposal').set({ interim_end_letter_id: letterId }).where('id', '=', proposalId).execute()
  }
  // K4: after the decision's last write, so the entry vouches for the rows as the decision left them (issue 12).
  await appendAuditEntry(trx, actor, {
    action: 'decision.recorded',
    objectType: 'proposal',
    objectId: proposalId,
    reason: input.reasons,
    before: { status: proposal.status },
    after: { decisionId: id, role: outcome.role, decision: input.decision, status },
  })
  return { id, proposalId, role: outcome.role, decision: input.decision, proposalStatus: status, letterId }
}

/** F9: the restriction letter, once both have approved. Only then are the restrictions in force, from their start. */
export async function issueNotice(
  trx: Trx,
  actor: Staff,
  proposalId: string,
  options: { largePrint?: boolean | undefined },
  ctx: ProcedureContext,
) {
  const proposal = await lockProposal(trx, proposalId)
  const refusal = checkNotice({ status: proposal.status, noticeIssuedOn: proposal.notice_issued_on })
  if (refusal) throw refused(refusal)
  const content = await restrictionLetter(trx, ctx, { proposal, largePrint: options.largePrint })
  const letter = await issueProposalLetter(trx, actor, proposal, content, ctx)
  await trx
    .updateTable('proposal')
    .set({ notice_letter_id: letter.id, notice_issued_on: ctx.today })
    .where('id', '=', proposalId)
    .execute()
  const inForceFrom = proposal.starts_on > ctx.today ? proposal.starts_on : ctx.today
  // A new decision that replaces earlier restrictions (a variation or an extension, F7) ends them when it takes effect.
  for (const restrictionId of proposal.supersedes) {
    await trx
      .updateTable('restriction')
      .set({ lifted_on: inForceFrom, lifted_reason: 'Replaced by a new decision', superseded_by: proposalId })
      .where('id', '=', restrictionId)
      .where('lifted_on', 'is', null)
      .execute()
  }
  await appendAuditEntry(trx, actor, {
    action: 'restriction.notified',
    objectType: 'proposal',
    objectId: proposalId,
    after: {
      letterId: letter.id,
      noticeIssuedOn: ctx.today,
      startsOn: proposal.starts_on,
      supersedes: proposal.supersedes,
    },
  })
  return { letterId: letter.id, inForceFrom }
}

/** F8: why `actor` may not impose this proposal's restrictions at once; null when they may. */
export function interimRefusal(proposal: Selectable<ProposalTable>, actor: Decider) {
  return checkInterim(
    {
      status: proposal.status,
      proposedBy: proposal.proposed_by,
      immediateRisk: proposal.immediate_risk_justification !== null,
      interimImposedOn: proposal.interim_imposed_on,
    },
    actor,
  )
}

/** F8: an interim restriction imposed at once, written to the person; both decision-makers ratify it in time or it ends. */
export async function imposeInterim(
  trx: Trx,
  actor: Decider,
  proposalId: string,
  options: { largePrint?: boolean | undefined },
  ctx: ProcedureContext,
) {
  const proposal = await lockProposal(trx, proposalId)
  const refusal = interimRefusal(proposal, actor)
  if (refusal) throw refused(refusal)
  const holidays = await bankHolidays(trx)
  const deadline = ratifyBy(ctx.today, holidays, ctx.settings)
  const content = await interimLetter(trx, ctx, {
    proposal,
    ratifyBy: deadline,
    signatory: actor,
    largePrint: options.largePrint,
  })
  const letter = await issueProposalLetter(trx, actor, proposal, content, ctx)
  await trx
    .updateTable('proposal')
    .set({
      interim_imposed_by: actor.id,
      interim_imposed_on: ctx.today,
      interim_letter_id: letter.id,
      ratify_by: deadline,
    })
    .where('id', '=', proposalId)
    .execute()
  await appendAuditEntry(trx, actor, {
    action: 'restriction.interim_imposed',
    objectType: 'proposal',
    objectId: proposalId,
    reason: proposal.immediate_risk_justification,
    after: { letterId: letter.id, imposedOn: ctx.today, ratifyBy: deadline },
  })
  return { letterId: letter.id, ratifyBy: deadline }
}

export { restrictionStatus }
