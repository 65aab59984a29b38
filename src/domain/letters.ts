// Letters (F2, F3, F7, F8, F9, F10): what every letter of the procedure must say, checked before it is issued, and
// a canonical plain-text form of it (hashed when issued, shown in the preview and the case file). Pure: no I/O.
// Wording helpers are in letter-wording.ts, the facts in letter-facts.ts, and the letters are composed in
// letter-compose.ts and letter-outcomes.ts; all are re-exported here so callers import from one place.

import { longDate, sectionHeadings } from './letter-wording.ts'

export const letterTypes = [
  'warning',
  'restriction',
  'interim_restriction',
  'review_outcome',
  'challenge_outcome',
  'end_of_restriction',
] as const
export type LetterType = (typeof letterTypes)[number]

export const letterTypeNames: Record<LetterType, string> = {
  warning: 'Warning letter',
  restriction: 'Restriction letter',
  interim_restriction: 'Interim restriction letter',
  review_outcome: 'Review outcome letter',
  challenge_outcome: 'Challenge outcome letter',
  end_of_restriction: 'End of restriction letter',
}

export interface LetterRecipient {
  fullName: string
  /** The postal address, one line each, postcode last: shown through a DL window envelope. */
  addressLines: string[]
  /** F9: how the letter reaches the person: by post, or by email for someone with no postal address. Absent: post. */
  method?: 'post' | 'email' | undefined
  /** With `method: 'email'`, the address it goes to. */
  email?: string | undefined
}

/** The lines under the person's name where the letter shows where it goes: the postal address, or the email. */
export function recipientLines(recipient: LetterRecipient): string[] {
  return recipient.method === 'email' ? [`By email: ${recipient.email ?? ''}`] : recipient.addressLines
}

export interface LetterSender {
  councilName: string
  returnAddressLines: string[]
  /** A way of contacting the council that the person is still allowed to use (e.g. the named officer's address). */
  contactRoute: string
}

export interface LetterSection {
  key: string
  heading: string
  paragraphs: string[]
  bullets?: string[]
}

export interface Signatory {
  name: string
  role: string
}

export interface LetterContent {
  type: LetterType
  /** The first heading: the outcome, in the person's terms ("We are limiting how you can contact us"). */
  title: string
  reference: string
  quoteReferenceLine: string
  /** `YYYY-MM-DD`: the date of the letter. */
  date: string
  recipient: LetterRecipient
  sender: LetterSender
  sections: LetterSection[]
  nextSteps: string[]
  signatories: Signatory[]
  /** The person's agreed adjustments ask for large print (at least 16pt body text). */
  largePrint: boolean
}

/** The section keys each letter must have, from the rule it applies (letters guidance). */
export const requiredSections: Record<LetterType, readonly string[]> = {
  // F3: the behaviour (with dates), why it is unacceptable, the change asked for, what may happen, monitoring, and
  // how to challenge the facts (F10).
  warning: ['what_happened', 'why_a_problem', 'what_we_ask', 'what_may_happen', 'monitoring', 'facts_wrong'],
  // F9 (with F7 for the review date and F10 for the challenge).
  restriction: ['why', 'what_we_are_doing', 'how_long', 'how_to_contact', 'how_to_challenge', 'ombudsman'],
  // F8 + F9: as a restriction; how_long also says the decision-makers confirm or end it by the ratify-by date.
  interim_restriction: ['why', 'what_we_are_doing', 'how_long', 'how_to_contact', 'how_to_challenge', 'ombudsman'],
  // F7: a review continues, varies or lifts.
  review_outcome: ['outcome', 'reasons', 'how_long', 'how_to_contact', 'ombudsman'],
  // F10: the outcome of a challenge is written to the person.
  challenge_outcome: ['outcome', 'reasons', 'what_happens_next', 'ombudsman'],
  end_of_restriction: ['what_has_ended', 'reasons', 'how_to_contact'],
}

export interface LetterProblem {
  key: string
  heading: string
}

const filled = (value: string | undefined) => (value ?? '').trim().length > 0
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** What stops a letter being issued: missing or empty required sections and details. Empty means ready (F9). */
export function checkLetter(content: LetterContent): LetterProblem[] {
  const problems: LetterProblem[] = []
  if (!filled(content.title)) problems.push({ key: 'title', heading: 'Title stating the outcome' })
  if (!filled(content.reference)) problems.push({ key: 'reference', heading: 'Reference' })
  if (!ISO_DATE.test(content.date) || longDate(content.date) === '')
    problems.push({ key: 'date', heading: 'Date of the letter' })
  if (!filled(content.recipient.fullName)) problems.push({ key: 'recipient_name', heading: 'Recipient name' })
  const reachable =
    content.recipient.method === 'email'
      ? filled(content.recipient.email ?? '')
      : content.recipient.addressLines.some(filled)
  if (!reachable) problems.push({ key: 'recipient_address', heading: 'Recipient address' })
  if (!filled(content.sender.councilName)) problems.push({ key: 'sender', heading: 'Council name' })
  if (!content.sender.returnAddressLines.some(filled))
    problems.push({ key: 'return_address', heading: 'Council return address' })
  if (!filled(content.sender.contactRoute)) problems.push({ key: 'contact_route', heading: 'How to contact us' })

  for (const key of requiredSections[content.type]) {
    const section = content.sections.find((s) => s.key === key)
    const hasText = section && (section.paragraphs.some(filled) || (section.bullets ?? []).some(filled))
    if (!section || !filled(section.heading) || !hasText) {
      problems.push({
        key,
        heading: section && filled(section.heading) ? section.heading : (sectionHeadings[key] ?? key),
      })
    }
  }

  const signed = content.signatories.filter((s) => filled(s.name) && filled(s.role))
  if (signed.length === 0) problems.push({ key: 'signatory', heading: 'Signatory name and role' })
  // F4: a restriction is decided by two different people, and both sign the letter.
  const distinct = new Set(signed.map((s) => s.name.trim().toLowerCase()))
  if (content.type === 'restriction' && distinct.size < 2)
    problems.push({ key: 'second_signatory', heading: 'Both decision-makers as signatories (F4)' })
  return problems
}

/** "Dear Jane Smith": the greeting every rendering uses. */
export function greeting(content: LetterContent): string {
  return `Dear ${content.recipient.fullName.trim()}`
}

export const signOff = 'Yours sincerely'
export const endOfLetter = 'End of letter'

/** The canonical plain-text form of a letter: the same content in the same order as the PDF and the Word file. */
export function letterText(content: LetterContent): string {
  const lines: string[] = []
  const block = (...more: string[]) => lines.push(...more)
  block(content.sender.councilName, ...content.sender.returnAddressLines, content.sender.contactRoute, '')
  block(content.recipient.fullName, ...recipientLines(content.recipient), '')
  block(`Date: ${longDate(content.date)}`, `Our reference: ${content.reference}`, content.quoteReferenceLine, '')
  block(`# ${content.title}`, '', `${greeting(content)},`, '')
  for (const section of content.sections) {
    block(`## ${section.heading}`, '')
    for (const paragraph of section.paragraphs) block(paragraph, '')
    if (section.bullets?.length) block(...section.bullets.map((b) => `- ${b}`), '')
  }
  if (content.nextSteps.length) block('## Next steps', '', ...content.nextSteps.map((s) => `- ${s}`), '')
  block(`${signOff},`, '')
  for (const s of content.signatories) block(s.name, s.role, '')
  block(endOfLetter)
  return lines.join('\n') + '\n'
}

export * from './letter-wording.ts'
export * from './restriction-wording.ts'
export * from './letter-facts.ts'
export * from './letter-compose.ts'
export * from './letter-outcomes.ts'
