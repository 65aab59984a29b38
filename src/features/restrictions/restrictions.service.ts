import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import {
  challengeInTime,
  challengeRespondBy,
  checkChallengeDecider,
  checkLessens,
  checkChallengeReceived,
  checkNextReview,
} from '../../domain/procedure.ts'
import { londonDate } from '../../domain/london-time.ts'
import { restrictionStatus } from '../../domain/restrictions.ts'
import type { Role } from '../../domain/roles.ts'
import { allows } from '../../domain/permissions.ts'
import { propose } from '../proposals/proposals.service.ts'
import { notFound, Refusal, refused } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { issueLetter } from '../letters/letters.service.ts'
import { type ProcedureContext } from '../cases/context.ts'
import { challengeLetter, reviewLetter } from '../letters/procedure-letters.ts'
import { type ChallengeDecision, type NewChallenge, type NewReview } from './schema.ts'
import { findRestriction, insertRestrictions, type RestrictionRow } from './restrictions.repository.ts'
import { involvedInCase } from '../proposals/proposals.repository.ts'
import { bankHolidays } from '../bank-holidays/bank-holidays.repository.ts'

type Trx = Transaction<Database>
type Staff = Actor & { id: string }

/** What a challenge is to: a restriction (F10), or a warning on its facts (F3). */
export type ChallengeTarget = { restrictionId: string } | { warningId: string }

async function lockRestriction(trx: Trx, id: string) {
  await trx.selectFrom('restriction').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
  const restriction = await findRestriction(trx, id)
  if (!restriction) throw notFound('Restriction')
  return restriction
}

/**
 * F7: a review continues a restriction (with the next review date), lifts it, or varies it. A variation is a new
 * decision (F4): the review opens a variation proposal with the new terms (or, from the review page, records that one
 * is to be proposed) and issues no letter, because nothing has changed yet; the old terms stay in force until the
 * variation's restriction letter is issued, which ends them (issueNotice).
 */
export async function reviewRestriction(
  trx: Trx,
  actor: Staff & { roles: readonly Role[] },
  restrictionId: string,
  input: NewReview,
  ctx: ProcedureContext,
  options: { variationProposedLater?: boolean } = {},
) {
  const restriction = await lockRestriction(trx, restrictionId)
  const status = restrictionStatus(restriction.state, ctx.today)
  if (status !== 'active') {
    throw new Refusal(
      409,
      'not_in_force',
      `Only a restriction in force can be reviewed; this one is ${status.replace('_', ' ')}`,
      {},
      'F7',
    )
  }
  if (input.outcome === 'continue' && !input.nextReviewOn) {
    const message = 'Enter the next review date (F7)'
    throw new Refusal(422, 'next_review_needed', message, { nextReviewOn: message }, 'F7')
  }
  if (input.nextReviewOn && input.outcome !== 'lift') {
    const refusal = checkNextReview(ctx.today, input.nextReviewOn, restriction.endsOn, ctx.settings)
    if (refusal) throw refused(refusal)
  }
  if (input.outcome === 'vary') return varyAtReview(trx, actor, restriction, input, ctx, options)
  const content = await reviewLetter(trx, ctx, { restriction, review: input, signatory: actor })
  const letter = await issueLetter(
    trx,
    actor,
    { caseId: restriction.caseId, personId: restriction.personId, content },
    ctx.now,
  )
  const { id } = await trx
    .insertInto('review')
    .values({
      restriction_id: restriction.id,
      outcome: input.outcome,
      reasons: input.reasons,
      next_review_on: input.outcome === 'lift' ? null : (input.nextReviewOn ?? null),
      letter_id: letter.id,
      reviewed_by: actor.id,
      reviewed_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.outcome === 'lift') {
    await trx
      .updateTable('restriction')
      .set({ lifted_on: ctx.today, lifted_reason: `Lifted at review: ${input.reasons}` })
      .where('id', '=', restriction.id)
      .execute()
  } else if (input.nextReviewOn) {
    await trx
      .updateTable('restriction')
      .set({ review_on: input.nextReviewOn })
      .where('id', '=', restriction.id)
      .execute()
  }
  await appendAuditEntry(trx, actor, {
    action: 'restriction.reviewed',
    objectType: 'restriction',
    objectId: restriction.id,
    reason: input.reasons,
    before: { status, reviewOn: restriction.reviewOn },
    after: {
      reviewId: id,
      outcome: input.outcome,
      nextReviewOn: input.nextReviewOn ?? null,
      liftedOn: input.outcome === 'lift' ? ctx.today : null,
      letterId: letter.id,
    },
  })
  return {
    id,
    restrictionId: restriction.id,
    outcome: input.outcome,
    nextReviewOn: input.outcome === 'lift' ? null : (input.nextReviewOn ?? null),
    letterId: letter.id as string | null,
    proposalId: null as string | null,
  }
}

/** F7, F4: a review that varies: recorded with no letter, and the new terms proposed to the decision-makers. */
async function varyAtReview(
  trx: Trx,
  actor: Staff & { roles: readonly Role[] },
  restriction: RestrictionRow,
  input: NewReview,
  ctx: ProcedureContext,
  options: { variationProposedLater?: boolean },
) {
  const variation = input.variation
  if (!variation && !options.variationProposedLater) {
    const message = 'Give the varied terms: a variation is proposed to the Chief Executive and the Monitoring Officer'
    throw new Refusal(422, 'variation_needed', message, { variation: message }, 'F7')
  }
  if (variation && !allows('proposals.make', actor.roles)) {
    throw new Refusal(
      403,
      'cannot_propose',
      'A variation is a new proposal, made by a case officer or a Head of Service: those who decide it may not propose it (F4)',
      {},
      'F4',
    )
  }
  const { id } = await trx
    .insertInto('review')
    .values({
      restriction_id: restriction.id,
      outcome: 'vary',
      reasons: input.reasons,
      next_review_on: input.nextReviewOn ?? null,
      letter_id: null,
      reviewed_by: actor.id,
      reviewed_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (input.nextReviewOn) {
    await trx
      .updateTable('restriction')
      .set({ review_on: input.nextReviewOn })
      .where('id', '=', restriction.id)
      .execute()
  }
  let proposalId: string | null = null
  if (variation) {
    const original = await trx
      .selectFrom('proposal')
      .select(['alternatives_considered', 'adjustments_considered'])
      .where('id', '=', restriction.proposalId)
      .executeTakeFirstOrThrow()
    const proposal = await propose(
      trx,
      actor,
      restriction.caseId,
      {
        restrictions: variation.restrictions,
        rationale: variation.rationale ?? input.reasons,
        alternativesConsidered:
          variation.alternativesConsidered ??
          `At the review: continuing the restriction unchanged, or lifting it. When it was decided: ${original.alternatives_considered}`,
        adjustmentsConsidered: variation.adjustmentsConsidered ?? original.adjustments_considered,
        adjustmentConflictJustification: variation.adjustmentConflictJustification,
        startsOn: variation.startsOn ?? ctx.today,
        endsOn: variation.endsOn ?? restriction.endsOn,
        reviewOn: variation.reviewOn ?? (restriction.reviewOn > ctx.today ? restriction.reviewOn : restriction.endsOn),
        supersedesRestrictionIds: [restriction.id],
        largePrint: input.largePrint,
      },
      ctx,
    )
    proposalId = proposal.id
    await trx.updateTable('review').set({ proposal_id: proposalId }).where('id', '=', id).execute()
  }
  await appendAuditEntry(trx, actor, {
    action: 'restriction.reviewed',
    objectType: 'restriction',
    objectId: restriction.id,
    reason: input.reasons,
    before: { status: 'active', reviewOn: restriction.reviewOn },
    after: { reviewId: id, outcome: 'vary', nextReviewOn: input.nextReviewOn ?? null, proposalId, letterId: null },
  })
  return {
    id,
    restrictionId: restriction.id,
    outcome: 'vary' as const,
    nextReviewOn: input.nextReviewOn ?? null,
    letterId: null as string | null,
    proposalId,
  }
}

/** F10: a challenge to a warning (on facts) or a restriction, answered within the working-day limit. */
export async function recordChallenge(
  trx: Trx,
  actor: Staff,
  target: ChallengeTarget,
  input: NewChallenge,
  ctx: ProcedureContext,
) {
  let caseId: string
  let issuedOn: string | null
  if ('restrictionId' in target) {
    const restriction = await findRestriction(trx, target.restrictionId)
    if (!restriction) throw notFound('Restriction')
    caseId = restriction.caseId
    issuedOn = await latestLetterOn(trx, restriction)
  } else {
    const warning = await trx
      .selectFrom('warning')
      .select(['case_id', 'issued_on'])
      .where('id', '=', target.warningId)
      .executeTakeFirst()
    if (!warning) throw notFound('Warning')
    caseId = warning.case_id
    issuedOn = warning.issued_on
  }
  if (issuedOn === null) {
    throw new Refusal(
      422,
      'not_notified',
      'The person has not been written to about this restriction yet, so there is nothing to challenge',
      {},
      'F9',
    )
  }
  const received = checkChallengeReceived(input.receivedOn, issuedOn, ctx.today)
  if (received) throw refused(received)
  const holidays = await bankHolidays(trx)
  const respondBy = challengeRespondBy(input.receivedOn, holidays, ctx.settings)
  const inTime = challengeInTime(issuedOn, input.receivedOn, holidays, ctx.settings)
  const { id } = await trx
    .insertInto('challenge')
    .values({
      case_id: caseId,
      restriction_id: 'restrictionId' in target ? target.restrictionId : null,
      warning_id: 'warningId' in target ? target.warningId : null,
      received_on: input.receivedOn,
      grounds: input.grounds,
      respond_by: respondBy,
      in_time: inTime,
      recorded_by: actor.id,
      recorded_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAuditEntry(trx, actor, {
    action: 'challenge.received',
    objectType: 'challenge',
    objectId: id,
    after: { caseId, ...target, receivedOn: input.receivedOn, grounds: input.grounds, respondBy, inTime },
  })
  return { id, respondBy, inTime }
}

/** F10: a senior reviewer who took no part decides; the outcome is written to the person. */
export async function decideChallenge(
  trx: Trx,
  actor: Staff & { roles: readonly Role[] },
  challengeId: string,
  input: ChallengeDecision,
  ctx: ProcedureContext,
) {
  const challenge = await trx
    .selectFrom('challenge')
    .selectAll()
    .where('id', '=', challengeId)
    .forUpdate()
    .executeTakeFirst()
  if (!challenge) throw notFound('Challenge')
  const involved = await involvedInCase(trx, challenge.case_id)
  const refusal = checkChallengeDecider(actor, involved, challenge.outcome !== null)
  if (refusal) throw refused(refusal)
  // F10: a challenge received after its window is not simply out of time: the reviewer says whether it is heard, and why
  // (no right of review at all is what the Ombudsman found at fault).
  if (!challenge.in_time) {
    if (input.heardLate === undefined || !input.heardLateReason?.trim()) {
      const message = 'This challenge arrived after its window: say whether you hear it anyway, and why'
      throw new Refusal(422, 'late_decision_needed', message, { heardLate: message }, 'F10')
    }
    if (!input.heardLate && input.outcome !== 'not_upheld') {
      const message = 'A late challenge that is not heard leaves the decision as it was: choose not upheld'
      throw new Refusal(422, 'late_not_heard', message, { outcome: message }, 'F10')
    }
  }
  const varied = input.outcome === 'varied' ? await lesserTerms(trx, actor, challenge, input, ctx) : undefined
  const content = await challengeLetter(trx, ctx, {
    challenge,
    decision: input,
    signatory: actor,
    variedRestrictionId: varied?.restrictionId,
  })
  const kase = await trx
    .selectFrom('procedure_case')
    .select('person_id')
    .where('id', '=', challenge.case_id)
    .executeTakeFirstOrThrow()
  const letter = await issueLetter(
    trx,
    actor,
    { caseId: challenge.case_id, personId: kase.person_id, content },
    ctx.now,
  )
  await trx
    .updateTable('challenge')
    .set({
      outcome: input.outcome,
      reasons: input.reasons,
      decided_by: actor.id,
      decided_at: ctx.now,
      letter_id: letter.id,
      heard_late: challenge.in_time ? null : (input.heardLate ?? null),
      heard_late_reason: challenge.in_time ? null : (input.heardLateReason ?? null),
    })
    .where('id', '=', challengeId)
    .execute()
  // F10: varied terms take effect with the outcome letter, and end the challenged restriction's.
  if (varied && challenge.restriction_id) {
    await trx
      .updateTable('proposal')
      .set({ notice_letter_id: letter.id, notice_issued_on: ctx.today })
      .where('id', '=', varied.proposalId)
      .execute()
    await trx
      .updateTable('restriction')
      .set({
        lifted_on: ctx.today,
        lifted_reason: `Varied on challenge: ${input.reasons}`,
        superseded_by: varied.proposalId,
      })
      .where('id', '=', challenge.restriction_id)
      .where('lifted_on', 'is', null)
      .execute()
  }
  // An upheld challenge ends what was challenged: the restriction is lifted, or the warning withdrawn.
  if (input.outcome === 'upheld' && challenge.restriction_id) {
    await trx
      .updateTable('restriction')
      .set({ lifted_on: ctx.today, lifted_reason: `Challenge upheld: ${input.reasons}` })
      .where('id', '=', challenge.restriction_id)
      .where('lifted_on', 'is', null)
      .execute()
  }
  if (input.outcome === 'upheld' && challenge.warning_id) {
    await trx
      .updateTable('warning')
      .set({ withdrawn_on: ctx.today, withdrawn_reason: `Challenge upheld: ${input.reasons}` })
      .where('id', '=', challenge.warning_id)
      .execute()
  }
  await appendAuditEntry(trx, actor, {
    action: 'challenge.decided',
    objectType: 'challenge',
    objectId: challengeId,
    reason: input.reasons,
    before: { outcome: null },
    after: {
      outcome: input.outcome,
      letterId: letter.id,
      variedBy: varied?.proposalId ?? null,
      ...(challenge.in_time
        ? {}
        : { heardLate: input.heardLate ?? null, heardLateReason: input.heardLateReason ?? null }),
    },
  })
  return {
    id: challengeId,
    outcome: input.outcome,
    letterId: letter.id,
    restrictionId: varied?.restrictionId ?? null,
  }
}

/**
 * F10: the date of the latest letter that imposed or continued a restriction: its restriction letter (or interim letter),
 * or a later review letter that continued it. Each such letter opens its own window to challenge.
 */
async function latestLetterOn(trx: Trx, restriction: RestrictionRow): Promise<string | null> {
  const imposed = restriction.proposal.noticeIssuedOn ?? restriction.proposal.interimImposedOn
  if (!imposed) return null
  const continued = await trx
    .selectFrom('review')
    .select('reviewed_at')
    .where('restriction_id', '=', restriction.id)
    .where('outcome', '=', 'continue')
    .orderBy('reviewed_at', 'desc')
    .executeTakeFirst()
  const continuedOn = continued ? londonDate(continued.reviewed_at) : null
  return continuedOn && continuedOn > imposed ? continuedOn : imposed
}

/**
 * F10: a challenge decided "varied" carries lesser terms for the challenged restriction. They are recorded as a
 * proposal of their own (its origin is the challenge, decided by the senior reviewer) with the new restriction, which
 * comes into force when the outcome letter is issued.
 */
async function lesserTerms(
  trx: Trx,
  actor: Staff,
  challenge: { id: string; restriction_id: string | null; case_id: string },
  input: ChallengeDecision,
  ctx: ProcedureContext,
): Promise<{ proposalId: string; restrictionId: string }> {
  if (!challenge.restriction_id) {
    const message =
      'A warning is challenged on its facts: the challenge is upheld (the warning withdrawn) or not upheld'
    throw new Refusal(422, 'warning_not_varied', message, { outcome: message }, 'F10')
  }
  const variation = input.variation
  const spec = variation?.restrictions[0]
  if (!variation || !spec || variation.restrictions.length !== 1) {
    const message = 'Give the varied terms of the challenged restriction: one restriction, which may only lessen it'
    throw new Refusal(422, 'variation_needed', message, { variation: message }, 'F10')
  }
  const before = await findRestriction(trx, challenge.restriction_id)
  if (!before) throw notFound('Restriction')
  if (restrictionStatus(before.state, ctx.today) !== 'active') {
    throw new Refusal(409, 'not_in_force', 'Only a restriction in force can be varied on challenge', {}, 'F10')
  }
  const endsOn = variation.endsOn ?? before.endsOn
  const lesser = checkLessens({ spec: before.spec, endsOn: before.endsOn }, { spec, endsOn })
  if (lesser) throw refused(lesser)
  const reviewOn = variation.reviewOn ?? (before.reviewOn < endsOn ? before.reviewOn : endsOn)
  const dates = checkNextReview(ctx.today, reviewOn, endsOn, ctx.settings)
  if (dates) throw refused(dates)
  const original = await trx
    .selectFrom('proposal')
    .selectAll()
    .where('id', '=', before.proposalId)
    .executeTakeFirstOrThrow()
  const { id: proposalId } = await trx
    .insertInto('proposal')
    .values({
      case_id: challenge.case_id,
      person_id: before.personId,
      rationale: `Varied on challenge: ${input.reasons}`,
      alternatives_considered: original.alternatives_considered,
      adjustments_considered: original.adjustments_considered,
      adjustment_conflict_justification: original.adjustment_conflict_justification,
      starts_on: ctx.today,
      ends_on: endsOn,
      review_on: reviewOn,
      supersedes: [before.id],
      status: 'approved',
      proposed_by: actor.id,
      proposed_at: ctx.now,
      challenge_id: challenge.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const [restrictionId = ''] = await insertRestrictions(trx, [spec], {
    proposalId,
    caseId: challenge.case_id,
    personId: before.personId,
    startsOn: ctx.today,
    endsOn,
    reviewOn,
  })
  return { proposalId, restrictionId }
}
