// The facts each letter is composed from (F2, F3, F7, F8, F9, F10): plain values the services gather from the record.

import type { LetterRecipient, Signatory } from './letters.ts'
import type { Ombudsman } from './nations.ts'
import type { RestrictionForLetter } from './restriction-wording.ts'

/** One paragraph, or several. */
export type Paragraphs = string | readonly string[]

/** What every letter needs, whatever it says. */
export interface CommonLetterFacts {
  councilName: string
  returnAddressLines: string[]
  /** A contact route the person is still allowed to use, e.g. "Sam Jones, Customer Relations, PO Box 1, …". */
  contactRoute: string
  /** The case reference, e.g. `CASE-2026-000012`. */
  reference: string
  /** `YYYY-MM-DD`: the date of the letter. */
  date: string
  recipient: LetterRecipient
  largePrint: boolean
  /** The Ombudsman of the council's nation (issue 14); the LGSCO when not given. */
  ombudsman?: Ombudsman | undefined
}

export interface BehaviourExample {
  /** `YYYY-MM-DD`, when known. */
  date?: string | undefined
  description: string
}

/** F3 (after F2): the warning. */
export interface WarningLetterFacts extends CommonLetterFacts {
  /** What happened and when (F3: with dates or examples). */
  behaviour: BehaviourExample[]
  whyUnacceptable: Paragraphs
  /** The change asked for, one item each. */
  changeRequested: string[]
  /** What may happen if it continues, one item each. */
  consequences: string[]
  monitoringWeeks: number
  monitoringEndsOn: string
  /** F10: the last day to tell us the facts are wrong. */
  challengeBy: string
  signatory: Signatory
}

/** F9 (F4, F5, F6, F7, F10): the restriction. */
export interface RestrictionLetterFacts extends CommonLetterFacts {
  /** Why: the decision-makers' reasons, in plain words for the person. */
  rationale: Paragraphs
  /** F2: when the warning letter was sent, if there was one. */
  warningSentOn?: string | undefined
  /** F2: contacts and incidents recorded since the warning; the letter says the problems continued only if any were. */
  recordedSinceWarning?: number | undefined
  restrictions: RestrictionForLetter[]
  startsOn: string
  endsOn: string
  reviewOn: string
  challengeBy: string
  /** Restrictions of other decisions still in force: the ways still open are worked out from all of them (F9). */
  otherRestrictions?: RestrictionForLetter[] | undefined
  /** F4: both decision-makers (the interim letter may have one: the officer who imposed it). */
  signatories: Signatory[]
}

/** F8 + F9: a restriction imposed at once, to be confirmed or ended by the decision-makers by `ratifyBy`. */
export interface InterimRestrictionLetterFacts extends RestrictionLetterFacts {
  /** What happened that put staff at immediate risk, in plain words for the person. */
  immediateRiskSummary: Paragraphs
  ratifyBy: string
}

/** F7: a review continues, varies or lifts the restrictions. */
export interface ReviewOutcomeLetterFacts extends CommonLetterFacts {
  outcome: 'continue' | 'vary' | 'lift'
  reasons: Paragraphs
  /** The restrictions in force after the review (none when lifted). */
  restrictions: RestrictionForLetter[]
  /** When they end; when lifted, the day they ended. */
  endsOn: string
  nextReviewOn?: string | undefined
  /** Restrictions of other decisions still in force: the ways still open are worked out from all of them (F9). */
  otherRestrictions?: RestrictionForLetter[] | undefined
  /** When varied: the last day to challenge the new terms (F10), if the council offers it. */
  challengeBy?: string | undefined
  signatories: Signatory[]
}

/** F10: the outcome of a challenge to a warning (on the facts) or a restriction. */
export interface ChallengeOutcomeLetterFacts extends CommonLetterFacts {
  about: 'warning' | 'restriction'
  outcome: 'upheld' | 'varied' | 'not_upheld'
  reasons: Paragraphs
  receivedOn: string
  /** The date of the letter that was challenged. */
  challengedLetterDate?: string | undefined
  /** A restriction varied or not upheld: the restrictions now in force. */
  restrictions?: RestrictionForLetter[] | undefined
  endsOn?: string | undefined
  reviewOn?: string | undefined
  /** Restrictions of other decisions still in force: the ways still open are worked out from all of them (F9). */
  otherRestrictions?: RestrictionForLetter[] | undefined
  /** Anything else the person should know, one paragraph each. */
  whatHappensNext?: string[] | undefined
  /** F10: a challenge received after its window: whether it was heard anyway, and why. */
  late?: { heard: boolean; reason: Paragraphs } | undefined
  /** The senior officer not involved in the decision who decided the challenge. */
  signatory: Signatory
}

/** The restrictions have ended: lifted, lapsed at their end date (F7), not ratified (F8), or a challenge upheld (F10). */
export interface EndOfRestrictionLetterFacts extends CommonLetterFacts {
  reason: 'lifted' | 'lapsed' | 'not_ratified' | 'challenge_upheld'
  endedOn: string
  reasons: Paragraphs
  /** The restrictions that have ended, to name them. */
  restrictions?: RestrictionForLetter[] | undefined
  /** Restrictions of other decisions still in force: the ways still open are worked out from all of them (F9). */
  otherRestrictions?: RestrictionForLetter[] | undefined
  signatories: Signatory[]
}
