// The formal procedure as a state machine (F1–F12, P5, P6, S2, S3). Pure: each step takes what the record says and
// returns either nothing (allowed) or the refusal with the rule that refuses it. Services apply these inside one
// transaction; the pages and the API show the same refusals.
import { joinAnd, longDate } from './letter-wording.ts'
import { londonDate } from './london-time.ts'
import { decisionRoleNames, decisionRoles, type DecisionRole, type Role } from './roles.ts'
import type { MatterType } from './matters.ts'
import { restrictionChannelNames, type RestrictionChannel, type RestrictionSpec } from './restrictions.ts'
import { addMonths, addWorkingDays } from './working-days.ts'

export interface ProcedureRefusal {
  status: 403 | 409 | 422
  code: string
  rule: string
  message: string
  field?: string
}

const refuse = (
  status: ProcedureRefusal['status'],
  code: string,
  rule: string,
  message: string,
  field?: string,
): ProcedureRefusal => (field === undefined ? { status, code, rule, message } : { status, code, rule, message, field })

/** The procedure's settings (rules.md marks each "setting"); defaults as the rules give them. */
export interface ProcedureSettings {
  maxRestrictionMonths: number
  firstReviewWithinMonths: number
  monitoringWeeks: number
  challengeWorkingDays: number
  ratificationWorkingDays: number
}

export const defaultProcedureSettings: ProcedureSettings = {
  maxRestrictionMonths: 12,
  firstReviewWithinMonths: 6,
  monitoringWeeks: 8,
  challengeWorkingDays: 10,
  ratificationWorkingDays: 10,
}

// --- Opening a case (F1, S2, S3) -------------------------------------------------------------------------------------

/** A contact or incident cited as evidence, with the matter it is about (an incident: the matter of its contact). */
export interface CitedEvidence {
  /** Where it was cited: contactIds, incidentIds or immediateRisk.incidentId. */
  field: string
  kind: 'contact' | 'incident'
  at: Date
  matterType: MatterType | null
  matterReference: string | null
}

export interface CaseGrounds {
  person: { isCouncillor: boolean }
  /** The contacts and incidents the case relies on. */
  evidence: readonly CitedEvidence[]
}

/** S3: a matter that is an FOI or EIR request, which has its own statutory process. */
const isFoiOrEir = (type: MatterType | null | undefined) => type === 'foi' || type === 'eir'

/**
 * S3: a contact about an FOI or EIR request is never evidence of unreasonable behaviour under this procedure: citing
 * one is refused, naming each, even beside other evidence. Relying on it would use the procedure against the request,
 * which only the statutory process may refuse (FOIA s14, EIR reg 12(4)(b)). An incident (abuse or a threat to staff)
 * recorded on such a contact stays citable beside other evidence: it is behaviour towards staff, not the request, and
 * staff safety needs it (P4, F8); the request itself is never restricted (the contact check answers
 * not_this_procedure, V5). A case resting on nothing but what happened around such requests is refused.
 */
export function checkEvidence(evidence: readonly CitedEvidence[]): ProcedureRefusal | null {
  const statutory = evidence.filter((e) => e.kind === 'contact' && isFoiOrEir(e.matterType))
  const first = statutory[0]
  // A case resting on nothing but behaviour around FOI or EIR requests is for their statutory process.
  const only = evidence[0]
  if (!first && only && evidence.every((e) => isFoiOrEir(e.matterType))) {
    return refuse(
      422,
      'foi_eir_only',
      'S3',
      'A case cannot rest only on what happened around FOI or EIR requests: those requests have their own statutory process (FOIA section 14, EIR regulation 12(4)(b)). Cite the behaviour on other matters too.',
      only.field,
    )
  }
  if (!first) return null
  const on = (e: CitedEvidence) => longDate(londonDate(e.at))
  const names = statutory.map((e) => `the contact of ${on(e)} about ${e.matterReference ?? 'an FOI or EIR request'}`)
  return refuse(
    422,
    'foi_eir_evidence',
    'S3',
    `A contact about an FOI or EIR request cannot be evidence of unreasonable behaviour under this procedure (S3): ${joinAnd(names)}. Those requests have their own statutory process (FOIA section 14, EIR regulation 12(4)(b)). Remove ${statutory.length === 1 ? 'it' : 'them'} from the evidence.`,
    first.field,
  )
}

export function checkOpenCase(grounds: CaseGrounds): ProcedureRefusal | null {
  if (grounds.person.isCouncillor) {
    return refuse(
      422,
      'councillor',
      'S2',
      'This person is recorded as a councillor. Issues about a councillor go to the Standards Committee through the Monitoring Officer, not to this procedure.',
      'personId',
    )
  }
  return checkEvidence(grounds.evidence)
}

// --- Warnings (F2, F3) -----------------------------------------------------------------------------------------------

export function monitoringEndsOn(issuedOn: string, weeks: number): string {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + weeks * 7)).toISOString().slice(0, 10)
}

export function checkCaseOpen(caseStatus: 'open' | 'closed'): ProcedureRefusal | null {
  return caseStatus === 'closed' ? refuse(409, 'case_closed', 'F1', 'This case is closed') : null
}

// --- Proposals (F2, F5–F8, P5, P6) -----------------------------------------------------------------------------------

export interface ProposalDates {
  startsOn: string
  endsOn: string
  reviewOn: string
}

/** F7's refusals of a date: each names the date field it is about. */
const badDate = (field: string, code: string, message: string) => refuse(422, code, 'F7', message, field)

/** F7: an end date at most `maxRestrictionMonths` after the start, a first review within `firstReviewWithinMonths`. */
export function checkRestrictionDates(
  dates: ProposalDates,
  today: string,
  settings: ProcedureSettings,
): ProcedureRefusal | null {
  const { startsOn, endsOn, reviewOn } = dates
  const { maxRestrictionMonths, firstReviewWithinMonths } = settings
  if (startsOn < today) return badDate('startsOn', 'starts_in_past', 'The start date must be today or later')
  if (endsOn <= startsOn) return badDate('endsOn', 'ends_before_start', 'The end date must be after the start date')
  const latestEnd = addMonths(startsOn, maxRestrictionMonths)
  if (endsOn > latestEnd) {
    return badDate(
      'endsOn',
      'too_long',
      `A restriction can last at most ${maxRestrictionMonths} months: the end date must be on or before ${longDate(latestEnd)}`,
    )
  }
  if (reviewOn <= startsOn)
    return badDate('reviewOn', 'review_before_start', 'The review date must be after the start date')
  const latestReview = addMonths(startsOn, firstReviewWithinMonths)
  if (reviewOn > latestReview) {
    return badDate(
      'reviewOn',
      'review_too_late',
      `The first review must be within ${firstReviewWithinMonths} months of the start: on or before ${longDate(latestReview)}`,
    )
  }
  if (reviewOn > endsOn)
    return badDate('reviewOn', 'review_after_end', 'The review date must be on or before the end date')
  return null
}

/** A later review (F7): the next review within the same limit of the review, and not after the end date. */
export function checkNextReview(
  reviewedOn: string,
  nextReviewOn: string,
  endsOn: string,
  settings: ProcedureSettings,
): ProcedureRefusal | null {
  if (nextReviewOn <= reviewedOn)
    return badDate('nextReviewOn', 'review_not_later', 'The next review must be after today')
  const latest = addMonths(reviewedOn, settings.firstReviewWithinMonths)
  if (nextReviewOn > latest)
    return badDate('nextReviewOn', 'review_too_late', `The next review must be on or before ${longDate(latest)}`)
  if (nextReviewOn > endsOn) {
    const end = longDate(endsOn)
    return badDate('nextReviewOn', 'review_after_end', `The next review must be on or before the end date, ${end}`)
  }
  return null
}

export interface AgreedAdjustment {
  id: string
  need: string
  agreedAdjustment: string
}

export interface AdjustmentConflict {
  adjustmentId: string
  restrictionIndex: number
  text: string
}

const channelWords: Record<RestrictionChannel, RegExp> = {
  phone: /\b(phone|telephone|call|calls|calling|text relay|relay uk)\b/i,
  email: /\b(e-?mail)\b/i,
  letter: /\b(letter|letters|post|postal|braille|large print)\b/i,
  in_person: /\b(in person|face[- ]to[- ]face|visit|visits|home visit|meeting|meetings)\b/i,
  web: /\b(online|web|website|form)\b/i,
}

/**
 * P5: a restriction that takes away a channel an agreed adjustment relies on (e.g. "letters only" for someone whose
 * agreed adjustment is telephone contact) conflicts with it and needs an explicit justification.
 */
export function adjustmentConflicts(
  restrictions: readonly RestrictionSpec[],
  adjustments: readonly AgreedAdjustment[],
): AdjustmentConflict[] {
  const conflicts: AdjustmentConflict[] = []
  restrictions.forEach((restriction, index) => {
    for (const adjustment of adjustments) {
      const text = `${adjustment.need} ${adjustment.agreedAdjustment}`
      const named = (channel: RestrictionChannel) => channelWords[channel].test(text)
      if (restriction.type === 'contact_method') {
        const lost = (Object.keys(channelWords) as RestrictionChannel[]).filter(
          (c) => !restriction.channels.includes(c) && named(c),
        )
        if (lost.length > 0) {
          const names = lost.map((c) => restrictionChannelNames[c].toLowerCase()).join(' and ')
          conflicts.push({
            adjustmentId: adjustment.id,
            restrictionIndex: index,
            text: `The agreed adjustment “${adjustment.agreedAdjustment}” relies on ${names}, which this restriction does not allow`,
          })
        }
      } else if (restriction.type === 'phone_times' && named('phone')) {
        conflicts.push({
          adjustmentId: adjustment.id,
          restrictionIndex: index,
          text: `The agreed adjustment “${adjustment.agreedAdjustment}” relies on the telephone, which this restriction limits to set times`,
        })
      }
    }
  })
  return conflicts
}

export interface ProposalGrounds {
  caseStatus: 'open' | 'closed'
  /** Warnings issued on the case and not withdrawn (F2). */
  warningsInForce: number
  immediateRisk: boolean
  isCouncillor: boolean
  restrictions: readonly RestrictionSpec[]
  /** The types of the matters that `matter_closed` restrictions name, in the same order (S3, F11). */
  closedMatters: { index: number; type: MatterType; status: 'open' | 'closed'; processExhausted: boolean }[]
  conflicts: readonly AdjustmentConflict[]
  adjustmentConflictJustification: string | null
  /**
   * F2: the latest warning in force (its date, and the contacts from the person and incidents recorded after it),
   * or none; a variation or an extension of restrictions already in force (F7, F10) does not rest on it.
   */
  sinceWarning?: { issuedOn: string; recordedSince: number } | undefined
  varies?: boolean
  sinceWarningJustification?: string | null | undefined
}

export function checkProposal(
  grounds: ProposalGrounds,
  dates: ProposalDates,
  today: string,
  settings: ProcedureSettings,
): ProcedureRefusal | null {
  const closed = checkCaseOpen(grounds.caseStatus)
  if (closed) return closed
  if (grounds.isCouncillor) return checkOpenCase({ person: { isCouncillor: true }, evidence: [] })
  if (grounds.warningsInForce === 0 && !grounds.immediateRisk) {
    return refuse(
      422,
      'no_warning',
      'F2',
      'A restriction follows a written warning. Issue a warning first, or record why the behaviour is an immediate risk to staff (F8).',
      'immediateRisk',
    )
  }
  if (grounds.restrictions.length === 0)
    return refuse(422, 'no_restrictions', 'F5', 'Choose at least one restriction', 'restrictions')
  for (const matter of grounds.closedMatters) {
    const field = `restrictions.${matter.index}.matterId`
    if (matter.type === 'foi' || matter.type === 'eir') {
      return refuse(
        422,
        'foi_eir_matter',
        'S3',
        'Correspondence on an FOI or EIR request cannot be closed under this procedure: use the statutory process (FOIA section 14, EIR regulation 12(4)(b))',
        field,
      )
    }
    if (matter.status !== 'closed') {
      return refuse(
        422,
        'matter_open',
        'F11',
        'Correspondence can only be closed on a matter that has itself been closed',
        field,
      )
    }
    // F11: only an exhausted complaint: one that completed the complaints process and is closed.
    if (matter.type !== 'complaint' || !matter.processExhausted) {
      return refuse(
        422,
        'complaint_not_exhausted',
        'F11',
        matter.type === 'complaint'
          ? 'Correspondence can only be closed on a complaint that has completed the complaints process. Record the complaint as closed with the process exhausted first'
          : 'Correspondence can only be closed on a complaint that has completed the complaints process, not on another kind of matter',
        field,
      )
    }
  }
  const dateRefusal = checkRestrictionDates(dates, today, settings)
  if (dateRefusal) return dateRefusal
  // F2: a restriction follows a warning that did not work. With nothing recorded after it, the proposal says why a
  // restriction is needed all the same (an immediate risk, F8, is its own reason).
  const since = grounds.sinceWarning
  if (
    since &&
    since.recordedSince === 0 &&
    !grounds.immediateRisk &&
    !grounds.varies &&
    !grounds.sinceWarningJustification?.trim()
  ) {
    return refuse(
      422,
      'nothing_since_warning',
      'F2',
      `Nothing has been recorded since the warning of ${longDate(since.issuedOn)}: no contact from the person and no incident. Record what has happened since, or explain why a restriction is needed all the same`,
      'sinceWarningJustification',
    )
  }
  if (grounds.conflicts.length > 0 && !grounds.adjustmentConflictJustification?.trim()) {
    return refuse(
      422,
      'adjustment_conflict',
      'P5',
      `${grounds.conflicts[0]?.text ?? 'A restriction conflicts with an agreed adjustment'}. Explain why the restriction is still justified.`,
      'adjustmentConflictJustification',
    )
  }
  return null
}

// --- Decisions (F4) and interim restrictions (F8) --------------------------------------------------------------------

export { decisionRoleNames, decisionRoles, type DecisionRole } from './roles.ts'

/** A proposal awaits both decisions, then is approved (both approved) or rejected (either rejected). */
export const proposalStatuses = ['awaiting_decision', 'approved', 'rejected'] as const
export type ProposalStatus = (typeof proposalStatuses)[number]

export interface RecordedDecision {
  role: DecisionRole
  decidedBy: string
  decision: 'approve' | 'reject'
}

export interface DecisionGrounds {
  proposalStatus: 'awaiting_decision' | 'approved' | 'rejected'
  proposedBy: string
  decisions: readonly RecordedDecision[]
  /** F8: an interim restriction past its ratification deadline can no longer be ratified. */
  ratifyBy: string | null
}

/**
 * F4: which role the actor decides in, or why they may not. The Chief Executive and the Monitoring Officer are two
 * different people, neither of whom proposed the restriction; someone holding both roles decides once.
 */
export function checkDecision(
  grounds: DecisionGrounds,
  actor: { id: string; roles: readonly Role[] },
  today: string,
): { role: DecisionRole } | ProcedureRefusal {
  const held = decisionRoles.filter((role) => actor.roles.includes(role))
  if (held.length === 0) {
    return refuse(403, 'not_a_decision_maker', 'F4', 'Only the Chief Executive or the Monitoring Officer can decide')
  }
  if (grounds.proposedBy === actor.id) {
    return refuse(403, 'proposer', 'F4', 'You proposed this restriction, so you cannot decide on it')
  }
  if (grounds.decisions.some((d) => d.decidedBy === actor.id)) {
    return refuse(409, 'already_decided', 'F4', 'You have already recorded your decision on this proposal')
  }
  if (grounds.proposalStatus !== 'awaiting_decision') {
    return refuse(409, 'decision_made', 'F4', `This proposal has already been ${grounds.proposalStatus}`)
  }
  if (grounds.ratifyBy !== null && today > grounds.ratifyBy) {
    return refuse(
      409,
      'ratification_late',
      'F8',
      `The interim restriction had to be ratified by ${longDate(grounds.ratifyBy)}; it has ended`,
    )
  }
  const open = held.find((role) => !grounds.decisions.some((d) => d.role === role))
  if (!open) {
    const role = held[0] ?? decisionRoles[0]
    return refuse(409, 'role_decided', 'F4', `The ${decisionRoleNames[role]} has already decided on this proposal`)
  }
  return { role: open }
}

/** The proposal's status once `decisions` are recorded (F4): any rejection rejects; both approvals approve. */
export function proposalStatusAfter(
  decisions: readonly RecordedDecision[],
): 'awaiting_decision' | 'approved' | 'rejected' {
  if (decisions.some((d) => d.decision === 'reject')) return 'rejected'
  const approved = decisionRoles.every((role) => decisions.some((d) => d.role === role && d.decision === 'approve'))
  return approved ? 'approved' : 'awaiting_decision'
}

/** F9: the restriction letter may be issued once both have approved, and only once. */
export function checkNotice(proposal: { status: string; noticeIssuedOn: string | null }): ProcedureRefusal | null {
  if (proposal.noticeIssuedOn !== null)
    return refuse(409, 'notice_issued', 'F9', 'The restriction letter has already been issued')
  if (proposal.status !== 'approved') {
    return refuse(
      422,
      'not_approved',
      'F4',
      'The Chief Executive and the Monitoring Officer must both approve before the restriction letter is issued',
    )
  }
  return null
}

/** F8: an interim restriction is imposed at once by the Chief Executive or the Monitoring Officer, not the proposer. */
export function checkInterim(
  proposal: { status: string; proposedBy: string; immediateRisk: boolean; interimImposedOn: string | null },
  actor: { id: string; roles: readonly Role[] },
): ProcedureRefusal | null {
  if (!decisionRoles.some((role) => actor.roles.includes(role))) {
    return refuse(
      403,
      'not_a_decision_maker',
      'F8',
      'Only the Chief Executive or the Monitoring Officer can impose an interim restriction',
    )
  }
  if (!proposal.immediateRisk) {
    return refuse(
      422,
      'no_immediate_risk',
      'F8',
      'An interim restriction needs a recorded immediate risk to staff safety',
    )
  }
  if (proposal.interimImposedOn !== null)
    return refuse(409, 'interim_imposed', 'F8', 'The interim restriction is already in place')
  if (proposal.status !== 'awaiting_decision') {
    return refuse(409, 'decision_made', 'F8', `This proposal has already been ${proposal.status}`)
  }
  if (proposal.proposedBy === actor.id) {
    return refuse(403, 'proposer', 'F4', 'You proposed this restriction, so another decision-maker must impose it')
  }
  return null
}

export function ratifyBy(imposedOn: string, bankHolidays: ReadonlySet<string>, settings: ProcedureSettings): string {
  return addWorkingDays(imposedOn, settings.ratificationWorkingDays, bankHolidays)
}

// --- Challenges (F10) ------------------------------------------------------------------------------------------------

/** F10: the deadline for the council's answer, counted in working days from the day after receipt. */
export function challengeRespondBy(
  receivedOn: string,
  bankHolidays: ReadonlySet<string>,
  settings: ProcedureSettings,
): string {
  return addWorkingDays(receivedOn, settings.challengeWorkingDays, bankHolidays)
}

/** F10: whether the challenge arrived within the challenge period after the letter was issued. */
export function challengeInTime(
  letterIssuedOn: string,
  receivedOn: string,
  bankHolidays: ReadonlySet<string>,
  settings: ProcedureSettings,
): boolean {
  return receivedOn <= addWorkingDays(letterIssuedOn, settings.challengeWorkingDays, bankHolidays)
}

/** F10: a senior officer who took no part in the case decides the challenge. */
export function checkChallengeDecider(
  actor: { id: string; roles: readonly Role[] },
  involved: ReadonlySet<string>,
  alreadyDecided: boolean,
): ProcedureRefusal | null {
  if (!actor.roles.includes('senior_reviewer')) {
    return refuse(403, 'not_senior_reviewer', 'F10', 'Only a senior reviewer can decide a challenge')
  }
  if (involved.has(actor.id)) {
    return refuse(
      403,
      'involved',
      'F10',
      'You took part in this case, so another senior reviewer must decide the challenge',
    )
  }
  if (alreadyDecided) return refuse(409, 'challenge_decided', 'F10', 'This challenge has already been decided')
  return null
}

export function checkChallengeReceived(receivedOn: string, issuedOn: string, today: string): ProcedureRefusal | null {
  if (receivedOn > today)
    return refuse(422, 'received_in_future', 'F10', 'The date received must be today or in the past', 'receivedOn')
  if (receivedOn < issuedOn) {
    return refuse(
      422,
      'received_before_letter',
      'F10',
      `The date received must be on or after the letter was issued (${longDate(issuedOn)})`,
      'receivedOn',
    )
  }
  return null
}

// --- Variation on challenge (F10) ------------------------------------------------------------------------------------

/** A restriction's terms and end, before or after a challenge varies it. */
export interface TermsAndEnd {
  spec: RestrictionSpec
  endsOn: string
}

const sameService = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * F10: a challenge decided "varied" may only lessen the restriction: the same type, a scope no wider, an end no later,
 * and terms no stricter (more ways of contact allowed, wider call times, a reply where there was none). Null when the
 * new terms lessen (or keep) every part.
 */
export function checkLessens(before: TermsAndEnd, after: TermsAndEnd): ProcedureRefusal | null {
  const field = 'variation.restrictions.0'
  const stricter = (what: string, path = '') =>
    refuse(422, 'not_lesser', 'F10', `A challenge can only lessen the restriction: ${what}`, `${field}${path}`)
  const b = before.spec
  const a = after.spec
  if (a.type !== b.type) return stricter('keep its type; a different restriction is a new decision (F4)', '.type')
  if ('services' in b.scope) {
    const allowed = b.scope.services
    const wider = 'councilWide' in a.scope || a.scope.services.some((s) => !allowed.some((t) => sameService(s, t)))
    if (wider) return stricter('its scope cannot cover services it did not cover', '.scope')
  }
  if (after.endsOn > before.endsOn)
    return refuse(
      422,
      'not_lesser',
      'F10',
      'A challenge can only lessen the restriction: it cannot end later',
      'variation.endsOn',
    )
  if (a.type === 'contact_method' && b.type === 'contact_method') {
    if (b.channels.some((c) => !a.channels.includes(c)))
      return stricter('keep every way of contact it allowed', '.channels')
  }
  if (a.type === 'phone_times' && b.type === 'phone_times') {
    const covered = b.windows.every((w) => a.windows.some((x) => x.day === w.day && x.from <= w.from && x.to >= w.to))
    if (!covered) return stricter('keep every call time it allowed, or widen it', '.windows')
    if (
      b.maxCallMinutes === undefined
        ? a.maxCallMinutes !== undefined
        : (a.maxCallMinutes ?? Infinity) < b.maxCallMinutes
    )
      return stricter('calls cannot be made shorter', '.maxCallMinutes')
  }
  if (a.type === 'named_contact' && b.type === 'named_contact' && a.staffUserId !== b.staffUserId)
    return stricter('keep the same named officer; a deputy may be added', '.staffUserId')
  if (a.type === 'matter_closed' && b.type === 'matter_closed') {
    if (a.matterId !== b.matterId) return stricter('it must stay on the same matter', '.matterId')
    if (b.reply === 'acknowledge' && a.reply !== 'acknowledge') return stricter('we must still acknowledge', '.reply')
  }
  return null
}
