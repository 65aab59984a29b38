// The report to members (K5): the procedure's figures for a period, from plain rows. Pure: no clock, no database.
//
// Every figure is "as at the end of the period": nothing recorded after the period's last day is counted, so the
// report for a past quarter reads the same whenever it is produced. A restriction's status on a day is derived with
// `restrictionStatus` (F7, F9) from what had been recorded by that day: a decision, a letter or a lift recorded later
// does not change an earlier day.
import { restrictionStatus, restrictionTypes, type RestrictionState, type RestrictionType } from './restrictions.ts'
import { addDays, addMonths } from './working-days.ts'

export interface ReportPeriod {
  /** First day, `YYYY-MM-DD`, inclusive. */
  from: string
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to: string
}

/** How many months after a warning's monitoring period a restriction still counts as following from it (F2, F3). */
export const WARNING_FOLLOW_UP_MONTHS = 3

/** Figures below this are shown as "fewer than 3" in the members' version (statistical disclosure control). */
export const SMALL_NUMBER = 3

export type ProposalOutcome = 'awaiting_decision' | 'approved' | 'rejected'

export interface ReportRestriction {
  id: string
  personId: string
  caseId: string
  type: RestrictionType
  councilWide: boolean
  services: string[]
  startsOn: string
  endsOn: string
  liftedOn: string | null
  /** Set when a new decision replaced it (F7): it then reads as lifted on the day the new one took effect. */
  supersededBy: string | null
  /** The proposal's first review date (F7); later due dates come from each review's next review date. */
  firstReviewOn: string
  proposalStatus: ProposalOutcome
  /** The day the proposal became approved or rejected (F4); null while awaiting decision. */
  decidedOn: string | null
  noticeIssuedOn: string | null
  interimImposedOn: string | null
  ratifyBy: string | null
  /** Reviews in the order they were recorded (F7). */
  reviews: { reviewedOn: string; outcome: 'continue' | 'vary' | 'lift'; nextReviewOn: string | null }[]
}

export interface ReportProposal {
  id: string
  caseId: string
  proposedOn: string
  status: ProposalOutcome
  decidedOn: string | null
  interimImposedOn: string | null
  ratifyBy: string | null
  /** P5: the person had agreed reasonable adjustments recorded when the proposal was made. */
  personHadAdjustments: boolean
  /** P5: a restriction conflicted with an agreed adjustment and the justification was recorded. */
  conflictJustified: boolean
}

export interface ReportCase {
  id: string
  openedOn: string
  /** P5: the person had agreed reasonable adjustments recorded when the case was opened. */
  personHadAdjustments: boolean
}

export interface ReportWarning {
  id: string
  caseId: string
  issuedOn: string
  monitoringEndsOn: string
  withdrawnOn: string | null
}

export interface ReportChallenge {
  id: string
  of: 'warning' | 'restriction'
  receivedOn: string
  respondBy: string
  /** F10: received within the working-day limit of the letter. */
  inTime: boolean
  outcome: 'upheld' | 'varied' | 'not_upheld' | null
  decidedOn: string | null
}

export interface ReportRows {
  restrictions: ReportRestriction[]
  proposals: ReportProposal[]
  cases: ReportCase[]
  warnings: ReportWarning[]
  challenges: ReportChallenge[]
}

/** Counts of restrictions for one row of the by-type and by-service tables. */
export interface RestrictionCounts {
  imposed: number
  inForce: number
  lifted: number
  lapsed: number
}

export const COUNCIL_WIDE = 'Council-wide'

export interface ReportFigures {
  period: ReportPeriod
  restrictions: RestrictionCounts & {
    inForceAtEnd: number
    /** Distinct people with a restriction in force at any time in the period. */
    peopleInForce: number
    /** Of `lifted`: replaced by a new decision (F7). */
    replaced: number
    /** Of `lapsed`: interim restrictions not ratified in time or rejected (F8). */
    notRatified: number
    byType: (RestrictionCounts & { type: RestrictionType })[]
    byService: (RestrictionCounts & { service: string })[]
    /** Restrictions that ended in the period and the median number of days they were in force. */
    ended: number
    medianDaysInForce: number | null
  }
  reviews: { done: number; onTime: number; late: number; overdueAtEnd: number }
  warnings: {
    issued: number
    withdrawn: number
    /** Warnings whose monitoring period plus the follow-up months ended in the period. */
    followUpEnded: number
    ledToRestriction: number
    ledToNoRestriction: number
  }
  challenges: {
    received: number
    ofWarnings: number
    ofRestrictions: number
    receivedOutOfTime: number
    decided: number
    upheld: number
    varied: number
    notUpheld: number
    answeredByRespondBy: number
    answeredLate: number
    awaitingAtEnd: number
    awaitingPastRespondBy: number
  }
  interim: { imposed: number; ratifiedInTime: number; notRatified: number; awaitingAtEnd: number }
  adjustments: {
    casesOpened: number
    casesWithAdjustments: number
    proposalsMade: number
    proposalsWithAdjustments: number
    conflictsJustified: number
  }
}

const within = (day: string | null, period: ReportPeriod): day is string =>
  day !== null && day >= period.from && day <= period.to

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] ?? 0
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2
}

/** The restriction's state as it stood on `day`: only what had been recorded by then (decisions, letters, lifts). */
export function stateOn(r: ReportRestriction, day: string): RestrictionState {
  const decided = r.decidedOn !== null && r.decidedOn <= day
  return {
    proposalStatus: decided ? r.proposalStatus : 'awaiting_decision',
    noticeIssuedOn: r.noticeIssuedOn !== null && r.noticeIssuedOn <= day ? r.noticeIssuedOn : null,
    interim:
      r.interimImposedOn !== null && r.ratifyBy !== null && r.interimImposedOn <= day
        ? { imposedOn: r.interimImposedOn, ratifyBy: r.ratifyBy }
        : null,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    liftedOn: r.liftedOn,
  }
}

export const statusOn = (r: ReportRestriction, day: string) => restrictionStatus(stateOn(r, day), day)

/** The days on which a restriction's status can change; between two of them it stays the same. */
function changeDays(r: ReportRestriction): string[] {
  const days = [
    r.startsOn,
    r.noticeIssuedOn,
    r.decidedOn,
    r.interimImposedOn,
    r.ratifyBy === null ? null : addDays(r.ratifyBy, 1),
    addDays(r.endsOn, 1),
    r.liftedOn,
  ].filter((d): d is string => d !== null)
  return [...new Set(days)].sort()
}

export type EndReason = 'lifted' | 'lapsed' | 'not_ratified'

export interface RestrictionLife {
  /** The first day it was in force; null if it never was. */
  inForceFrom: string | null
  /** The first day it was no longer in force, once it had been. */
  outOfForceFrom: string | null
  /** The day it ended as the report counts it: lifted (or rejected) that day, or the last day of its term. */
  endedOn: string | null
  endReason: EndReason | null
}

/** When a restriction came into force and when and how it ended (F7, F8, F9), from its status on each change day. */
export function restrictionLife(r: ReportRestriction): RestrictionLife {
  let inForceFrom: string | null = null
  for (const day of changeDays(r)) {
    const status = statusOn(r, day)
    if (status === 'active' && inForceFrom === null) inForceFrom = day
    if (inForceFrom !== null && (status === 'lifted' || status === 'lapsed' || status === 'rejected')) {
      if (status === 'lifted') return { inForceFrom, outOfForceFrom: day, endedOn: day, endReason: 'lifted' }
      // F8: an interim restriction rejected, or not ratified by its deadline, ends then.
      if (status === 'rejected') return { inForceFrom, outOfForceFrom: day, endedOn: day, endReason: 'not_ratified' }
      const lastDay = addDays(day, -1)
      const reason = lastDay < r.endsOn ? 'not_ratified' : 'lapsed'
      return { inForceFrom, outOfForceFrom: day, endedOn: lastDay, endReason: reason }
    }
  }
  return { inForceFrom, outOfForceFrom: null, endedOn: null, endReason: null }
}

/** Whether the restriction was in force on any day of the period. */
export function inForceDuring(r: ReportRestriction, period: ReportPeriod): boolean {
  if (statusOn(r, period.from) === 'active') return true
  return changeDays(r).some((day) => day > period.from && day <= period.to && statusOn(r, day) === 'active')
}

/** The day the restriction was imposed: the interim restriction (F8), or the restriction letter (F9). */
export const imposedOn = (r: ReportRestriction) => r.interimImposedOn ?? r.noticeIssuedOn

/** Each review with the date it was due (F7): the first review date, then the next review date the last one set. */
export function reviewsWithDueDates(r: ReportRestriction): { reviewedOn: string; dueOn: string | null }[] {
  let due: string | null = r.firstReviewOn
  return r.reviews.map((review) => {
    const dueOn = due
    if (review.outcome === 'lift') due = null
    else if (review.nextReviewOn !== null) due = review.nextReviewOn
    return { reviewedOn: review.reviewedOn, dueOn }
  })
}

/** The review outstanding on `day`, given the reviews recorded by then; null when none is due. */
export function reviewDueOn(r: ReportRestriction, day: string): string | null {
  let due: string | null = r.firstReviewOn
  for (const review of r.reviews) {
    if (review.reviewedOn > day) break
    if (review.outcome === 'lift') due = null
    else if (review.nextReviewOn !== null) due = review.nextReviewOn
  }
  return due
}

const zero = (): RestrictionCounts => ({ imposed: 0, inForce: 0, lifted: 0, lapsed: 0 })

/** K5: the report's figures for the period. */
export function reportFigures(rows: ReportRows, period: ReportPeriod): ReportFigures {
  const byType = new Map<RestrictionType, RestrictionCounts>(restrictionTypes.map((t) => [t, zero()]))
  const byService = new Map<string, RestrictionCounts>()
  const totals = zero()
  let inForceAtEnd = 0
  let replaced = 0
  let notRatified = 0
  const people = new Set<string>()
  const durations: number[] = []
  const reviews = { done: 0, onTime: 0, late: 0, overdueAtEnd: 0 }

  for (const r of rows.restrictions) {
    const life = restrictionLife(r)
    const counts: Partial<RestrictionCounts> = {}
    if (within(imposedOn(r), period)) counts.imposed = 1
    if (inForceDuring(r, period)) {
      counts.inForce = 1
      people.add(r.personId)
    }
    if (within(life.endedOn, period) && life.inForceFrom !== null && life.outOfForceFrom !== null) {
      if (life.endReason === 'lifted') {
        counts.lifted = 1
        if (r.supersededBy !== null) replaced += 1
      } else {
        counts.lapsed = 1
        if (life.endReason === 'not_ratified') notRatified += 1
      }
      durations.push(daysBetween(life.inForceFrom, life.outOfForceFrom))
    }
    const activeAtEnd = statusOn(r, period.to) === 'active'
    if (activeAtEnd) inForceAtEnd += 1
    const services = r.councilWide ? [COUNCIL_WIDE] : r.services
    for (const key of ['imposed', 'inForce', 'lifted', 'lapsed'] as const) {
      const n = counts[key] ?? 0
      if (n === 0) continue
      totals[key] += n
      const typeRow = byType.get(r.type)
      if (typeRow) typeRow[key] += n
      for (const service of services) {
        const row = byService.get(service) ?? zero()
        row[key] += n
        byService.set(service, row)
      }
    }

    // F7: reviews recorded in the period, on time when on or before the date they were due.
    for (const review of reviewsWithDueDates(r)) {
      if (!within(review.reviewedOn, period)) continue
      reviews.done += 1
      if (review.dueOn === null || review.reviewedOn <= review.dueOn) reviews.onTime += 1
      else reviews.late += 1
    }
    const due = activeAtEnd ? reviewDueOn(r, period.to) : null
    if (due !== null && due < period.to) reviews.overdueAtEnd += 1
  }

  // F2, F3: a warning "led to a restriction" when a restriction on the same case was approved by both decision-makers
  // (F4) or imposed as an interim restriction (F8) between the warning and the end of its monitoring period plus
  // WARNING_FOLLOW_UP_MONTHS. A warning is counted once, in the period in which that follow-up time ends.
  const restrictedOn = new Map<string, string[]>()
  for (const p of rows.proposals) {
    const days = [p.status === 'approved' ? p.decidedOn : null, p.interimImposedOn].filter(
      (d): d is string => d !== null,
    )
    restrictedOn.set(p.caseId, [...(restrictedOn.get(p.caseId) ?? []), ...days])
  }
  const warnings = { issued: 0, withdrawn: 0, followUpEnded: 0, ledToRestriction: 0, ledToNoRestriction: 0 }
  for (const w of rows.warnings) {
    if (within(w.issuedOn, period)) warnings.issued += 1
    if (within(w.withdrawnOn, period)) warnings.withdrawn += 1
    const followUpEnds = addMonths(w.monitoringEndsOn, WARNING_FOLLOW_UP_MONTHS)
    if (!within(followUpEnds, period)) continue
    warnings.followUpEnded += 1
    const led = (restrictedOn.get(w.caseId) ?? []).some((d) => d >= w.issuedOn && d <= followUpEnds)
    if (led) warnings.ledToRestriction += 1
    else warnings.ledToNoRestriction += 1
  }

  // F10: challenges received and decided, answered by the respond-by date or late.
  const challenges = {
    received: 0,
    ofWarnings: 0,
    ofRestrictions: 0,
    receivedOutOfTime: 0,
    decided: 0,
    upheld: 0,
    varied: 0,
    notUpheld: 0,
    answeredByRespondBy: 0,
    answeredLate: 0,
    awaitingAtEnd: 0,
    awaitingPastRespondBy: 0,
  }
  for (const c of rows.challenges) {
    if (within(c.receivedOn, period)) {
      challenges.received += 1
      if (c.of === 'warning') challenges.ofWarnings += 1
      else challenges.ofRestrictions += 1
      if (!c.inTime) challenges.receivedOutOfTime += 1
    }
    if (within(c.decidedOn, period) && c.outcome !== null) {
      challenges.decided += 1
      if (c.outcome === 'upheld') challenges.upheld += 1
      if (c.outcome === 'varied') challenges.varied += 1
      if (c.outcome === 'not_upheld') challenges.notUpheld += 1
      if (c.decidedOn <= c.respondBy) challenges.answeredByRespondBy += 1
      else challenges.answeredLate += 1
    }
    const decidedByEnd = c.decidedOn !== null && c.decidedOn <= period.to
    if (c.receivedOn <= period.to && !decidedByEnd) {
      challenges.awaitingAtEnd += 1
      if (c.respondBy < period.to) challenges.awaitingPastRespondBy += 1
    }
  }

  // F8: interim restrictions imposed in the period and, by the period's end, whether both decision-makers ratified
  // them by the deadline.
  const interim = { imposed: 0, ratifiedInTime: 0, notRatified: 0, awaitingAtEnd: 0 }
  const adjustments = {
    casesOpened: 0,
    casesWithAdjustments: 0,
    proposalsMade: 0,
    proposalsWithAdjustments: 0,
    conflictsJustified: 0,
  }
  for (const p of rows.proposals) {
    if (within(p.interimImposedOn, period) && p.ratifyBy !== null) {
      interim.imposed += 1
      const decided = p.decidedOn !== null && p.decidedOn <= period.to ? p.decidedOn : null
      if (decided !== null && p.status === 'approved' && decided <= p.ratifyBy) interim.ratifiedInTime += 1
      else if ((decided !== null && p.status === 'rejected') || p.ratifyBy < period.to) interim.notRatified += 1
      else interim.awaitingAtEnd += 1
    }
    // P5: how adjustments were considered before a restriction.
    if (within(p.proposedOn, period)) {
      adjustments.proposalsMade += 1
      if (p.personHadAdjustments) adjustments.proposalsWithAdjustments += 1
      if (p.conflictJustified) adjustments.conflictsJustified += 1
    }
  }
  for (const c of rows.cases) {
    if (!within(c.openedOn, period)) continue
    adjustments.casesOpened += 1
    if (c.personHadAdjustments) adjustments.casesWithAdjustments += 1
  }

  return {
    period,
    restrictions: {
      ...totals,
      inForceAtEnd,
      peopleInForce: people.size,
      replaced,
      notRatified,
      byType: [...byType].map(([type, counts]) => ({ type, ...counts })),
      byService: [...byService]
        .sort(([a], [b]) => (a === COUNCIL_WIDE ? -1 : b === COUNCIL_WIDE ? 1 : a.localeCompare(b)))
        .map(([service, counts]) => ({ service, ...counts })),
      ended: durations.length,
      medianDaysInForce: median(durations),
    },
    reviews,
    warnings,
    challenges,
    interim,
    adjustments,
  }
}

/** The day the proposal became approved or rejected (F4): the last approval, or the first rejection. */
export function proposalDecidedOn(
  status: ProposalOutcome,
  decisions: readonly { decision: 'approve' | 'reject'; decidedOn: string }[],
): string | null {
  if (status === 'approved') {
    const days = decisions.filter((d) => d.decision === 'approve').map((d) => d.decidedOn)
    return days.length ? (days.sort().at(-1) ?? null) : null
  }
  if (status === 'rejected') {
    const days = decisions.filter((d) => d.decision === 'reject').map((d) => d.decidedOn)
    return days.length ? (days.sort()[0] ?? null) : null
  }
  return null
}

/** K5: the default period, the last complete quarter before `today` (the report is quarterly by default). */
export function lastCompleteQuarter(today: string): ReportPeriod {
  const [y, m] = today.split('-').map(Number) as [number, number]
  const quarterStartMonth = Math.floor((m - 1) / 3) * 3 // 0-based month the current quarter starts in
  const startOfThis = `${y}-${String(quarterStartMonth + 1).padStart(2, '0')}-01`
  const from = addMonths(startOfThis, -3)
  return { from, to: addDays(startOfThis, -1) }
}

/** The members' version: 1 and 2 are shown as "fewer than 3"; nought is shown, as it identifies no one. */
export function disclose(n: number): number | 'fewer than 3' {
  return n > 0 && n < SMALL_NUMBER ? 'fewer than 3' : n
}
