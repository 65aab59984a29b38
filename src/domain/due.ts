// What is due (issue 6): from the record's dated items, what falls due, when, and who is responsible for it. Pure: the
// records, today and the bank holidays are passed in. Each kind cites the rule that gives it its date.
import { restrictionTypeNames, type RestrictionType } from './restrictions.ts'
import { permissions } from './permissions.ts'
import type { Role } from './roles.ts'
import { addWorkingDays, workingDaysBetween } from './working-days.ts'

export const dueKinds = [
  'review',
  'decision',
  'ratification',
  'challenge',
  'monitoring',
  'safety_marker',
  'closed_matter_item',
  'letter',
] as const
export type DueKind = (typeof dueKinds)[number]

export function isDueKind(value: unknown): value is DueKind {
  return typeof value === 'string' && (dueKinds as readonly string[]).includes(value)
}

export const dueKindNames: Record<DueKind, string> = {
  review: 'Restriction reviews',
  decision: 'Proposals to decide',
  ratification: 'Interim restrictions to ratify',
  challenge: 'Challenges to decide',
  monitoring: 'Monitoring periods ending',
  safety_marker: 'Safety markers to review',
  closed_matter_item: 'Closed-matter correspondence to read',
  letter: 'Letters that did not reach the person',
}

export const dueRules: Record<DueKind, string> = {
  review: 'F7',
  decision: 'F4',
  ratification: 'F8',
  challenge: 'F10',
  monitoring: 'F3',
  safety_marker: 'K3',
  closed_matter_item: 'F11',
  letter: 'F9',
}

/** Who is responsible for each kind of item: the roles that may act on it, as permissions.ts grants them. */
export const dueRoles: Record<DueKind, readonly Role[]> = {
  // F7: a review continues, varies or lifts.
  review: permissions['restrictions.review'],
  // F4: the Chief Executive and the Monitoring Officer decide.
  decision: permissions['proposals.decide'],
  // F8, F4: the two decision-makers ratify.
  ratification: permissions['proposals.decide'],
  // F10: a senior officer not involved in the decision.
  challenge: permissions['challenges.decide'],
  // F3: whoever warned watches what follows.
  monitoring: permissions['warnings.issue'],
  safety_marker: permissions['safety_markers.manage'],
  closed_matter_item: permissions['closed_matters.process'],
  // F9 (issue 14): a letter returned or not sent is for those who issue letters.
  letter: permissions['letters.issue'],
}

/** F8, F9: a lapsed interim restriction's end letter is for those who issue letters. */
export const lapsedInterimRoles: readonly Role[] = permissions['letters.issue']

export type DueState = 'overdue' | 'due_today' | 'due_soon' | 'later'
export const dueStateNames: Record<DueState, string> = {
  overdue: 'Overdue',
  due_today: 'Due today',
  due_soon: 'Due soon',
  later: 'Later',
}

// The dated items of the record, as the repository reads them. Dates are `YYYY-MM-DD`, UK calendar days.
interface About {
  personId: string
  personName: string
}

export interface ReviewSource extends About {
  restrictionId: string
  caseId: string
  restrictionType: string
  reviewOn: string
  /** The derived status (src/domain/restrictions.ts): only a restriction in force is due a review. */
  status: string
}

export interface RatificationSource extends About {
  proposalId: string
  caseId: string
  proposalStatus: 'awaiting_decision' | 'approved' | 'rejected'
  interimImposedOn: string
  ratifyBy: string
  /** The decision-makers' roles that have already recorded a decision (F4). */
  decidedRoles: readonly Role[]
}

/** F8, F9: an interim restriction whose ratify-by date has passed without both decisions, with no end letter yet. */
export interface LapsedInterimSource extends About {
  proposalId: string
  caseId: string
  proposalStatus: 'awaiting_decision' | 'approved' | 'rejected'
  ratifyBy: string
  /** The letter telling the person it ended (proposal.interim_end_letter_id); the item clears once it is issued. */
  endLetterId: string | null
}

/** F4: a proposal awaiting the decision-makers (not an interim restriction: those are ratifications). */
export interface DecisionSource extends About {
  proposalId: string
  caseId: string
  proposedOn: string
  proposedBy: string
  decidedRoles: readonly Role[]
}

/**
 * The rules set no deadline for a decision; the service asks for one within the same number of working days as an
 * interim ratification (F8), so that a proposal never waits unseen.
 */
export const DECISION_WORKING_DAYS = 10

export interface ChallengeSource extends About {
  challengeId: string
  caseId: string
  of: 'warning' | 'restriction'
  respondBy: string
  decided: boolean
  /** Staff who took part in the case: they may not decide it (F10), so they are not reminded. */
  involved: readonly string[]
}

export interface MonitoringSource extends About {
  warningId: string
  caseId: string
  monitoringEndsOn: string
  withdrawn: boolean
  caseOpen: boolean
  /** A proposal made after the warning: the next step was taken, nothing more is due. */
  followedByProposal: boolean
  issuedBy: string
}

export interface SafetyMarkerSource extends About {
  markerId: string
  reviewOn: string
  removed: boolean
  createdBy: string | null
}

export interface ClosedMatterItemSource extends About {
  itemId: string
  /** The UK date it arrived. */
  receivedOn: string
  read: boolean
}

/** F9 (issue 14): a letter that was returned or could not be sent, with no correction issued since. */
export interface UndeliveredLetterSource extends About {
  letterId: string
  caseId: string
  reference: string
  status: 'returned' | 'failed'
  /** The UK date it was found returned or failed. */
  since: string
  corrected: boolean
}

export interface DueSources {
  reviews: readonly ReviewSource[]
  ratifications: readonly RatificationSource[]
  lapsedInterims?: readonly LapsedInterimSource[]
  decisions?: readonly DecisionSource[]
  challenges: readonly ChallengeSource[]
  monitoring: readonly MonitoringSource[]
  safetyMarkers: readonly SafetyMarkerSource[]
  closedMatterItems: readonly ClosedMatterItemSource[]
  undeliveredLetters?: readonly UndeliveredLetterSource[]
}

export interface DueItem {
  kind: DueKind
  rule: string
  /** The record the item is about (restriction, proposal, challenge, warning, safety marker, closed-matter item). */
  id: string
  personId: string
  personName: string
  caseId: string | null
  title: string
  dueOn: string
  state: DueState
  /** Calendar days from today to the due date; negative when overdue. */
  daysLeft: number
  /** Working days from today to the due date (F8, F10 count these); negative when overdue. */
  workingDaysLeft: number
  roles: readonly Role[]
  /** Named staff responsible where the record says who (e.g. the officer who issued the warning); else empty. */
  namedStaffIds: readonly string[]
  /** Staff who must not be asked to act on it (F10: those involved in the case). */
  excludedStaffIds: readonly string[]
  /** Where it is handled. */
  href: string
}

export interface DueOptions {
  today: string
  bankHolidays: ReadonlySet<string>
  /** "Due soon" is within this many calendar days (the reminder setting). */
  soonDays: number
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export function dueState(dueOn: string, today: string, soonDays: number): DueState {
  const days = daysBetween(today, dueOn)
  if (days < 0) return 'overdue'
  if (days === 0) return 'due_today'
  return days <= soonDays ? 'due_soon' : 'later'
}

const kindOrder = Object.fromEntries(dueKinds.map((kind, i) => [kind, i])) as Record<DueKind, number>

/** Overdue first (most overdue at the top), then by due date; ties by kind and person, so the order is stable. */
export function compareDue(a: DueItem, b: DueItem): number {
  return (
    a.dueOn.localeCompare(b.dueOn) ||
    kindOrder[a.kind] - kindOrder[b.kind] ||
    a.personName.localeCompare(b.personName) ||
    a.id.localeCompare(b.id)
  )
}

/** Everything with a deadline in the record, sorted overdue first. */
export function dueItems(sources: DueSources, options: DueOptions): DueItem[] {
  const { today, bankHolidays, soonDays } = options
  const item = (
    fields: Omit<DueItem, 'rule' | 'state' | 'daysLeft' | 'workingDaysLeft' | 'roles' | 'excludedStaffIds'> & {
      excludedStaffIds?: readonly string[]
      roles?: readonly Role[]
    },
  ): DueItem => ({
    ...fields,
    rule: dueRules[fields.kind],
    roles: fields.roles ?? dueRoles[fields.kind],
    excludedStaffIds: fields.excludedStaffIds ?? [],
    state: dueState(fields.dueOn, today, soonDays),
    daysLeft: daysBetween(today, fields.dueOn),
    workingDaysLeft: workingDaysBetween(today, fields.dueOn, bankHolidays),
  })
  const out: DueItem[] = []

  // F7: every restriction in force has a review date; the review continues, varies or lifts it.
  for (const r of sources.reviews) {
    if (r.status !== 'active') continue
    out.push(
      item({
        kind: 'review',
        id: r.restrictionId,
        personId: r.personId,
        personName: r.personName,
        caseId: r.caseId,
        title: `Review the restriction on ${r.personName}: ${restrictionTypeNames[r.restrictionType as RestrictionType] ?? r.restrictionType}`,
        dueOn: r.reviewOn,
        namedStaffIds: [],
        href: `/restrictions/${r.restrictionId}/reviews/new`,
      }),
    )
  }

  // F4: a proposal waits for the two decision-makers; each is asked until they have decided. The proposer is never asked.
  for (const p of sources.decisions ?? []) {
    const missing = dueRoles.decision.filter((role) => !p.decidedRoles.includes(role))
    if (missing.length === 0) continue
    out.push(
      item({
        kind: 'decision',
        id: p.proposalId,
        personId: p.personId,
        personName: p.personName,
        caseId: p.caseId,
        title: `Decide on the proposed restriction on ${p.personName}`,
        dueOn: addWorkingDays(p.proposedOn, DECISION_WORKING_DAYS, bankHolidays),
        roles: missing,
        namedStaffIds: [],
        excludedStaffIds: [p.proposedBy],
        href: `/proposals/${p.proposalId}`,
      }),
    )
  }

  // F8: an interim restriction is ratified by both decision-makers within the working days allowed. After that date it
  // has lapsed and can no longer be ratified, so it leaves the list: nothing more can be done about it.
  for (const p of sources.ratifications) {
    if (p.proposalStatus !== 'awaiting_decision' || today > p.ratifyBy) continue
    const missing = dueRoles.ratification.filter((role) => !p.decidedRoles.includes(role))
    if (missing.length === 0) continue
    out.push(
      item({
        kind: 'ratification',
        id: p.proposalId,
        personId: p.personId,
        personName: p.personName,
        caseId: p.caseId,
        title: `Ratify or end the interim restriction on ${p.personName}`,
        dueOn: p.ratifyBy,
        roles: missing,
        namedStaffIds: [],
        href: `/proposals/${p.proposalId}`,
      }),
    )
  }

  // F8, F9: a lapsed interim restriction still has its letter to come: the person is told it has ended. The daily job
  // writes it; until that letter is issued it is due (overdue from the day after the ratify-by date), for those who
  // issue letters.
  for (const p of sources.lapsedInterims ?? []) {
    if (p.proposalStatus !== 'awaiting_decision' || today <= p.ratifyBy || p.endLetterId !== null) continue
    out.push(
      item({
        kind: 'ratification',
        id: p.proposalId,
        personId: p.personId,
        personName: p.personName,
        caseId: p.caseId,
        title: `Interim restriction on ${p.personName} lapsed: write to the person`,
        dueOn: p.ratifyBy,
        roles: lapsedInterimRoles,
        namedStaffIds: [],
        href: `/proposals/${p.proposalId}`,
      }),
    )
  }

  // F10: a challenge is answered by its respond-by date, by a senior reviewer not involved in the case.
  for (const c of sources.challenges) {
    if (c.decided) continue
    out.push(
      item({
        kind: 'challenge',
        id: c.challengeId,
        personId: c.personId,
        personName: c.personName,
        caseId: c.caseId,
        title: `Decide ${c.personName}’s challenge to a ${c.of}`,
        dueOn: c.respondBy,
        namedStaffIds: [],
        excludedStaffIds: c.involved,
        href: `/challenges/${c.challengeId}`,
      }),
    )
  }

  // F3: when the monitoring period after a warning ends, someone decides what happens next (close the case, or propose
  // a restriction). The officer who issued the warning is named.
  for (const w of sources.monitoring) {
    if (w.withdrawn || !w.caseOpen || w.followedByProposal) continue
    out.push(
      item({
        kind: 'monitoring',
        id: w.warningId,
        personId: w.personId,
        personName: w.personName,
        caseId: w.caseId,
        title: `Monitoring after the warning to ${w.personName} ends: decide what happens next`,
        dueOn: w.monitoringEndsOn,
        namedStaffIds: [w.issuedBy],
        href: `/cases/${w.caseId}`,
      }),
    )
  }

  // K3: safety markers have review dates; the review continues, amends or removes the marker.
  for (const m of sources.safetyMarkers) {
    if (m.removed) continue
    out.push(
      item({
        kind: 'safety_marker',
        id: m.markerId,
        personId: m.personId,
        personName: m.personName,
        caseId: null,
        title: `Review the safety marker on ${m.personName}`,
        dueOn: m.reviewOn,
        namedStaffIds: m.createdBy ? [m.createdBy] : [],
        href: `/safety-markers/${m.markerId}/review`,
      }),
    )
  }

  // F11: every item of correspondence on a closed matter is read. Our service standard (not a rule of the procedure):
  // read by the end of the next working day after it arrived.
  for (const q of sources.closedMatterItems) {
    if (q.read) continue
    out.push(
      item({
        kind: 'closed_matter_item',
        id: q.itemId,
        personId: q.personId,
        personName: q.personName,
        caseId: null,
        title: `Read correspondence from ${q.personName} on a closed matter`,
        dueOn: closedMatterReadBy(q.receivedOn, bankHolidays),
        namedStaffIds: [],
        href: `/closed-matters/${q.itemId}`,
      }),
    )
  }

  // F9 (issue 14): a restriction whose letter did not arrive is a fairness problem: the person may not know. A letter
  // returned or not sent is due at once, until a correction of it (sent anew) is issued.
  for (const l of sources.undeliveredLetters ?? []) {
    if (l.corrected) continue
    out.push(
      item({
        kind: 'letter',
        id: l.letterId,
        personId: l.personId,
        personName: l.personName,
        caseId: l.caseId,
        title: `Letter ${l.reference} to ${l.personName} ${l.status === 'returned' ? 'was returned' : 'could not be sent'}: write to the person again`,
        dueOn: l.since,
        namedStaffIds: [],
        href: `/letters/${l.letterId}`,
      }),
    )
  }
  return out.sort(compareDue)
}

/** F11: read by the next working day after it arrived. */
export function closedMatterReadBy(receivedOn: string, bankHolidays: ReadonlySet<string>): string {
  return addWorkingDays(receivedOn, 1, bankHolidays)
}

/** The items a staff user's roles make them responsible for, one list per role they hold (in the order given). */
export function worklistsFor(items: readonly DueItem[], held: readonly Role[]): { role: Role; items: DueItem[] }[] {
  return held
    .filter((role) => responsibleRoles.includes(role))
    .map((role) => ({ role, items: items.filter((i) => i.roles.includes(role)) }))
}

/** Every role responsible for some kind of item. */
export const responsibleRoles: readonly Role[] = [
  ...new Set([...Object.values(dueRoles).flat(), ...lapsedInterimRoles]),
]

/** The reminder stages: a few days before (the setting), on the day, and once when overdue. */
export type ReminderStage = 'before' | 'due' | 'overdue'
export const reminderStageNames: Record<ReminderStage, string> = {
  before: 'Coming up',
  due: 'Due today',
  overdue: 'Overdue',
}

/**
 * The reminder an item calls for today, if any: `before` once it is within `daysBefore` calendar days, `due` on the day,
 * `overdue` after. Each is sent once (the reminder log's unique key), so a missed day is caught up on the next run.
 */
export function reminderStage(item: Pick<DueItem, 'dueOn'>, today: string, daysBefore: number): ReminderStage | null {
  const days = daysBetween(today, item.dueOn)
  if (days < 0) return 'overdue'
  if (days === 0) return 'due'
  if (daysBefore > 0 && days <= daysBefore) return 'before'
  return null
}
