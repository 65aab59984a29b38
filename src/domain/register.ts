// K2: what the register of restricted people tells staff about each restriction: how necessary contact still happens,
// and how to respond when the person gets in touch. Pure: the names of officers and matters are passed in.
import { describePhoneWindows, longDate, type RestrictionForLetter } from './letter-wording.ts'
import type { RestrictionChannel } from './restrictions.ts'

const channelPhrases: Record<RestrictionChannel, string> = {
  letter: 'by letter',
  email: 'by email',
  phone: 'by telephone',
  in_person: 'in person',
  web: 'through the online form',
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`
}

const officerOf = (r: { namedOfficerName?: string | undefined }) => r.namedOfficerName?.trim() || 'the named officer'

function matterOf(r: { matterReference?: string | undefined; matterSubject?: string | undefined }): string {
  const ref = r.matterReference?.trim()
  const subject = r.matterSubject?.trim()
  if (ref && subject) return `${ref} (${subject})`
  return ref || (subject ? `the matter about ${subject}` : 'the closed matter')
}

/** K2: how necessary contact still happens while the restriction applies (F9: how they can still contact us). */
export function necessaryContact(r: RestrictionForLetter): string {
  switch (r.type) {
    case 'contact_method': {
      const address = r.address?.trim()
      return `${capitalise(joinOr(r.channels.map((c) => channelPhrases[c])))} only${address ? `, to ${address}` : ''}.`
    }
    case 'named_contact': {
      const deputy = r.deputyName?.trim()
      return `Through ${officerOf(r)}${deputy ? `, or ${deputy} when they are away` : ''}.`
    }
    case 'phone_times': {
      const length = r.maxCallMinutes ? ` Calls can last up to ${r.maxCallMinutes} minutes.` : ''
      return `By telephone on ${describePhoneWindows(r.windows)}; in other ways as usual.${length}`
    }
    case 'contact_agreement':
      return `As the contact agreement says: ${r.terms.trim()}`
    case 'matter_closed':
      return `As usual on any other matter. Anything about ${matterOf(r)} is read, and answered only if it holds new information.`
  }
}

/** K2, V3: a short line per restriction type telling staff how to respond when the person makes contact. */
export function staffResponse(r: RestrictionForLetter): string {
  switch (r.type) {
    case 'contact_method':
      return `Explain politely that they can only contact us ${joinOr(r.channels.map((c) => channelPhrases[c]))}; do not discuss the matter in any other way, and record the attempt.`
    case 'named_contact': {
      const deputy = r.deputyName?.trim()
      return `Take their name and pass the contact to ${officerOf(r)}${deputy ? ` (or ${deputy} when they are away)` : ''}; do not deal with the matter yourself.`
    }
    case 'phone_times': {
      const length = r.maxCallMinutes
        ? ` Keep calls to ${r.maxCallMinutes} minutes and say when the time is nearly up.`
        : ''
      return `Outside the permitted times, explain politely when they can call and end the call; do not discuss the matter.${length}`
    }
    case 'contact_agreement':
      return 'Follow the contact agreement; if they contact us outside it, remind them politely of what was agreed.'
    case 'matter_closed': {
      const reply = r.reply === 'acknowledge' ? 'acknowledge it' : 'file it without acknowledgement'
      return `Read anything about ${matterOf(r)} for new information and safeguarding concerns, then ${reply} unless it holds new information. Treat a new complaint on its merits (P3).`
    }
  }
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}

/** K2: when the services in scope were told: the register is how they are told, from the day the letter was issued. */
export function servicesTold(scopeText: string, noticeOn: string | null): string {
  if (!noticeOn) return 'Not yet: services are told through this register once the person has been written to (F9).'
  return `Services in scope (${scopeText}) were told on ${longDate(noticeOn)} through this register.`
}
