import { decisionRoles } from '../../domain/roles.ts'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import {
  composeChallengeOutcomeLetter,
  composeEndOfRestrictionLetter,
  composeInterimRestrictionLetter,
  composeRestrictionLetter,
  composeReviewOutcomeLetter,
  composeWarningLetter,
  type CommonLetterFacts,
  type LetterContent,
  type RestrictionForLetter,
  type Signatory,
} from '../../domain/letters.ts'
import { roleNames, type Role } from '../../domain/roles.ts'
import { addWorkingDays } from '../../domain/working-days.ts'
import { ombudsmen } from '../../domain/nations.ts'
import { sameService } from '../../domain/staff-services.ts'
import { restrictionNames } from '../restrictions/restriction-names.ts'
import type { ProcedureCaseTable } from '../../db/tables/cases.ts'
import type { ProposalTable } from '../../db/tables/proposals.ts'
import type { ChallengeTable } from '../../db/tables/restrictions.ts'
import type { ProcedureContext } from '../cases/context.ts'
import type { NewWarning } from '../cases/schema.ts'
import type { Selectable } from 'kysely'
import { type ChallengeDecision, type NewReview } from '../restrictions/schema.ts'
import {
  findRestriction,
  restrictionsOfPerson,
  restrictionsOfProposal,
  type RestrictionRow,
} from '../restrictions/restrictions.repository.ts'
import { inForce } from '../../domain/restrictions.ts'
import { bankHolidays } from '../bank-holidays/bank-holidays.repository.ts'
import { letterRecipient, wantsLargePrint } from './letters.repository.ts'
import { latestWarningInForce } from '../cases/cases.repository.ts'

// Gathers the facts each letter needs from the record and has the domain word them (F3, F8, F9, F7, F10).

type Trx = Transaction<Database>

/** One item per line that staff typed (a list of changes or consequences), or the whole text as one item. */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean)

async function common(
  trx: Trx,
  ctx: ProcedureContext,
  caseId: string,
  personId: string,
  largePrint: boolean | undefined,
): Promise<CommonLetterFacts & { caseReference: string }> {
  const kase = await trx
    .selectFrom('procedure_case')
    .select(['reference', 'service'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  const recipient = await letterRecipient(trx, personId)
  return {
    councilName: ctx.council.name,
    returnAddressLines: ctx.council.addressLines,
    // Issue 14: the case's service's own contact details where the council has set them, else the council's.
    contactRoute:
      ctx.council.serviceContacts?.find((s) => sameService(s.service, kase.service))?.contact ?? ctx.council.contact,
    ombudsman: ombudsmen[ctx.council.nation ?? 'england'], // issue 14: the council's nation's
    reference: kase.reference,
    caseReference: kase.reference,
    date: ctx.today,
    recipient,
    largePrint: largePrint ?? (await wantsLargePrint(trx, personId)),
  }
}

/**
 * F9: the person's restrictions of other decisions in force today, but not those this letter is about (`except`: their
 * proposals or restrictions): what the letter says is still open must count them too.
 */
async function otherRestrictionsInForce(
  trx: Trx,
  ctx: ProcedureContext,
  personId: string,
  except: { proposalIds?: readonly string[]; restrictionIds?: readonly (string | null | undefined)[] },
): Promise<RestrictionForLetter[]> {
  const rows = await restrictionsOfPerson(trx, personId)
  const others = rows.filter(
    (r) =>
      inForce(r.state, ctx.today) &&
      !(except.proposalIds ?? []).includes(r.proposalId) &&
      !(except.restrictionIds ?? []).includes(r.id),
  )
  return restrictionNames(trx, others)
}

/** A staff member as a letter signs for them: name and the role they act in. */
export async function signatoryOf(trx: Trx, staffId: string, prefer: readonly Role[]): Promise<Signatory> {
  const staff = await trx
    .selectFrom('staff_user')
    .select(['name', 'job_title'])
    .where('id', '=', staffId)
    .executeTakeFirstOrThrow()
  const held = (await trx.selectFrom('staff_role').select('role').where('staff_user_id', '=', staffId).execute()).map(
    (r) => r.role as Role,
  )
  const role = prefer.find((r) => held.includes(r)) ?? held[0]
  // Issue 14: their job title as the council calls it ("Head of Housing"), else the name of the role they sign in.
  return { name: staff.name, role: staff.job_title ?? (role ? roleNames[role].name : 'Officer') }
}

export async function warningLetter(
  trx: Trx,
  ctx: ProcedureContext,
  facts: {
    kase: Selectable<ProcedureCaseTable>
    actor: { id: string }
    warning: NewWarning
    monitoringWeeks: number
    monitoringEndsOn: string
    challengeBy: string
  },
): Promise<LetterContent> {
  const base = await common(trx, ctx, facts.kase.id, facts.kase.person_id, facts.warning.largePrint)
  return composeWarningLetter({
    ...base,
    behaviour: lines(facts.warning.behaviour).map((description) => ({ description })),
    whyUnacceptable: lines(facts.warning.whyUnacceptable),
    changeRequested: lines(facts.warning.changeRequested),
    consequences: lines(facts.warning.consequences),
    monitoringWeeks: facts.monitoringWeeks,
    monitoringEndsOn: facts.monitoringEndsOn,
    challengeBy: facts.challengeBy,
    signatory: await signatoryOf(trx, facts.actor.id, ['head_of_service', 'case_officer']),
  })
}

async function deciders(trx: Trx, proposalId: string): Promise<Signatory[]> {
  const decisions = await trx
    .selectFrom('decision')
    .select(['decided_by', 'role'])
    .where('proposal_id', '=', proposalId)
    .orderBy('role')
    .execute()
  return Promise.all(decisions.map((d) => signatoryOf(trx, d.decided_by, [d.role])))
}

/** The warning facts a restriction letter states (F2, F9). */
async function warningFacts(trx: Trx, caseId: string) {
  const warning = await latestWarningInForce(trx, caseId)
  return { warningSentOn: warning?.issuedOn, recordedSinceWarning: warning?.recordedSince ?? 0 }
}

export async function restrictionLetter(
  trx: Trx,
  ctx: ProcedureContext,
  facts: { proposal: Selectable<ProposalTable>; largePrint: boolean | undefined },
): Promise<LetterContent> {
  const { proposal } = facts
  const base = await common(trx, ctx, proposal.case_id, proposal.person_id, facts.largePrint)
  const holidays = await bankHolidays(trx)
  const startsOn = proposal.starts_on > ctx.today ? proposal.starts_on : ctx.today
  return composeRestrictionLetter({
    ...base,
    // F9: the reasons written to the person; the rationale (for the decision-makers) only where none were given.
    rationale: lines(proposal.letter_reasons ?? proposal.rationale),
    ...(await warningFacts(trx, proposal.case_id)),
    restrictions: await restrictionNames(trx, await restrictionsOfProposal(trx, proposal.id)),
    startsOn,
    endsOn: proposal.ends_on,
    reviewOn: proposal.review_on,
    challengeBy: addWorkingDays(ctx.today, ctx.settings.challengeWorkingDays, holidays),
    // A variation or an extension ends the restrictions it supersedes with this letter.
    otherRestrictions: await otherRestrictionsInForce(trx, ctx, proposal.person_id, {
      proposalIds: [proposal.id],
      restrictionIds: proposal.supersedes,
    }),
    signatories: await deciders(trx, proposal.id),
  })
}

export async function interimLetter(
  trx: Trx,
  ctx: ProcedureContext,
  facts: {
    proposal: Selectable<ProposalTable>
    ratifyBy: string
    signatory: { id: string }
    largePrint: boolean | undefined
  },
): Promise<LetterContent> {
  const { proposal } = facts
  const base = await common(trx, ctx, proposal.case_id, proposal.person_id, facts.largePrint)
  const holidays = await bankHolidays(trx)
  return composeInterimRestrictionLetter({
    ...base,
    // F9: the reasons written to the person say it all; without them, the justification and the rationale.
    rationale: proposal.letter_reasons ? [] : lines(proposal.rationale),
    immediateRiskSummary: lines(proposal.letter_reasons ?? proposal.immediate_risk_justification ?? ''),
    ...(await warningFacts(trx, proposal.case_id)),
    restrictions: await restrictionNames(trx, await restrictionsOfProposal(trx, proposal.id)),
    startsOn: ctx.today,
    endsOn: proposal.ends_on,
    reviewOn: proposal.review_on,
    ratifyBy: facts.ratifyBy,
    challengeBy: addWorkingDays(ctx.today, ctx.settings.challengeWorkingDays, holidays),
    otherRestrictions: await otherRestrictionsInForce(trx, ctx, proposal.person_id, { proposalIds: [proposal.id] }),
    signatories: [await signatoryOf(trx, facts.signatory.id, decisionRoles)],
  })
}

export async function endOfRestrictionLetter(
  trx: Trx,
  ctx: ProcedureContext,
  facts: {
    caseId: string
    personId: string
    proposalId: string
    signatory: { id: string }
    reason: 'lifted' | 'lapsed' | 'not_ratified' | 'challenge_upheld'
    reasons: string
    /** F8: the last day it was in force, when that was before today (an interim restriction's ratify-by date). */
    endedOn?: string | undefined
  },
): Promise<LetterContent> {
  const base = await common(trx, ctx, facts.caseId, facts.personId, undefined)
  return composeEndOfRestrictionLetter({
    ...base,
    reason: facts.reason,
    endedOn: facts.endedOn ?? ctx.today,
    reasons: lines(facts.reasons),
    restrictions: await restrictionNames(trx, await restrictionsOfProposal(trx, facts.proposalId)),
    otherRestrictions: await otherRestrictionsInForce(trx, ctx, facts.personId, { proposalIds: [facts.proposalId] }),
    signatories: [await signatoryOf(trx, facts.signatory.id, decisionRoles)],
  })
}

export async function reviewLetter(
  trx: Trx,
  ctx: ProcedureContext,
  facts: { restriction: RestrictionRow; review: NewReview; signatory: { id: string } },
): Promise<LetterContent> {
  const { restriction, review } = facts
  const base = await common(trx, ctx, restriction.caseId, restriction.personId, review.largePrint)
  return composeReviewOutcomeLetter({
    ...base,
    outcome: review.outcome,
    reasons: lines(review.reasons),
    restrictions: review.outcome === 'lift' ? [] : await restrictionNames(trx, [restriction]),
    endsOn: review.outcome === 'lift' ? ctx.today : restriction.endsOn,
    nextReviewOn: review.outcome === 'lift' ? undefined : review.nextReviewOn,
    // F10: a letter that continues a restriction opens its own window to challenge it.
    challengeBy:
      review.outcome === 'lift'
        ? undefined
        : addWorkingDays(ctx.today, ctx.settings.challengeWorkingDays, await bankHolidays(trx)),
    otherRestrictions: await otherRestrictionsInForce(trx, ctx, restriction.personId, {
      restrictionIds: [restriction.id],
    }),
    signatories: [await signatoryOf(trx, facts.signatory.id, ['head_of_service', ...decisionRoles])],
  })
}

export async function challengeLetter(
  trx: Trx,
  ctx: ProcedureContext,
  facts: {
    challenge: Selectable<ChallengeTable>
    decision: ChallengeDecision
    signatory: { id: string }
    /** F10: the restriction with the lesser terms, when the challenge is decided "varied". */
    variedRestrictionId?: string | undefined
  },
): Promise<LetterContent> {
  const { challenge, decision } = facts
  const kase = await trx
    .selectFrom('procedure_case')
    .select('person_id')
    .where('id', '=', challenge.case_id)
    .executeTakeFirstOrThrow()
  const base = await common(trx, ctx, challenge.case_id, kase.person_id, decision.largePrint)
  let restrictions: RestrictionForLetter[] | undefined
  let challengedLetterDate: string | undefined
  let endsOn: string | undefined
  let reviewOn: string | undefined
  if (challenge.restriction_id) {
    const rows = await trx
      .selectFrom('restriction as r')
      .innerJoin('proposal as p', 'p.id', 'r.proposal_id')
      .select(['r.proposal_id', 'p.notice_issued_on', 'p.interim_imposed_on', 'r.ends_on', 'r.review_on'])
      .where('r.id', '=', challenge.restriction_id)
      .executeTakeFirstOrThrow()
    challengedLetterDate = rows.notice_issued_on ?? rows.interim_imposed_on ?? undefined
    if (decision.outcome !== 'upheld') {
      // Varied: the lesser terms now in force; not upheld: the terms as they were.
      const shown = facts.variedRestrictionId ?? challenge.restriction_id
      const row = await findRestriction(trx, shown)
      restrictions = row ? await restrictionNames(trx, [row]) : []
      endsOn = row?.endsOn ?? rows.ends_on
      reviewOn = row?.reviewOn ?? rows.review_on
    }
  } else if (challenge.warning_id) {
    const warning = await trx
      .selectFrom('warning')
      .select('issued_on')
      .where('id', '=', challenge.warning_id)
      .executeTakeFirstOrThrow()
    challengedLetterDate = warning.issued_on
  }
  const late = challenge.in_time
    ? undefined
    : { heard: decision.heardLate ?? false, reason: lines(decision.heardLateReason ?? '') }
  return composeChallengeOutcomeLetter({
    ...base,
    late,
    about: challenge.restriction_id ? 'restriction' : 'warning',
    outcome: decision.outcome,
    reasons: lines(decision.reasons),
    receivedOn: challenge.received_on,
    challengedLetterDate,
    restrictions,
    endsOn,
    reviewOn,
    otherRestrictions: challenge.restriction_id
      ? await otherRestrictionsInForce(trx, ctx, kase.person_id, {
          restrictionIds: [challenge.restriction_id, facts.variedRestrictionId],
        })
      : undefined,
    signatory: await signatoryOf(trx, facts.signatory.id, ['senior_reviewer']),
  })
}
