// The contact check (V1–V5): may a member of staff deal with this contact, and how? Pure: everything it needs is
// passed in (the person's restrictions in any status, their safety markers, the contact, the bank holidays); the
// instant is read on the Europe/London wall clock. It tells staff what they need, never the case file (K7): no
// incident, no decision reasons, only what the person may do and what to say.
//
// Decisions the procedure leaves open, taken here:
// - S2: a contact about a councillor's conduct (`regarding: 'councillor_conduct'`) goes to the Monitoring Officer and
//   the Standards Committee whoever makes it: the procedure "does not apply to issues or actions relating to County
//   Councillors". A councillor contacting as a private resident (no `regarding`) is a person like anyone else, and
//   their restrictions count.
// - S3 and S2 come first: a restriction is never applied to an FOI/EIR request or a councillor-conduct matter, so the
//   restrictions are not listed as reasons there (they would invite a refusal under the wrong process).
// - Several restrictions: the most restrictive verdict wins and every applicable restriction is a reason. A closed
//   matter's correspondence (F11) that arrives in writing by a channel the person may not use is `read_and_file`, not
//   `redirect`: F11 says every item is still read for fresh evidence and safeguarding, and a redirect would leave it
//   unread. On a live channel (phone, in person) `redirect` wins: staff cannot file a call.
// - F5c on a bank holiday: the restriction names days and times, not working days, so a window on a bank holiday is
//   still a permitted time; the check flags it ("the council may be closed").
// - F6: with no service known and a restriction in force for some service, staff are never told "no restriction":
//   the answer says what applies for each such service and for anything else (`byService`, `otherServicesVerdict`),
//   asks which service it is about (`serviceNeeded`), and its `verdict` is the most restrictive of them, so that an
//   integration reading only the verdict never waves the person through.
// - S3: a new FOI or EIR request (`regarding: 'foi_request' | 'eir_request'`) goes to the statutory process whatever
//   the restrictions and the channel, as a contact on an FOI or EIR matter does.
// - P4, K3: with uncertain identity the service runs the check for every candidate (checkCandidates): the verdict is
//   the most restrictive of theirs and every candidate's safety-marker precautions are shown.
// - F5e: two matter_closed restrictions on one matter that disagree on the reply: acknowledging wins (P6).
import type { Channel } from './contacts.ts'
import { longDate } from './letter-wording.ts'
import { londonDate } from './london-time.ts'
import { statutoryProcess } from './matters.ts'
import type { MatterType } from './matters.ts'
import { describeDate, nextWindow, validWindow } from './phone-windows.ts'
import { effectOf, joinOr, unique, writtenChannels } from './restriction-effects.ts'
import { inForce, scopeCovers } from './restrictions.ts'
import type { MatterClosedReply, PhoneWindow, RestrictionSpec, RestrictionState, Weekday } from './restrictions.ts'

export interface CheckStaffMember {
  id: string
  name: string
  absent: boolean
}

export interface CheckRestriction extends RestrictionState {
  id: string
  terms: RestrictionSpec
  /** F5b: the named officer, resolved by the service (their id is `terms.staffUserId`). */
  namedOfficer?: CheckStaffMember | undefined
  deputy?: CheckStaffMember | undefined
  /** F5e: the closed matter. */
  matter?: { id: string; reference: string; subject: string } | undefined
}

export interface CheckSafetyMarker {
  precautions: string
  reviewOn: string
}

export interface CheckMatter {
  id: string
  type: MatterType
  service: string
  reference: string
  status: 'open' | 'closed'
}

export interface CheckContact {
  channel: Channel
  /** The instant; evaluated on the Europe/London wall clock. */
  at: Date
  /** Who is dealing with it. */
  staffUserId?: string | undefined
  matter?: CheckMatter | undefined
  /** The service the contact is about; otherwise the matter's service (F6). */
  service?: string | undefined
  /** S2: the contact is about a councillor's conduct; S3: it is a new FOI or EIR request. */
  regarding?: Regarding | undefined
}

/** England and Wales bank holidays: their dates, or their dates with names (GOV.UK titles). */
export type BankHolidays = ReadonlySet<string> | ReadonlyMap<string, string>

export interface CheckInput {
  person: { id: string; fullName: string; isCouncillor: boolean }
  /** All of the person's restrictions, in any status: the check decides which count (F7, F9). */
  restrictions: CheckRestriction[]
  safetyMarkers: CheckSafetyMarker[]
  contact: CheckContact
  bankHolidays: BankHolidays
}

/** What a contact is about, when it belongs to another process whatever the restrictions (S2, S3). */
export const regardings = ['foi_request', 'eir_request', 'councillor_conduct'] as const
export type Regarding = (typeof regardings)[number]

export const verdicts = [
  'proceed',
  'proceed_with_conditions',
  'redirect',
  'read_and_file',
  'not_this_procedure',
] as const
export type Verdict = (typeof verdicts)[number]

export interface CheckReason {
  rule: string
  restrictionId?: string
  text: string
}

export interface CheckResult {
  verdict: Verdict
  reasons: CheckReason[]
  /** What staff say or write to the person (or, where nothing is said, what to do). */
  script: string
  conditions: string[]
  howToContact: string[]
  namedOfficer?: { id: string; name: string } | undefined
  deputy?: { id: string; name: string } | undefined
  permittedCallTimes?: { day: Weekday; from: string; to: string }[] | undefined
  nextWindow?: { date: string; from: string; to: string; bankHoliday?: string } | undefined
  reply?: MatterClosedReply | undefined
  safetyMarkers: CheckSafetyMarker[]
  /** F6: no service was given and a restriction in force covers some service: ask which service it is about. */
  serviceNeeded?: boolean | undefined
  /** F6: what applies for each service a restriction in force covers (with `serviceNeeded`). */
  byService?: { service: string; verdict: Verdict; script: string; howToContact: string[] }[] | undefined
  /** F6: what applies to contact about anything else (with `serviceNeeded`). */
  otherServicesVerdict?: Verdict | undefined
}

/** Channels whose contacts are correspondence (F11). */
export { writtenChannels }

/**
 * How restrictive a verdict is for a contact on `channel` (higher is more restrictive). Written correspondence on a
 * closed matter is read even when it came the wrong way (F11), so there `read_and_file` outranks `redirect`.
 */
export function verdictRank(verdict: Verdict, channel: Channel): number {
  const written = writtenChannels.has(channel)
  switch (verdict) {
    case 'proceed':
      return 0
    case 'proceed_with_conditions':
      return 1
    case 'redirect':
      return written ? 2 : 3
    case 'read_and_file':
      return written ? 3 : 2
    case 'not_this_procedure':
      return 4
  }
}

/** S3 then S2: contacts that belong to another process. */
function otherProcess(input: CheckInput): { reasons: CheckReason[]; say: string[]; howToContact: string[] } | null {
  const reasons: CheckReason[] = []
  const say: string[] = []
  const howToContact: string[] = []
  const matter = input.contact.matter
  const statutory = matter ? statutoryProcess(matter.type) : null
  const regarding = input.contact.regarding
  if ((regarding === 'foi_request' || regarding === 'eir_request') && !statutory) {
    const foi = regarding === 'foi_request'
    const type = foi ? 'foi' : 'eir'
    reasons.push({ rule: 'S3', text: statutoryProcess(type) ?? '' })
    say.push(
      `Your request will be dealt with under ${foi ? 'the Freedom of Information Act 2000' : 'the Environmental Information Regulations 2004'}, by the team that handles those requests.`,
    )
    howToContact.push(
      `Through the council's ${foi ? 'Freedom of Information' : 'Environmental Information Regulations'} process`,
    )
  }
  if (matter && statutory) {
    const act =
      matter.type === 'foi' ? 'the Freedom of Information Act 2000' : 'the Environmental Information Regulations 2004'
    reasons.push({ rule: 'S3', text: statutory })
    say.push(
      `Your request ${matter.reference} will be dealt with under ${act}, by the team that handles those requests.`,
    )
    howToContact.push(
      `Through the council's ${matter.type === 'foi' ? 'Freedom of Information' : 'Environmental Information Regulations'} process`,
    )
  }
  if (input.contact.regarding === 'councillor_conduct') {
    const whose = input.person.isCouncillor ? 'their conduct as a councillor' : "a councillor's conduct"
    reasons.push({
      rule: 'S2',
      text: `This is about ${whose}: it goes to the Monitoring Officer and the Standards Committee, never under this procedure`,
    })
    say.push(
      input.person.isCouncillor
        ? 'Matters about your conduct as a councillor are dealt with by the Monitoring Officer and the Standards Committee.'
        : "Complaints about a councillor's conduct are dealt with by the Monitoring Officer and the Standards Committee. I can give you their details.",
    )
    howToContact.push('Through the Monitoring Officer (Standards Committee)')
  }
  return reasons.length ? { reasons, say, howToContact } : null
}

/**
 * V1–V5 for one person. F6: with no service given and a restriction in force for some service, the answer is worked
 * out for each such service and for anything else, and leads with the question.
 */
export function checkContact(input: CheckInput): CheckResult {
  const { contact } = input
  const anythingElse = checkOne(input)
  if (contact.service?.trim() || contact.matter?.service || anythingElse.verdict === 'not_this_procedure') {
    return anythingElse
  }
  const today = londonDate(contact.at)
  const services = unique(
    input.restrictions
      .filter((r) => inForce(r, today))
      .flatMap((r) => ('services' in r.terms.scope ? r.terms.scope.services.map((s) => s.trim()) : [])),
  )
  if (services.length === 0) return anythingElse
  const rank = (v: Verdict) => verdictRank(v, contact.channel)
  const byService = services.map((service) => ({
    service,
    result: checkOne({ ...input, contact: { ...contact, service } }),
  }))
  // The same answer whatever the service: no need to ask.
  if (byService.every((s) => s.result.verdict === anythingElse.verdict)) return anythingElse
  const worst = byService.reduce((w, s) => (rank(s.result.verdict) > rank(w.verdict) ? s.result : w), anythingElse)
  const question: CheckReason = {
    rule: 'F6',
    text: `Ask which service this is about first: a restriction covers contact about ${joinOr(services)}. ${byService
      .map((s) => `About ${s.service}: ${verdictWords[s.result.verdict]}.`)
      .join(' ')} About anything else: ${verdictWords[anythingElse.verdict]}.`,
  }
  return {
    ...worst,
    verdict: worst.verdict,
    reasons: [question, ...worst.reasons.filter((r) => !(r.rule === 'V1' || r.rule === 'F6'))],
    serviceNeeded: true,
    byService: byService.map((s) => ({
      service: s.service,
      verdict: s.result.verdict,
      script: s.result.script,
      howToContact: s.result.howToContact,
    })),
    otherServicesVerdict: anythingElse.verdict,
  }
}

/** The verdicts in words, for the question that leads a check with no service (F6). */
export const verdictWords: Record<Verdict, string> = {
  proceed: 'no restriction applies',
  proceed_with_conditions: 'deal with it under conditions',
  redirect: 'explain how they may contact us and log the attempt',
  read_and_file: 'read it and file it',
  not_this_procedure: 'another process deals with it',
}

/**
 * P4, K3: when it is not known which of several people this is, the check is made for each: the most restrictive
 * verdict wins (an integration reading only the verdict never waves a restricted person through), and every
 * candidate's safety-marker precautions are shown.
 */
export function checkCandidates(candidates: readonly CheckInput[]): CheckResult | undefined {
  const results = candidates.map(checkContact)
  const first = results[0]
  const channel = candidates[0]?.contact.channel
  if (!first || !channel) return undefined
  const worst = results.reduce((w, r) => (verdictRank(r.verdict, channel) > verdictRank(w.verdict, channel) ? r : w))
  const safetyMarkers = results.flatMap((r) => r.safetyMarkers)
  const precautions = unique(safetyMarkers.map((m) => m.precautions.trim()))
  const verdict = worst.verdict === 'proceed' && precautions.length ? 'proceed_with_conditions' : worst.verdict
  return {
    ...worst,
    verdict,
    safetyMarkers,
    conditions: unique([...precautions, ...worst.conditions]),
  }
}

function checkOne(input: CheckInput): CheckResult {
  const { contact } = input
  const today = londonDate(contact.at)
  const service = contact.service?.trim() || contact.matter?.service
  const safetyMarkers = input.safetyMarkers.map((m) => ({ precautions: m.precautions, reviewOn: m.reviewOn }))
  // P4: safety markers are shown at every contact, whatever the verdict; their precautions are conditions (V2).
  const safetyReasons: CheckReason[] = safetyMarkers.map((m) => ({
    rule: 'P4',
    text: `A staff safety marker is recorded (review due ${longDate(m.reviewOn) || m.reviewOn}): follow its precautions`,
  }))
  const precautions = unique(safetyMarkers.map((m) => m.precautions.trim()))

  const other = otherProcess(input)
  if (other) {
    return {
      verdict: 'not_this_procedure',
      reasons: [...other.reasons, ...safetyReasons],
      script: other.say.join(' '),
      conditions: precautions,
      howToContact: other.howToContact,
      safetyMarkers,
    }
  }

  // F7, F9: only restrictions in force today count; F6: only those whose scope covers this contact.
  const live = input.restrictions.filter((r) => inForce(r, today))
  const applicable = live.filter((r) => scopeCovers(r.terms.scope, service))
  const rank = (v: Verdict) => verdictRank(v, contact.channel)
  const effects = applicable
    .map((r) => ({ r, effect: effectOf(r, contact) }))
    .sort((a, b) => rank(b.effect.verdict) - rank(a.effect.verdict))
  const top = effects.reduce<Verdict>(
    (v, { effect }) => (rank(effect.verdict) > rank(v) ? effect.verdict : v),
    'proceed',
  )
  const verdict: Verdict = top === 'proceed' && precautions.length ? 'proceed_with_conditions' : top
  const deciding = effects.filter(({ effect }) => effect.verdict === top && top !== 'proceed').map((e) => e.effect)
  const redirects = effects.filter(({ effect }) => effect.verdict === 'redirect').map((e) => e.effect)

  const reasons: CheckReason[] = effects.map(({ effect }) => effect.reason)
  if (top === 'proceed') reasons.push({ rule: 'V1', text: 'No formal restriction applies to this contact' })
  if (!service) {
    const scoped = unique(
      live.flatMap((r) => ('services' in r.terms.scope ? r.terms.scope.services.map((s) => s.trim()) : [])),
    )
    if (scoped.length) {
      reasons.push({
        rule: 'F6',
        text: `No service was given: a restriction covers contact about ${joinOr(scoped)}. If this contact is about ${scoped.length === 1 ? 'it' : 'one of those'}, choose the service and check again`,
      })
    }
  }
  reasons.push(...safetyReasons)

  // F5c: the next permitted time, common to every phone-time restriction that applies.
  const phone = applicable.flatMap((r) => (r.terms.type === 'phone_times' ? [r.terms] : []))
  const permittedCallTimes = phone.length
    ? dedupeWindows(phone.flatMap((t) => t.windows.filter(validWindow)))
    : undefined
  const phoneRedirected = effects.some(
    ({ r, effect }) => r.terms.type === 'phone_times' && effect.verdict === 'redirect',
  )
  const next = phoneRedirected
    ? nextWindow(
        phone.map((t) => t.windows),
        contact.at,
      )
    : undefined
  const holiday = next ? bankHolidayName(input.bankHolidays, next.date) : undefined

  const say = unique(deciding.flatMap((e) => e.say))
  const conditions = [...precautions]
  if (top === 'redirect') {
    if (next) {
      const closed = holiday ? ` That day is a bank holiday (${holiday}), when the council may be closed.` : ''
      say.push(`The next time you can call is ${describeDate(next.date)}, ${next.from} to ${next.to}.${closed}`)
    }
    conditions.push(
      ...deciding.flatMap((e) => e.conditions),
      'Do not deal with the substance of the contact: explain how they may make contact, and log the attempt',
    )
  } else if (top === 'read_and_file') {
    conditions.push(...deciding.flatMap((e) => e.conditions), ...redirects.flatMap((e) => e.conditions))
  } else {
    conditions.push(...deciding.flatMap((e) => e.conditions))
  }

  let script: string
  if (verdict === 'proceed') script = 'No restriction applies: deal with this contact in the usual way.'
  else if (say.length) script = say.join(' ')
  else script = 'Deal with this contact, following the conditions.'

  const named = applicable.find((r) => r.terms.type === 'named_contact')
  const namedTerms = named?.terms.type === 'named_contact' ? named.terms : undefined
  const replies = effects.flatMap(({ r }) =>
    r.terms.type === 'matter_closed' && r.terms.matterId === contact.matter?.id ? [r.terms.reply] : [],
  )
  const howToContact = unique(effects.flatMap(({ effect }) => effect.howToContact))

  return {
    verdict,
    reasons,
    script,
    conditions: unique(conditions),
    howToContact: howToContact.length ? howToContact : ["Any of the council's usual ways"],
    namedOfficer:
      named && namedTerms
        ? { id: namedTerms.staffUserId, name: named.namedOfficer?.name ?? 'the named officer' }
        : undefined,
    deputy:
      named && namedTerms?.deputyStaffUserId
        ? { id: namedTerms.deputyStaffUserId, name: named.deputy?.name ?? 'the deputy' }
        : undefined,
    permittedCallTimes,
    nextWindow: next ? { ...next, ...(holiday ? { bankHoliday: holiday } : {}) } : undefined,
    reply:
      top === 'read_and_file'
        ? replies.includes('acknowledge')
          ? 'acknowledge'
          : 'file_without_acknowledgement'
        : undefined,
    safetyMarkers,
  }
}

function dedupeWindows(windows: PhoneWindow[]): { day: Weekday; from: string; to: string }[] {
  const seen = new Map(windows.map((w) => [`${w.day} ${w.from} ${w.to}`, { day: w.day, from: w.from, to: w.to }]))
  return [...seen.values()]
}

function bankHolidayName(holidays: BankHolidays, date: string): string | undefined {
  if (!holidays.has(date)) return undefined
  const name = 'get' in holidays ? holidays.get(date) : undefined
  return name?.trim() || 'Bank holiday'
}
