// The wording letters share (F5, F6, F9): dates and times written out, each restriction in plain English for the
// person, how they can still contact us, and the Ombudsman. Pure.

import type { MatterType } from './matters.ts'
import { matterTypeNames } from './matters.ts'
import type { PhoneWindow, RestrictionChannel, RestrictionSpec, Scope, Weekday } from './restrictions.ts'
import { weekdays } from './restrictions.ts'

/** A restriction as a letter describes it: its terms plus the names the person needs (staff, the closed matter). */
export type RestrictionForLetter = RestrictionSpec & {
  /** named_contact: the named officer's full name. */
  namedOfficerName?: string | undefined
  /** named_contact: who to contact when the named officer is away. */
  deputyName?: string | undefined
  /** matter_closed: `CMP-2026-000123`. */
  matterReference?: string | undefined
  /** matter_closed: the matter's subject, in the person's words where possible. */
  matterSubject?: string | undefined
  /** matter_closed: the kind of matter ("complaint"); a complaint when not given. */
  matterType?: MatterType | undefined
}

/** The plain heading each section has unless a letter words it differently. */
export const sectionHeadings: Record<string, string> = {
  what_happened: 'What happened',
  why_a_problem: 'Why this is a problem',
  what_we_ask: 'What we are asking you to do',
  what_may_happen: 'What may happen if this continues',
  monitoring: 'How long we will keep this under review',
  facts_wrong: 'If you think we have got the facts wrong',
  why: 'Why we are doing this',
  what_we_are_doing: 'What we are doing',
  how_long: 'How long this will last',
  how_to_contact: 'How you can still contact us',
  how_to_challenge: 'How to challenge this decision',
  ombudsman: 'If you are still unhappy',
  outcome: 'What we have decided',
  reasons: 'Why we made this decision',
  what_happens_next: 'What happens next',
  what_has_ended: 'What has ended',
  getting_help: 'Getting help',
}

export const ombudsman = {
  name: 'Local Government and Social Care Ombudsman',
  website: 'www.lgo.org.uk',
  phone: '0300 061 0614',
}

const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** `2027-01-07` as "7 January 2027"; an invalid date is ''. */
export function longDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return ''
  const date = new Date(`${isoDate}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(isoDate)) return ''
  return longDateFormat.format(date)
}

/** `10:00` as "10am", `14:30` as "2:30pm", `12:00` as "12 noon", `00:00` as "12 midnight". */
export function spokenTime(clock: string): string {
  const [h = 0, m = 0] = clock.split(':').map(Number)
  if (m === 0 && h === 12) return '12 noon'
  if (m === 0 && (h === 0 || h === 24)) return '12 midnight'
  const hour = h % 12 === 0 ? 12 : h % 12
  const minutes = m === 0 ? '' : `:${String(m).padStart(2, '0')}`
  return `${hour}${minutes}${h < 12 ? 'am' : 'pm'}`
}

const dayNames: Record<Weekday, string> = {
  monday: 'Mondays',
  tuesday: 'Tuesdays',
  wednesday: 'Wednesdays',
  thursday: 'Thursdays',
  friday: 'Fridays',
  saturday: 'Saturdays',
  sunday: 'Sundays',
}

/** "a, b and c" */
export function joinAnd(items: readonly string[], word = 'and'): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1] ?? ''}`
}

/** Telephone windows grouped by day in week order: "Tuesdays, 10am to 12 noon, and Thursdays, 2pm to 4pm". */
export function describePhoneWindows(windows: readonly PhoneWindow[]): string {
  const byDay = weekdays
    .map((day) => ({
      day,
      times: windows
        .filter((w) => w.day === day)
        .sort((a, b) => a.from.localeCompare(b.from))
        .map((w) => `${spokenTime(w.from)} to ${spokenTime(w.to)}`),
    }))
    .filter((d) => d.times.length > 0)
  const days = byDay.map((d) => `${dayNames[d.day]}, ${joinAnd(d.times)}`)
  // Each day already has a comma in it, so the last one is joined with ", and".
  return days.length > 1 ? `${days.slice(0, -1).join(', ')}, and ${days[days.length - 1] ?? ''}` : days.join('')
}

const channelPhrases: Record<RestrictionChannel, string> = {
  letter: 'by letter',
  email: 'by email',
  phone: 'by telephone',
  in_person: 'in person',
  web: 'using our online form',
}

function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? fullName
}

function closedMatter(r: {
  matterReference?: string | undefined
  matterSubject?: string | undefined
  matterType?: MatterType | undefined
}): string {
  const kind = matterTypeNames[r.matterType ?? 'complaint'].toLowerCase()
  const ref = r.matterReference?.trim()
  const subject = r.matterSubject?.trim()
  if (!ref) return subject ? `your ${kind} about ${subject}` : `this ${kind}`
  return subject ? `${kind} ${ref} (${subject})` : `${kind} ${ref}`
}

/** One restriction in plain English, addressed to the person (F5). */
export function describeRestriction(r: RestrictionForLetter): string {
  switch (r.type) {
    case 'contact_method': {
      const how = joinAnd(
        r.channels.map((c) => channelPhrases[c]),
        'or',
      )
      const address = r.address?.trim()
      return `You can contact us ${how} only${address ? `, to ${address}` : ''}.`
    }
    case 'named_contact': {
      const officer = r.namedOfficerName?.trim()
      const deputy = r.deputyName?.trim()
      const who = officer ? `${officer}, your named officer` : 'your named officer'
      const away = officer ? `When ${firstName(officer)} is away` : 'When they are away'
      return `Please contact only ${who}.${deputy ? ` ${away}, contact ${deputy}.` : ''}`
    }
    case 'phone_times': {
      const length = r.maxCallMinutes ? ` Each call can last up to ${r.maxCallMinutes} minutes.` : ''
      return `You can telephone us only on ${describePhoneWindows(r.windows)}.${length}`
    }
    case 'contact_agreement': {
      const when = r.agreedOn && longDate(r.agreedOn) ? ` on ${longDate(r.agreedOn)}` : ''
      return `We agreed with you${when} how we will keep in touch: ${r.terms.trim()}`
    }
    case 'matter_closed': {
      const reply =
        r.reply === 'acknowledge'
          ? 'we will only acknowledge it, unless it contains new information'
          : 'we will not reply unless it contains new information'
      return `We have closed our correspondence on ${closedMatter(r)}. We will still read anything you send about it, but ${reply}.`
    }
  }
}

/** Who a restriction's scope covers, for the person (F6: contracted providers too). */
export function describeScopeForLetter(scope: Scope): string {
  if ('councilWide' in scope)
    return 'This applies to all council services, and to organisations that provide council services for us.'
  const services = scope.services.map((s) => s.trim()).filter(Boolean)
  const one = services.length === 1
  return `This applies to ${joinAnd(services)}, and to organisations that provide ${one ? 'that service' : 'those services'} for us.`
}

/** How the person can still reach the council while the restrictions apply (F9 good practice; P3, F11). */
export function howYouCanStillContactUs(restrictions: readonly RestrictionForLetter[], contactRoute: string): string[] {
  const lines: string[] = []
  for (const r of restrictions) {
    if (r.type === 'contact_method') {
      const address = r.address?.trim()
      const how = joinAnd(
        r.channels.map((c) => channelPhrases[c]),
        'or',
      )
      lines.push(`${how.charAt(0).toUpperCase()}${how.slice(1)}${address ? `, to ${address}` : ''}.`)
    } else if (r.type === 'named_contact') {
      const officer = r.namedOfficerName?.trim()
      const deputy = r.deputyName?.trim()
      const away = officer ? `${firstName(officer)} is` : 'they are'
      const also = deputy ? ` (or ${deputy} when ${away} away)` : ''
      lines.push(`Through ${officer ? `${officer}, your named officer` : 'your named officer'}${also}.`)
    } else if (r.type === 'phone_times') {
      lines.push(`By telephone on ${describePhoneWindows(r.windows)}.`)
    } else if (r.type === 'matter_closed') {
      lines.push(`About ${closedMatter(r)}: we will read what you send, and reply only if it contains new information.`)
    }
  }
  if (restrictions.length === 0) lines.push('You can contact us in any of the usual ways.')
  lines.push(`Our contact details: ${contactRoute.trim()}`)
  lines.push('If you have a new concern or complaint, we will look at it on its merits, as we would for anyone.')
  return lines
}

/** The Ombudsman section's paragraphs: the person's right once our route is exhausted (F9 good practice). */
export function ombudsmanParagraphs(afterWhat: string): string[] {
  return [
    `If you are still unhappy ${afterWhat}, you can ask the ${ombudsman.name} to look at it. The Ombudsman is free and independent of the council. They will usually expect you to have finished our own process first.`,
    `Website: ${ombudsman.website}. Telephone: ${ombudsman.phone}.`,
  ]
}

/** The help paragraph every letter ends its sections with (P5: reasonable adjustments). */
export function gettingHelpParagraphs(contactRoute: string): string[] {
  return [
    'If you would like this letter in another format, such as large print or another language, or you would like someone to help you deal with us, such as a friend, relative or advocate, please tell us.',
    `You can reach us here: ${contactRoute.trim()}`,
  ]
}
