import { describePhoneWindows, joinAnd, longDate } from './letter-wording.ts'
import { type MatterType, matterTypeNames } from './matters.ts'
import { type OpenWays, waysStillOpen } from './open-channels.ts'
import { type RestrictionChannel, type RestrictionSpec, type Scope, restrictionChannels } from './restrictions.ts'

// How each type of restriction (F5a-e) is put into words: to the person in a letter (what it is, whom it covers, how
// they can still contact us: F6, F9) and to staff in the register (how necessary contact still happens and how to
// respond: K2). A new type of restriction is worded here, in each switch; the compiler points to every one. Pure: the
// names of officers and matters are passed in.

/** Channels as the register words them for staff. */
const staffChannelPhrases: Record<RestrictionChannel, string> = {
  letter: 'by letter',
  email: 'by email',
  phone: 'by telephone',
  in_person: 'in person',
  web: 'through the online form',
}

const joinOr = (items: readonly string[]) => joinAnd(items, 'or')

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

/** "waste" for `Waste`, "HMO licensing" as it is: a service named inside a sentence. */
function serviceInSentence(service: string): string {
  const s = service.trim()
  return /^[A-Z][a-z]/.test(s) ? `${s.charAt(0).toLowerCase()}${s.slice(1)}` : s
}

/** The permitted channels as things the person can do: "write to us by letter or email", "visit us in person", … */
function waysToDo(channels: readonly RestrictionChannel[]): string[] {
  const has = (c: RestrictionChannel) => channels.includes(c)
  const written = (['letter', 'email'] as const).filter(has)
  const ways: string[] = []
  if (written.length) ways.push(`write to us by ${joinOr(written)}`)
  if (has('web')) ways.push('use our online form')
  if (has('in_person')) ways.push('visit us in person')
  if (has('phone')) ways.push('telephone us')
  return ways
}

/** One part of the council's contact (some services, or everything else) as the person reads it. */
function describeOpenWays(ways: OpenWays<RestrictionForLetter>, anyScoped: boolean): string {
  const services = ways.services ? joinAnd(ways.services.map(serviceInSentence)) : undefined
  // The first sentence says which contact it is about; the others carry it in their middle.
  const opening = services ? `About ${services}, you` : anyScoped ? 'For anything else, you' : 'You'
  const about = services ? ` about ${services}` : anyScoped ? ' about anything else' : ''
  const sentences: string[] = []
  const say = (first: string, then: string) => sentences.push(sentences.length ? then : first)
  if (ways.restrictions.length === 0) return `${opening} can contact us in any of the usual ways.`
  const open = restrictionChannels.filter((c) => ways.channels[c].open)
  const anyTime = open.filter((c) => {
    const way = ways.channels[c]
    return way.open && !way.times
  })
  const todo = waysToDo(anyTime)
  // F5a: where the permitted ways go, when the restriction says.
  const written = anyTime.some((c) => c === 'letter' || c === 'email' || c === 'web')
  const joiner = written ? 'to' : anyTime.includes('in_person') ? 'at' : 'on'
  const address = ways.addresses.length ? `, ${joiner} ${joinOr(ways.addresses)}` : ''
  if (todo.length) say(`${opening} can ${joinOr(todo)} at any time${address}.`, '')
  const phone = ways.channels.phone
  if (phone.open && phone.times) {
    const length = phone.times.maxCallMinutes ? ` Each call can last up to ${phone.times.maxCallMinutes} minutes.` : ''
    const when = `only on ${describePhoneWindows(phone.times.windows)}.${length}`
    say(`${opening} can telephone us ${when}`, `You can telephone us${about} ${when}`)
  }
  if (open.length < restrictionChannels.length) {
    say(
      `${opening} cannot contact us in other ways while these limits apply.`,
      `Please do not contact us${about} in any other way while these limits apply.`,
    )
  }
  const named = ways.namedContact
  if (named) {
    const officer = named.namedOfficerName?.trim()
    const deputy = named.deputyName?.trim()
    const who = officer ? `${officer}, your named officer` : 'your named officer'
    const away = officer ? `When ${firstName(officer)} is away` : 'When they are away'
    const ask = `please ask for ${who}, or address what you send to them.${deputy ? ` ${away}, contact ${deputy} instead.` : ''}`
    say(
      `${opening} can contact us in any of the usual ways, but ${ask}`,
      `Whichever way you contact us${about}, ${ask}`,
    )
  }
  for (const agreement of ways.agreements) {
    const when = agreement.agreedOn && longDate(agreement.agreedOn) ? ` on ${longDate(agreement.agreedOn)}` : ''
    const terms = agreement.terms.trim().replace(/([^.!?])$/, '$1.')
    say(
      `${opening} can contact us as we agreed${when}: ${terms}`,
      `Please also keep to what we agreed with you${when}: ${terms}`,
    )
  }
  return sentences.filter(Boolean).join(' ')
}

/**
 * How the person can still reach the council while the restrictions apply (F9 good practice; P3, F11): every way still
 * open, worked out from all the restrictions in force together (their types, channels and scopes: waysStillOpen, the
 * contact check's own logic), then each closed matter, the council's contact details and new complaints (P3).
 */
export function howYouCanStillContactUs(restrictions: readonly RestrictionForLetter[], contactRoute: string): string[] {
  const parts = waysStillOpen(restrictions)
  const anyScoped = parts.some((p) => p.services !== null)
  const lines = parts.map((p) => describeOpenWays(p, anyScoped))
  for (const r of restrictions) {
    if (r.type !== 'matter_closed') continue
    const reply =
      r.reply === 'acknowledge'
        ? 'we will read what you send and acknowledge it, but we will only reply further if it contains new information'
        : 'we will read what you send, and reply only if it contains new information'
    lines.push(`About ${closedMatter(r)}: ${reply}.`)
  }
  lines.push(`Our contact details: ${contactRoute.trim()}`)
  lines.push('If you have a new concern or complaint, we will look at it on its merits, as we would for anyone.')
  return lines
}

// --- The register (K2): the same restrictions as staff need them ---------------------------------------------------

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
      return `${capitalise(joinOr(r.channels.map((c) => staffChannelPhrases[c])))} only${address ? `, to ${address}` : ''}.`
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
      return `Explain politely that they can only contact us ${joinOr(r.channels.map((c) => staffChannelPhrases[c]))}; do not discuss the matter in any other way, and record the attempt.`
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
