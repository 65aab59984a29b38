import type { z } from 'zod'
import { channelNames, channels, directions, type Channel, type Direction } from '../../domain/contacts.ts'
import { parseDate, parseWhen } from '../../domain/import-dates.ts'
import { choose } from '../../domain/import.ts'
import {
  complaintStages,
  matterOutcomes,
  matterTypeNames,
  type ComplaintStage,
  type MatterOutcome,
  type MatterType,
} from '../../domain/matters.ts'
import { email, text } from '../../web/validation.ts'
import { newContact } from '../contacts/schema.ts'
import { newMatter } from '../matters/schema.ts'
import { newPerson, type NewPerson } from '../people/schema.ts'

// One row of a CSV file read into what will be stored, with the same field rules as the forms and the API
// (`newPerson`, `newMatter`, `newContact`), so an imported phone number or postcode is normalised exactly as a typed
// one. Nothing is guessed: a value that cannot be read rejects the row, with the reason.

export type Read<T> = { ok: true; value: T } | { ok: false; reasons: string[] }

// Field rules are built once: building a zod schema costs more than running it, and a file has 100,000 rows.
const externalRef = (label: string) => text(label, { max: 100 })
const rules = {
  externalRef: externalRef('the external reference'),
  personRef: externalRef('the person’s external reference'),
  matterRef: externalRef('the matter’s external reference'),
  staffEmail: email(),
}

export interface PersonRow {
  externalRef?: string
  person: NewPerson
}

export interface MatterRow {
  externalRef?: string
  personRef: string
  type: MatterType
  subject: string
  service: string
  status: 'open' | 'closed'
  openedAt?: Date
  closedAt?: Date
  outcome?: MatterOutcome
  processExhausted: boolean
  complaintStage: ComplaintStage | null
}

export interface ContactRow {
  personRef: string
  matterRef?: string
  channel: Channel
  direction: Direction
  at: Date
  summary: string
  minutesSpent?: number
  staffEmail?: string
}

/** Collects the reasons a row is rejected, one per field, each starting with the field's label. */
class Reasons {
  readonly list: string[] = []
  add(label: string, message: string) {
    this.list.push(`${label}: ${message}`)
  }
  /** Runs one field rule; undefined (with a reason noted) when the value breaks it. */
  check<T>(label: string, schema: z.ZodType<T>, value: unknown): T | undefined {
    const result = schema.safeParse(value)
    if (result.success) return result.data
    this.add(label, result.error.issues[0]?.message ?? 'Not valid')
    return undefined
  }
}

const personLabels: Record<string, string> = {
  fullName: 'Full name',
  aliases: 'Other name',
  emails: 'Email address',
  phones: 'Phone number',
  line1: 'Address line 1',
  line2: 'Address line 2',
  town: 'Town',
  postcode: 'Postcode',
  dateOfBirth: 'Date of birth',
}

export function readPerson(values: Record<string, string>): Read<PersonRow> {
  const reasons = new Reasons()
  const ref =
    values.externalRef === undefined
      ? undefined
      : reasons.check('External reference', rules.externalRef, values.externalRef)
  const fullName = values.fullName ?? [values.firstName, values.lastName].filter(Boolean).join(' ')
  let dateOfBirth: string | undefined
  if (values.dateOfBirth !== undefined) {
    const date = parseDate(values.dateOfBirth)
    if (date.ok) dateOfBirth = date.date
    else reasons.add('Date of birth', date.message)
  }
  const { line1, line2, town, postcode } = values
  const hasAddress = [line1, line2, town, postcode].some((v) => v !== undefined)
  const input = {
    fullName,
    aliases: values.alias === undefined ? [] : [values.alias],
    emails: values.email === undefined ? [] : [values.email],
    phones: values.phone === undefined ? [] : [values.phone],
    addresses: hasAddress
      ? [{ line1: line1 ?? '', ...(line2 && { line2 }), ...(town && { town }), postcode: postcode ?? '' }]
      : [],
    ...(dateOfBirth && { dateOfBirth }),
  }
  const parsed = newPerson.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] === 'addresses' ? issue.path[2] : issue.path[0])
      reasons.add(personLabels[key] ?? key, issue.message)
    }
  }
  if (reasons.list.length || !parsed.success) return { ok: false, reasons: reasons.list }
  return { ok: true, value: { ...(ref && { externalRef: ref }), person: parsed.data } }
}

const typeNames: Record<MatterType, readonly string[]> = {
  complaint: [matterTypeNames.complaint, 'complaints', 'formal complaint'],
  foi: [matterTypeNames.foi, 'freedom of information', 'foi request'],
  eir: [matterTypeNames.eir, 'environmental information regulations', 'eir request'],
  sar: [matterTypeNames.sar, 'subject access', 'sar request', 'dsar'],
  service_request: [matterTypeNames.service_request, 'request for service'],
  enquiry: [matterTypeNames.enquiry, 'enquiries', 'inquiry', 'general enquiry'],
}
const statusNames = { open: ['active', 'live', 'in progress'], closed: ['complete', 'completed'] } as const
const outcomeNames: Record<MatterOutcome, readonly string[]> = {
  upheld: ['fully upheld'],
  partly_upheld: ['partially upheld', 'part upheld', 'partly'],
  not_upheld: ['not upheld'],
  resolved: [],
  withdrawn: [],
}
const stageNames: Record<ComplaintStage, readonly string[]> = {
  stage_1: ['stage 1', 'stage one', '1'],
  stage_2: ['stage 2', 'stage two', '2'],
  ombudsman: ['referred to ombudsman', 'lgsco', 'ombudsman'],
  closed: [],
}
const yesNo = { yes: ['y', 'true', '1'], no: ['n', 'false', '0'] } as const

const oneOf = (value: string, allowed: readonly string[]) => `“${short(value)}” is not one of: ${allowed.join(', ')}`

export function readMatter(values: Record<string, string>, now: Date): Read<MatterRow> {
  const reasons = new Reasons()
  const ref =
    values.externalRef === undefined
      ? undefined
      : reasons.check('External reference', rules.externalRef, values.externalRef)
  const personRef = reasons.check('Person’s external reference', rules.personRef, values.personRef)
  let type: MatterType | undefined
  if (values.type === undefined) reasons.add('Type', `Enter the type: ${Object.values(matterTypeNames).join(', ')}`)
  else {
    type = choose(values.type, typeNames)
    if (!type) reasons.add('Type', oneOf(values.type, ['complaint', 'FOI', 'EIR', 'SAR', 'service request', 'enquiry']))
  }
  const subject = reasons.check('Subject', newMatter.shape.subject, values.subject)
  const service = reasons.check('Service', newMatter.shape.service, values.service)
  const date = (key: 'openedAt' | 'closedAt', label: string) => {
    const value = values[key]
    if (value === undefined) return undefined
    const when = parseWhen(value)
    if (!when.ok) return void reasons.add(label, when.message)
    if (when.at > now) return void reasons.add(label, 'The date must not be in the future')
    return when.at
  }
  const openedAt = date('openedAt', 'Date opened')
  const closedAt = date('closedAt', 'Date closed')
  let status: 'open' | 'closed' = values.closedAt !== undefined ? 'closed' : 'open'
  if (values.status !== undefined) {
    const chosen = choose(values.status, statusNames)
    if (chosen) status = chosen
    else reasons.add('Status', oneOf(values.status, ['open', 'closed']))
  }
  let outcome: MatterOutcome | undefined
  if (values.outcome !== undefined) {
    outcome = choose(values.outcome, outcomeNames)
    if (!outcome)
      reasons.add(
        'Outcome',
        oneOf(
          values.outcome,
          matterOutcomes.map((o) => o.replace('_', ' ')),
        ),
      )
  }
  let processExhausted = false
  if (values.processExhausted !== undefined) {
    const answer = choose(values.processExhausted, yesNo)
    if (answer) processExhausted = answer === 'yes'
    else reasons.add('Complaints process exhausted', oneOf(values.processExhausted, ['yes', 'no']))
  }
  let stage: ComplaintStage | undefined
  if (values.complaintStage !== undefined) {
    stage = choose(values.complaintStage, stageNames)
    if (!stage)
      reasons.add(
        'Complaint stage',
        oneOf(
          values.complaintStage,
          complaintStages.map((s) => s.replace('_', ' ')),
        ),
      )
  }

  if (status === 'closed') {
    if (!closedAt && values.closedAt === undefined)
      reasons.add('Date closed', 'A closed matter needs the date it was closed')
    if (!outcome && values.outcome === undefined) reasons.add('Outcome', 'A closed matter needs its outcome')
  } else {
    if (values.closedAt !== undefined) reasons.add('Status', 'An open matter cannot have a date closed')
    if (outcome) reasons.add('Outcome', 'An open matter cannot have an outcome yet')
    if (processExhausted)
      reasons.add(
        'Complaints process exhausted',
        'Only a closed complaint can have exhausted the complaints process (F11)',
      )
  }
  if (type && type !== 'complaint' && stage) reasons.add('Complaint stage', 'Only a complaint has a stage')
  if (stage === 'closed' && status === 'open')
    reasons.add('Complaint stage', 'An open complaint cannot be at the closed stage')
  if (type && outcome) {
    const complaintOutcome = outcome === 'upheld' || outcome === 'partly_upheld' || outcome === 'not_upheld'
    if (complaintOutcome && type !== 'complaint')
      reasons.add(
        'Outcome',
        'Upheld, partly upheld and not upheld are outcomes of a complaint: use resolved or withdrawn',
      )
  }
  if (type && type !== 'complaint' && processExhausted)
    reasons.add('Complaints process exhausted', 'Only a complaint can have exhausted the complaints process')
  if (openedAt && closedAt && closedAt < openedAt)
    reasons.add('Date closed', 'The date closed is before the date opened')

  if (reasons.list.length || !personRef || !type || !subject || !service) return { ok: false, reasons: reasons.list }
  const complaintStage = type !== 'complaint' ? null : status === 'closed' ? 'closed' : (stage ?? 'stage_1')
  return {
    ok: true,
    value: {
      ...(ref && { externalRef: ref }),
      personRef,
      type,
      subject,
      service,
      status,
      ...(openedAt && { openedAt }),
      ...(closedAt && { closedAt }),
      ...(outcome && { outcome }),
      processExhausted,
      complaintStage,
    },
  }
}

const channelSynonyms: Record<Channel, readonly string[]> = {
  phone: [channelNames.phone, 'telephone', 'phone call', 'call', 'tel'],
  email: [channelNames.email, 'e-mail'],
  letter: [channelNames.letter, 'post', 'written'],
  in_person: [channelNames.in_person, 'face to face', 'visit', 'walk in'],
  web: [channelNames.web, 'web', 'online', 'online form', 'website'],
  social_media: [channelNames.social_media, 'social'],
}
const directionSynonyms: Record<Direction, readonly string[]> = {
  inbound: ['in', 'incoming'],
  outbound: ['out', 'outgoing'],
}

// As when recording a contact by hand: a little clock drift is allowed, a future date is a typo.
const FUTURE_TOLERANCE_MS = 10 * 60_000

export function readContact(values: Record<string, string>, now: Date): Read<ContactRow> {
  const reasons = new Reasons()
  const personRef = reasons.check('Person’s external reference', rules.personRef, values.personRef)
  const matterRef =
    values.matterRef === undefined
      ? undefined
      : reasons.check('Matter’s external reference', rules.matterRef, values.matterRef)
  const enumerated = <T extends string>(
    key: string,
    label: string,
    names: Record<T, readonly string[]>,
    allowed: readonly string[],
  ) => {
    const value = values[key]
    if (value === undefined) return void reasons.add(label, `Enter the ${label.toLowerCase()}: ${allowed.join(', ')}`)
    const chosen = choose(value, names)
    if (!chosen) reasons.add(label, oneOf(value, allowed))
    return chosen
  }
  const channel = enumerated(
    'channel',
    'Channel',
    channelSynonyms,
    channels.map((c) => channelNames[c].toLowerCase()),
  )
  const direction = enumerated('direction', 'Direction', directionSynonyms, directions)
  let at: Date | undefined
  if (values.at === undefined) reasons.add('Date and time', 'Enter when it happened')
  else {
    const when = parseWhen(values.at)
    if (!when.ok) reasons.add('Date and time', when.message)
    else if (!when.hasTime)
      reasons.add('Date and time', `“${short(values.at)}” has no time: give the time too, like 31/01/2026 14:05`)
    else if (when.at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      reasons.add('Date and time', 'The date and time must not be in the future')
    else at = when.at
  }
  const summary = reasons.check('Summary', newContact.shape.summary, values.summary)
  let minutesSpent: number | undefined
  if (values.minutes !== undefined) {
    minutesSpent = reasons.check(
      'Minutes of staff time',
      newContact.shape.minutesSpent,
      /^\d{1,9}$/.test(values.minutes) ? Number(values.minutes) : values.minutes,
    )
  }
  const staffEmail =
    values.staffEmail === undefined
      ? undefined
      : reasons.check('Staff member’s email', rules.staffEmail, values.staffEmail)

  if (reasons.list.length || !personRef || !channel || !direction || !at || !summary)
    return { ok: false, reasons: reasons.list }
  return {
    ok: true,
    value: {
      personRef,
      ...(matterRef && { matterRef }),
      channel,
      direction,
      at,
      summary,
      ...(minutesSpent !== undefined && { minutesSpent }),
      ...(staffEmail && { staffEmail }),
    },
  }
}

function short(value: string) {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value
}
