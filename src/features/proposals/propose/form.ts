import { fieldMessages } from '../../../web/forms.ts'
import { readDateInput } from '../../people/date-fields.ts'
import { restrictionTypes, weekdays, type RestrictionType, type Weekday } from '../../../domain/restrictions.ts'
import { newProposal, type NewProposal } from '../schema.ts'

// The proposal form (F5–F8, P5, P6) without JavaScript: one fieldset per chosen restriction type, each field named
// `<type>-<field>`, read into exactly the API's `newProposal` body. Zod issue paths (`restrictions.0.channels`) and
// service refusal fields are mapped back to the form's ids, so every error summary link lands on its field.

type Body = Record<string, unknown>

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string')
const optional = (value: unknown) => str(value) || undefined

/** The restriction types ticked on the first page, in the order the form shows them. */
export function chosenTypes(value: unknown): RestrictionType[] {
  const ticked = new Set(list(value))
  return restrictionTypes.filter((type) => ticked.has(type))
}

/** Date inputs: their error links go to the day field. */
export const dateFieldIds = ['contact_agreement-agreedOn', 'startsOn', 'endsOn', 'reviewOn'] as const

/** The form's field ids in page order: the error summary lists messages in this order. */
export function fieldOrder(types: readonly RestrictionType[]): string[] {
  const perType: Record<RestrictionType, string[]> = {
    contact_method: ['channels', 'address'],
    named_contact: ['staffUserId', 'deputyStaffUserId'],
    phone_times: [...weekdays.flatMap((day) => [`${day}-from`, `${day}-to`]), 'maxCallMinutes'],
    contact_agreement: ['terms', 'agreedOn'],
    matter_closed: ['matterId', 'reply'],
  }
  return [
    'form',
    'types',
    ...types.flatMap((type) => [...perType[type], 'scope', 'services'].map((f) => `${type}-${f}`)),
    'rationale',
    'letterReasons',
    'sinceWarningJustification',
    'alternativesConsidered',
    'adjustmentsConsidered',
    'adjustmentConflictJustification',
    'startsOn',
    'endsOn',
    'reviewOn',
    'immediateRiskJustification',
    'immediateRiskIncidentId',
    'policeReference',
    'legalAction',
  ]
}

/** "9.30" or "9:30" as "09:30"; anything else as typed, for zod to refuse. */
function time(value: unknown): string {
  const typed = str(value).replace('.', ':')
  return /^\d:\d\d$/.test(typed) ? `0${typed}` : typed
}

interface Read {
  candidate: Body
  /** Messages found while reading (dates that do not exist, a scope not chosen), by form field id. */
  early: Record<string, string>
  /** Which weekday each phone window came from, in order. */
  windowDays: Weekday[]
}

function readScope(body: Body, type: RestrictionType, early: Record<string, string>) {
  const choice = str(body[`${type}-scope`])
  if (choice === 'council') return { councilWide: true as const }
  if (choice !== 'services') {
    early[`${type}-scope`] = 'Choose whether the restriction covers only some services or the whole council'
    return undefined
  }
  const services = str(body[`${type}-services`])
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return { services }
}

function readDate(body: Body, id: string, label: string, early: Record<string, string>) {
  const { value, error } = readDateInput(body, id, label)
  if (error) early[id] = error
  return value
}

/** The posted form as the API body, before validation. */
export function readProposalForm(body: Body, types: readonly RestrictionType[]): Read {
  const early: Record<string, string> = {}
  const windowDays: Weekday[] = []
  const restrictions = types.map((type) => {
    const scope = readScope(body, type, early)
    const field = (name: string) => body[`${type}-${name}`]
    switch (type) {
      case 'contact_method':
        return { type, scope, channels: list(field('channels')), address: optional(field('address')) }
      case 'named_contact':
        return {
          type,
          scope,
          staffUserId: str(field('staffUserId')),
          deputyStaffUserId: optional(field('deputyStaffUserId')),
        }
      case 'phone_times': {
        const windows = []
        for (const day of weekdays) {
          const from = time(field(`${day}-from`))
          const to = time(field(`${day}-to`))
          if (!from && !to) continue
          windowDays.push(day)
          windows.push({ day, from, to })
        }
        const minutes = str(field('maxCallMinutes'))
        return { type, scope, windows, maxCallMinutes: minutes ? Number(minutes) : undefined }
      }
      case 'contact_agreement':
        return {
          type,
          scope,
          terms: str(field('terms')),
          agreedOn: readDate(body, `${type}-agreedOn`, 'The date agreed', early),
        }
      case 'matter_closed': {
        const reply = optional(field('reply'))
        if (!reply) early[`${type}-reply`] = 'Choose how to answer further correspondence on this matter'
        return { type, scope, matterId: str(field('matterId')), reply }
      }
    }
  })
  const justification = optional(body['immediateRiskJustification'])
  const incidentId = optional(body['immediateRiskIncidentId'])
  const policeReference = optional(body['policeReference'])
  const legalAction = optional(body['legalAction'])
  // F8: a non-empty justification is what makes this an immediate-risk proposal.
  if (!justification && (policeReference || legalAction)) {
    early['immediateRiskJustification'] =
      'Explain why the behaviour is an immediate risk to staff, or leave the police reference and legal action blank'
  }
  // F9: on the page the letter's reasons are always asked for, written to the person.
  if (!optional(body['letterReasons'])) early['letterReasons'] = 'Enter why, as the letter will tell the person'
  const candidate: Body = {
    restrictions,
    rationale: str(body['rationale']),
    letterReasons: optional(body['letterReasons']),
    sinceWarningJustification: optional(body['sinceWarningJustification']),
    alternativesConsidered: str(body['alternativesConsidered']),
    adjustmentsConsidered: str(body['adjustmentsConsidered']),
    adjustmentConflictJustification: optional(body['adjustmentConflictJustification']),
    startsOn: readDate(body, 'startsOn', 'The start date', early),
    endsOn: readDate(body, 'endsOn', 'The end date', early),
    reviewOn: readDate(body, 'reviewOn', 'The first review date', early),
    immediateRisk: justification ? { justification, incidentId, policeReference, legalAction } : undefined,
  }
  return { candidate, early, windowDays }
}

/** A zod path or a service refusal's field (`restrictions.1.windows.0.to`) as the form field it is about. */
export function formFieldOf(path: string, types: readonly RestrictionType[], windowDays: readonly Weekday[]): string {
  const parts = path.split('.')
  if (parts[0] === 'restrictions') {
    const type = types[Number(parts[1])]
    if (!type) return 'types'
    const [name, index, part] = parts.slice(2)
    if (name === 'scope') return `${type}-${index === 'services' ? 'services' : 'scope'}`
    if (name === 'windows') {
      const day = index === undefined ? undefined : windowDays[Number(index)]
      return day ? `${type}-${day}-${part === 'to' ? 'to' : 'from'}` : `${type}-monday-from`
    }
    if (name === undefined || name === 'type') return `${type}-scope`
    return `${type}-${name}`
  }
  if (parts[0] === 'immediateRisk') {
    if (parts[1] === 'policeReference') return 'policeReference'
    if (parts[1] === 'incidentId') return 'immediateRiskIncidentId'
    if (parts[1] === 'legalAction') return 'legalAction'
    return 'immediateRiskJustification'
  }
  if (parts[0] === 'supersedesRestrictionIds' || parts[0] === 'largePrint') return 'form'
  return parts[0] ?? 'form'
}

/** Messages by form field; an earlier message about the same field (a date that does not exist) wins. */
export function toFormFields(
  fields: Record<string, string>,
  types: readonly RestrictionType[],
  windowDays: readonly Weekday[],
  early: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = { ...early }
  for (const [path, message] of Object.entries(fields)) out[formFieldOf(path, types, windowDays)] ??= message
  return out
}

export type ParsedProposal =
  | { ok: true; value: NewProposal; windowDays: Weekday[] }
  | { ok: false; fields: Record<string, string>; windowDays: Weekday[] }

/** Reads and validates the form as `newProposal`: the same schema the API uses (convention 5). */
export function parseProposalForm(body: Body, types: readonly RestrictionType[]): ParsedProposal {
  const { candidate, early, windowDays } = readProposalForm(body, types)
  const result = newProposal.safeParse(candidate)
  if (types.length === 0) early['types'] = 'Choose at least one restriction'
  if (result.success && Object.keys(early).length === 0) return { ok: true, value: result.data, windowDays }
  const fields = result.success ? {} : fieldMessages(result.error)
  return { ok: false, fields: toFormFields(fields, types, windowDays, early), windowDays }
}
