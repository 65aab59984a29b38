// Building blocks for composing letters (letter-compose.ts, letter-outcomes.ts). Internal: not re-exported.

import type { LetterContent, LetterSection, LetterType, Signatory } from './letters.ts'
import type { CommonLetterFacts, Paragraphs } from './letter-facts.ts'
import { gettingHelpParagraphs, sectionHeadings } from './letter-wording.ts'
import {
  type RestrictionForLetter,
  describeRestriction,
  describeScopeForLetter,
  howYouCanStillContactUs,
} from './restriction-wording.ts'

export const paras = (text: Paragraphs | undefined): string[] =>
  (typeof text === 'string' ? [text] : [...(text ?? [])]).map((p) => p.trim()).filter(Boolean)

/** Stock sentences around the facts only when there are facts: an empty fact leaves its section empty for checkLetter. */
export function around(core: string[], before: string[], after: string[] = []): string[] {
  return core.length ? [...before, ...core, ...after] : []
}

export function section(key: string, paragraphs: string[], bullets?: string[], heading?: string): LetterSection {
  const items = (bullets ?? []).map((b) => b.trim()).filter(Boolean)
  return {
    key,
    heading: heading ?? sectionHeadings[key] ?? key,
    paragraphs: paragraphs.map((p) => p.trim()).filter(Boolean),
    ...(items.length ? { bullets: items } : {}),
  }
}

export function letter(
  type: LetterType,
  facts: CommonLetterFacts,
  title: string,
  sections: LetterSection[],
  nextSteps: string[],
  signatories: Signatory[],
): LetterContent {
  const reference = facts.reference.trim()
  return {
    type,
    title,
    reference,
    quoteReferenceLine: `Please quote ${reference} in any reply.`,
    date: facts.date,
    recipient: {
      fullName: facts.recipient.fullName.trim(),
      addressLines: facts.recipient.addressLines.map((l) => l.trim()).filter(Boolean),
      ...(facts.recipient.method === 'email' && { method: 'email' as const, email: facts.recipient.email?.trim() }),
    },
    sender: {
      councilName: facts.councilName.trim(),
      returnAddressLines: facts.returnAddressLines.map((l) => l.trim()).filter(Boolean),
      contactRoute: facts.contactRoute.trim(),
    },
    sections: [...sections, section('getting_help', gettingHelpParagraphs(facts.contactRoute))],
    nextSteps,
    signatories: signatories.map((s) => ({ name: s.name.trim(), role: s.role.trim() })),
    largePrint: facts.largePrint,
  }
}

/** The restrictions as bullets, and the scope once when they all share it (F5, F6). */
export function restrictionBullets(restrictions: readonly RestrictionForLetter[]): {
  scope: string[]
  bullets: string[]
} {
  const scopes = new Set(restrictions.map((r) => JSON.stringify(r.scope)))
  const first = restrictions[0]
  if (scopes.size === 1 && first) {
    return { scope: [describeScopeForLetter(first.scope)], bullets: restrictions.map(describeRestriction) }
  }
  return { scope: [], bullets: restrictions.map((r) => `${describeRestriction(r)} ${describeScopeForLetter(r.scope)}`) }
}

/**
 * How the person can contact us (F9): every way still open under all the restrictions in force together, this
 * letter's and any others of theirs (`others`), or the usual ways when none are.
 */
export function contactSection(
  restrictions: readonly RestrictionForLetter[],
  contactRoute: string,
  others: readonly RestrictionForLetter[] = [],
): LetterSection {
  const all = [...restrictions, ...others]
  const lines = howYouCanStillContactUs(all, contactRoute)
  return section('how_to_contact', lines, [], all.length === 0 ? 'How you can contact us' : undefined)
}

/** The next step after limits end: the usual ways, unless other limits still apply. */
export function usualWaysAgain(others: readonly RestrictionForLetter[] | undefined): string {
  return others?.length
    ? 'Other limits on how you can contact us still apply, as this letter explains.'
    : 'You can contact us in the usual way.'
}
