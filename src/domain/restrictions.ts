// Restrictions (F5, F6, F7): what a restriction says, how long it may last, and what state it is in on a given day.
// Pure: dates are `YYYY-MM-DD` strings in UK local time; `today` is always passed in, never read from a clock.

export const restrictionTypes = [
  'contact_method',
  'named_contact',
  'phone_times',
  'contact_agreement',
  'matter_closed',
] as const
export type RestrictionType = (typeof restrictionTypes)[number]

/** F5a: the channels a person may be limited to. */
export const restrictionChannels = ['letter', 'email', 'phone', 'in_person', 'web'] as const
export type RestrictionChannel = (typeof restrictionChannels)[number]

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const
export type Weekday = (typeof weekdays)[number]

/** `Monday` for `monday`. */
export const weekdayName = (day: Weekday) => `${day.charAt(0).toUpperCase()}${day.slice(1)}`

export const matterClosedReplies = ['acknowledge', 'file_without_acknowledgement'] as const
export type MatterClosedReply = (typeof matterClosedReplies)[number]

/** F6: a restriction covers one or more services, or the whole council. */
export type Scope = { councilWide: true } | { services: string[] }

/** A permitted telephone window (F5c), Europe/London wall-clock times, `from` < `to`, `HH:MM`. */
export interface PhoneWindow {
  day: Weekday
  from: string
  to: string
}

/** The terms of one restriction, as the API contract writes them. */
export type RestrictionTerms =
  | { type: 'contact_method'; channels: RestrictionChannel[]; address?: string | undefined }
  | { type: 'named_contact'; staffUserId: string; deputyStaffUserId?: string | undefined }
  | { type: 'phone_times'; windows: PhoneWindow[]; maxCallMinutes?: number | undefined }
  | { type: 'contact_agreement'; terms: string; agreedOn?: string | undefined }
  | { type: 'matter_closed'; matterId: string; reply: MatterClosedReply }

export type RestrictionSpec = RestrictionTerms & { scope: Scope }

export const restrictionTypeNames: Record<RestrictionType, string> = {
  contact_method: 'Contact by one method only',
  named_contact: 'Contact with a named officer only',
  phone_times: 'Telephone calls only at set times',
  contact_agreement: 'A contact agreement',
  matter_closed: 'Correspondence on one matter closed',
}

export const restrictionChannelNames: Record<RestrictionChannel, string> = {
  letter: 'Letter',
  email: 'Email',
  phone: 'Telephone',
  in_person: 'In person',
  web: 'Online form',
}

/** The rule of the procedure each restriction type applies (F5a–e). */
export const restrictionRules: Record<RestrictionType, string> = {
  contact_method: 'F5a',
  named_contact: 'F5b',
  phone_times: 'F5c',
  contact_agreement: 'F5d',
  matter_closed: 'F5e',
}

/**
 * What the contract calls a restriction's status (F7, F9):
 * - `awaiting_decision`: proposed, the decision-makers have not both approved (F4);
 * - `approved`: both approved, but not yet in force: the letter is not issued (F9) or the start date is still to come;
 * - `active`: in force today;
 * - `lapsed`: past its end date, or an interim restriction not ratified in time (F8), with no job having run;
 * - `lifted`: ended early by a review, a challenge, or replaced by a new decision;
 * - `rejected`: a decision-maker rejected the proposal (F4), or an interim restriction was not ratified (F8).
 */
export const restrictionStatuses = ['awaiting_decision', 'approved', 'active', 'lapsed', 'lifted', 'rejected'] as const
export type RestrictionStatus = (typeof restrictionStatuses)[number]

export interface RestrictionState {
  proposalStatus: 'awaiting_decision' | 'approved' | 'rejected'
  /** When the restriction letter (F9) or the interim restriction letter (F8) was issued. */
  noticeIssuedOn: string | null
  /** F8: set when the restriction was imposed at once, before both decisions. */
  interim: { imposedOn: string; ratifyBy: string } | null
  startsOn: string
  endsOn: string
  liftedOn: string | null
}

/** The status of a restriction on `today`: derived, so that nothing has to run at midnight for it to be right (F7). */
export function restrictionStatus(state: RestrictionState, today: string): RestrictionStatus {
  if (state.proposalStatus === 'rejected') return 'rejected'
  if (state.liftedOn !== null && state.liftedOn <= today) return 'lifted'
  if (today > state.endsOn) return 'lapsed'
  if (state.interim && state.proposalStatus !== 'approved') {
    // F8: in force from its imposition until it is ratified by both, or until the deadline passes.
    if (today > state.interim.ratifyBy) return 'lapsed'
    return today >= state.interim.imposedOn ? 'active' : 'approved'
  }
  if (state.proposalStatus === 'awaiting_decision') return 'awaiting_decision'
  if (state.noticeIssuedOn === null && !state.interim) return 'approved'
  return today >= state.startsOn ? 'active' : 'approved'
}

/** Whether a restriction is in force on `today` (what the contact check counts: F7, F9). */
export function inForce(state: RestrictionState, today: string): boolean {
  return restrictionStatus(state, today) === 'active'
}

/** Whether a restriction's scope covers a contact with `service` (F6). No service known: only council-wide ones do. */
export function scopeCovers(scope: Scope, service: string | null | undefined): boolean {
  if ('councilWide' in scope) return true
  if (!service) return false
  const wanted = service.trim().toLowerCase()
  return scope.services.some((s) => s.trim().toLowerCase() === wanted)
}

export function describeScope(scope: Scope): string {
  if ('councilWide' in scope) return 'The whole council'
  return scope.services.join(', ')
}
