import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import {
  challengeInTime,
  challengeRespondBy,
  checkChallengeDecider,
  checkChallengeReceived,
  checkNextReview,
} from '../../domain/procedure.ts'
import { restrictionStatus } from '../../domain/restrictions.ts'
import type { Role } from '../../domain/roles.ts'
import { notFound, Refusal, refused } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { issueLetter } from '../letters/letters.service.ts'
import { type ProcedureContext } from '../cases/context.ts'
import { challengeLetter, reviewLetter } from '../letters/procedure-letters.ts'
import { type ChallengeDecision, type NewChallenge, type NewReview } from './schema.ts'
import { findRestriction } from './restrictions.repository.ts'
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

/** F7: a review continues a restriction (with the next review date), varies it (by a new decision) or lifts it. */
export async function reviewRestriction(
  trx: Trx,
  actor: Staff,
  restrictionId: string,
  input: NewReview,
  ctx: ProcedureContext,
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
      restriction_id: restrictionId,
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
      .where('id', '=', restrictionId)
      .execute()
  } else if (input.nextReviewOn) {
    await trx
      .updateTable('restriction')
      .set({ review_on: input.nextReviewOn })
      .where('id', '=', restrictionId)
      .execute()
  }
  await appendAuditEntry(trx, actor, {
    action: 'restriction.reviewed',
    objectType: 'restriction',
    objectId: restrictionId,
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
    restrictionId,
    outcome: input.outcome,
    nextReviewOn: input.outcome === 'lift' ? null : (input.nextReviewOn ?? null),
    letterId: letter.id,
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
    issuedOn = restriction.proposal.noticeIssuedOn ?? restriction.proposal.interimImposedOn
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
  const content = await challengeLetter(trx, ctx, { challenge, decision: input, signatory: actor })
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
    })
    .where('id', '=', challengeId)
    .execute()
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
    after: { outcome: input.outcome, letterId: letter.id },
  })
  return { id: challengeId, outcome: input.outcome, letterId: letter.id }
}
