// What each kind of restriction (F5a–e) does to one contact, for the contact check (contact-check.ts). Pure.
import type { CheckContact, CheckReason, CheckRestriction, Verdict } from './contact-check.ts'
import type { Channel } from './contacts.ts'
import { londonClock, londonDate } from './london-time.ts'
import { channelLimit } from './open-channels.ts'
import { describeDate, describeWindows, validWindow, weekdayOf, windowsContaining } from './phone-windows.ts'
import type { RestrictionSpec } from './restrictions.ts'

/** Channels whose contacts are correspondence: they can be read and filed (F11). */
export const writtenChannels: ReadonlySet<Channel> = new Set<Channel>(['letter', 'email', 'web', 'social_media'])

/** What one applicable restriction does to this contact. `proceed` effects only inform. */
export interface Effect {
  verdict: Verdict
  reason: CheckReason
  /** Staff instructions, used when this effect decides the verdict (redirect ones also under read_and_file). */
  conditions: string[]
  /** Sentences for the script, used when this effect decides the verdict. */
  say: string[]
  howToContact: string[]
}

const how: Record<Channel, string> = {
  letter: 'by letter',
  email: 'by email',
  phone: 'by telephone',
  in_person: 'in person',
  web: 'through the online form',
  social_media: 'through social media',
}

const noun: Record<Channel, string> = {
  letter: 'letter',
  email: 'email',
  phone: 'call',
  in_person: 'visit',
  web: 'message',
  social_media: 'message',
}

export function joinOr(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
export const unique = (items: string[]) => [...new Set(items.filter((item) => item.trim() !== ''))]
type Terms<T extends RestrictionSpec['type']> = Extract<RestrictionSpec, { type: T }>

/** F5a: one form of contact (or several) only. Social media is never in the list, so never permitted. */
function contactMethod(r: CheckRestriction, terms: Terms<'contact_method'>, contact: CheckContact): Effect {
  const ways = unique(terms.channels.map((c) => how[c]))
  const to = terms.address?.trim() ? `, to ${terms.address.trim()}` : ''
  const permitted = ways.length ? `${joinOr(ways)}${to}` : 'in the way set out in their restriction letter'
  const reason = (text: string): CheckReason => ({ rule: 'F5a', restrictionId: r.id, text })
  const howToContact = [capitalise(permitted)]
  // The same question the letters ask of every channel (open-channels.ts).
  if (channelLimit(terms, contact.channel).kind === 'open') {
    return {
      verdict: 'proceed',
      reason: reason(`Contact is limited to ${permitted}; this contact is ${how[contact.channel]}, which is permitted`),
      conditions: [],
      say: [],
      howToContact,
    }
  }
  return {
    verdict: 'redirect',
    reason: reason(`Contact is limited to ${permitted}; this contact is ${how[contact.channel]}`),
    conditions: [`Contact is limited to ${permitted}: any reply goes that way`],
    say: [`You can only contact the council ${permitted}, so I'm not able to deal with this ${how[contact.channel]}.`],
    howToContact,
  }
}

/** F5b: contact with a named officer only, with a deputy for their absence. */
function namedContact(r: CheckRestriction, terms: Terms<'named_contact'>, contact: CheckContact): Effect {
  const officer = {
    id: terms.staffUserId,
    name: r.namedOfficer?.name ?? 'the named officer',
    absent: r.namedOfficer?.absent ?? false,
  }
  const deputy = terms.deputyStaffUserId
    ? { id: terms.deputyStaffUserId, name: r.deputy?.name ?? 'the deputy', absent: r.deputy?.absent ?? false }
    : undefined
  const reason = (text: string): CheckReason => ({ rule: 'F5b', restrictionId: r.id, text })
  const howToContact = [`Through ${officer.name}, the named officer`]
  if (deputy) howToContact.push(`Through ${deputy.name}, the deputy, when ${officer.name} is away`)
  const staff = contact.staffUserId
  if (staff === officer.id) {
    return {
      verdict: 'proceed_with_conditions',
      reason: reason(`Contact is with a named officer only: ${officer.name}, who is dealing with this`),
      conditions: ['The named officer deals with this'],
      say: [],
      howToContact,
    }
  }
  if (deputy && staff === deputy.id && officer.absent) {
    return {
      verdict: 'proceed_with_conditions',
      reason: reason(`Contact is with a named officer only: ${officer.name} is away, so the deputy deals with this`),
      conditions: [`The deputy deals with this while ${officer.name} is away`],
      say: [`${officer.name} is away, so I'm dealing with this for them.`],
      howToContact,
    }
  }
  const target = !officer.absent ? officer : deputy && !deputy.absent ? deputy : undefined
  const passed = writtenChannels.has(contact.channel)
    ? `I have passed your ${noun[contact.channel]} to them.`
    : `I'll pass your details to them.`
  if (target) {
    const who = target === officer ? `${officer.name}, the named officer` : `${target.name}, the deputy`
    return {
      verdict: 'redirect',
      reason: reason(
        `Contact is with a named officer only${officer.absent ? ` (${officer.name} is away)` : ''}: pass it to ${who}`,
      ),
      conditions: [`Pass it to ${who}`],
      say: [`Your contact with the council is through ${target.name}, so ${passed}`],
      howToContact,
    }
  }
  return {
    verdict: 'redirect',
    reason: reason(`Contact is with a named officer only: ${officer.name} is away and no deputy is available`),
    conditions: [`Pass it to ${officer.name} for their return; if it cannot wait, to their manager`],
    say: [`Your contact with the council is through ${officer.name}, who is away at the moment, so ${passed}`],
    howToContact,
  }
}

/** F5c: telephone calls only on set days and times (London wall clock). Other channels are not affected. */
function phoneTimes(r: CheckRestriction, terms: Terms<'phone_times'>, contact: CheckContact): Effect {
  const windows = terms.windows.filter(validWindow)
  const permitted = windows.length ? describeWindows(windows) : 'no days or times'
  const limit = terms.maxCallMinutes ? `Calls last at most ${terms.maxCallMinutes} minutes` : undefined
  const reason = (text: string): CheckReason => ({ rule: 'F5c', restrictionId: r.id, text })
  const howToContact = windows.length
    ? [
        `By telephone on ${permitted}${terms.maxCallMinutes ? `, for up to ${terms.maxCallMinutes} minutes a call` : ''}`,
      ]
    : []
  if (channelLimit(terms, contact.channel).kind === 'open') {
    return {
      verdict: 'proceed',
      reason: reason(`Telephone calls are limited to ${permitted}; this is not a call, so it is not affected`),
      conditions: [],
      say: [],
      howToContact,
    }
  }
  const date = londonDate(contact.at)
  const clock = londonClock(contact.at)
  const inside = windowsContaining(windows, date, clock)
  if (inside.length) {
    const ends = inside.map((w) => w.to).sort()
    return {
      verdict: 'proceed_with_conditions',
      reason: reason(`Telephone calls are limited to ${permitted}; this call is inside those times`),
      conditions: unique([limit ?? '', `The permitted time ends at ${ends.at(-1) ?? ''}`]),
      say: terms.maxCallMinutes
        ? [`I can help with this now; this call can last up to ${terms.maxCallMinutes} minutes.`]
        : [],
      howToContact,
    }
  }
  const day = capitalise(weekdayOf(date))
  return {
    verdict: 'redirect',
    reason: reason(`Telephone calls are limited to ${permitted}; this call, at ${clock} on ${day}, is outside them`),
    conditions: [],
    say: windows.length
      ? [`You can telephone the council on ${permitted}, so I'm not able to deal with this call now.`]
      : [`I'm not able to deal with this by telephone.`],
    howToContact,
  }
}

/** F5d: an agreement about future contact: staff follow its terms. */
function contactAgreement(r: CheckRestriction, terms: Terms<'contact_agreement'>): Effect {
  const agreed = terms.agreedOn ? ` (agreed on ${describeDate(terms.agreedOn)})` : ''
  return {
    verdict: 'proceed_with_conditions',
    reason: { rule: 'F5d', restrictionId: r.id, text: `A contact agreement${agreed} sets how contact happens` },
    conditions: [`Follow the contact agreement: ${terms.terms}`],
    say: [`I can help with this, in line with the contact agreement we have with you.`],
    howToContact: [`As the contact agreement sets out: ${terms.terms}`],
  }
}

/** F5e, F11: correspondence on one matter is closed. Contact on anything else is dealt with on its merits (P3). */
function matterClosed(r: CheckRestriction, terms: Terms<'matter_closed'>, contact: CheckContact): Effect {
  const ref = r.matter ? `${r.matter.reference} (${r.matter.subject})` : 'the closed matter'
  const reason = (text: string): CheckReason => ({ rule: 'F5e', restrictionId: r.id, text })
  if (contact.matter?.id !== terms.matterId) {
    const about = contact.matter ? `this contact is about ${contact.matter.reference}` : 'this contact is not on it'
    return {
      verdict: 'proceed',
      reason: reason(
        `Correspondence on ${ref} is closed; ${about}, so this does not block it: a new matter is considered on its merits (P3). If it turns out to be about ${ref}, check again with that matter`,
      ),
      conditions: [],
      say: [],
      howToContact: [],
    }
  }
  const replyText =
    terms.reply === 'acknowledge' ? 'acknowledge it, without reopening the matter' : 'file it without acknowledgement'
  const conditions = [
    `Read it for fresh evidence that affects the decision on ${ref}`,
    'Check it for safeguarding concerns, and act on any',
    `Unless it holds fresh evidence that affects the decision, ${replyText}`,
  ]
  if (contact.matter.status === 'open') conditions.push('The matter is recorded as open again: ask the case officer')
  let say: string
  if (!writtenChannels.has(contact.channel)) {
    say = `Correspondence about ${ref} has closed, so I'm not able to discuss it further. If you have new information that could change the decision, or a concern about someone's safety, please tell me.`
  } else if (terms.reply === 'acknowledge') {
    say = `Thank you for your ${noun[contact.channel]} about ${ref}. Correspondence about it has closed, and the council has nothing further to add.`
  } else {
    say = 'Do not reply: once it has been read, file it without acknowledgement.'
  }
  return {
    verdict: 'read_and_file',
    reason: reason(
      `Correspondence on ${ref} is closed: read it for fresh evidence and safeguarding concerns, then ${replyText}`,
    ),
    conditions,
    say: [say],
    howToContact: [],
  }
}

export function effectOf(r: CheckRestriction, contact: CheckContact): Effect {
  const terms = r.terms
  switch (terms.type) {
    case 'contact_method':
      return contactMethod(r, terms, contact)
    case 'named_contact':
      return namedContact(r, terms, contact)
    case 'phone_times':
      return phoneTimes(r, terms, contact)
    case 'contact_agreement':
      return contactAgreement(r, terms)
    case 'matter_closed':
      return matterClosed(r, terms, contact)
  }
}
