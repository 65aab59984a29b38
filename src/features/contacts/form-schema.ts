import { z } from 'zod'
import { channels, directions, incidentCategories, severities } from '../../domain/contacts.ts'
import { readDate, readLondonDateTime } from '../../domain/london-time.ts'
import { matterTypes, type MatterOutcome, type MatterType } from '../../domain/matters.ts'
import { text } from '../../web/validation.ts'

// One zod schema per web form (convention 5). Each gives what its service takes, less the ids in the URL. Messages
// follow the GOV.UK error message pattern; the API's schemas (./schema.ts) keep the contract's wording.

type Ctx = z.RefinementCtx
type Raw = Record<string, unknown>
// Check the date and time even when another field failed, so every message shows at once.
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null }

/** The date input (`date-day`, `-month`, `-year`) and time field, in UK local time (K1: date and time). */
const whenFields = {
  'date-day': z.unknown().optional(),
  'date-month': z.unknown().optional(),
  'date-year': z.unknown().optional(),
  time: z.unknown().optional(),
}
const readWhen = (v: Raw) =>
  readLondonDateTime({ day: v['date-day'], month: v['date-month'], year: v['date-year'], time: v.time })

function checkWhen(v: Raw, ctx: Ctx) {
  const result = readWhen(v)
  if ('errors' in result)
    for (const [field, message] of Object.entries(result.errors))
      ctx.addIssue({ code: 'custom', path: [field], message })
}
function whenOf(v: Raw, ctx: Ctx): Date {
  const result = readWhen(v)
  if ('at' in result) return result.at
  checkWhen(v, ctx)
  return z.NEVER
}

const optionalText = (label: string, max: number, multiline = false) =>
  text(label, { max, multiline, optional: true })
    .optional()
    .transform((value) => value || undefined)

/** A select whose first option, "None", posts an empty value. */
const optionalId = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((value) => value || undefined)
    .pipe(z.uuid({ error: message }).optional())

const MINUTES = 'Minutes of staff time must be a whole number, like 15'
const minutes = z
  .string({ error: MINUTES })
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined
    const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN
    const message = Number.isNaN(n) ? MINUTES : n > 1440 ? 'Minutes of staff time must be 1440 (a day) or fewer' : null
    if (!message) return n
    ctx.addIssue({ code: 'custom', message })
    return z.NEVER
  })

export const contactForm = z
  .object({
    channel: z.enum(channels, { error: 'Select how the contact was made' }),
    direction: z.enum(directions, { error: 'Select whether they contacted the council or the council contacted them' }),
    ...whenFields,
    matterId: optionalId('Select one of this person’s matters, or none').optional(),
    summary: text('a summary', { max: 5000, multiline: true }),
    minutesSpent: minutes,
  })
  .superRefine(checkWhen, always)
  .transform((v, ctx) => ({
    channel: v.channel,
    direction: v.direction,
    at: whenOf(v, ctx),
    matterId: v.matterId,
    summary: v.summary,
    minutesSpent: v.minutesSpent,
  }))

export const incidentForm = z
  .object({
    ...whenFields,
    category: z.enum(incidentCategories, { error: 'Select the kind of behaviour' }),
    severity: z.enum(severities, { error: 'Select how serious it was' }),
    description: text('what happened', { max: 10000, multiline: true }),
    witnesses: optionalText('the witnesses', 2000, true),
    policeReference: optionalText('the police reference', 100),
    contactId: optionalId('Select one of this person’s contacts, or none').optional(),
  })
  .superRefine(checkWhen, always)
  .transform((v, ctx) => ({
    at: whenOf(v, ctx),
    category: v.category,
    severity: v.severity,
    description: v.description,
    witnesses: v.witnesses,
    policeReference: v.policeReference,
    contactId: v.contactId,
  }))

export const matterForm = z.object({
  type: z.enum(matterTypes, { error: 'Select the type of matter' }),
  subject: text('what the matter is about', { max: 500 }),
  service: text('the service concerned', { max: 200 }),
})

export const outcomeNames: Record<MatterOutcome, string> = {
  upheld: 'Upheld',
  partly_upheld: 'Partly upheld',
  not_upheld: 'Not upheld',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
}

/** Upheld, partly upheld and not upheld are outcomes of a complaint; anything else is resolved or withdrawn. */
export const outcomesFor = (type: MatterType): MatterOutcome[] =>
  type === 'complaint' ? ['upheld', 'partly_upheld', 'not_upheld', 'resolved', 'withdrawn'] : ['resolved', 'withdrawn']

/** F11: only a complaint asks whether it has completed the complaints process. */
export const closeMatterForm = (type: MatterType) =>
  z.object({
    outcome: z.enum(outcomesFor(type), { error: 'Select the outcome' }),
    processExhausted:
      type === 'complaint'
        ? z
            .enum(['yes', 'no'], { error: 'Select yes if the complaint has completed the complaints process' })
            .transform((value) => value === 'yes')
        : z
            .unknown()
            .optional()
            .transform(() => false),
  })

const readReview = (v: Raw) =>
  readDate({ day: v['reviewOn-day'], month: v['reviewOn-month'], year: v['reviewOn-year'] }, 'The review date')

/** K3: a safety marker always has a review date. */
export const safetyMarkerForm = z
  .object({
    precautions: text('the precautions staff must take', { max: 1000, multiline: true }),
    reason: text('the reason for the marker', { max: 2000, multiline: true }),
    'reviewOn-day': z.unknown().optional(),
    'reviewOn-month': z.unknown().optional(),
    'reviewOn-year': z.unknown().optional(),
  })
  .superRefine((v, ctx) => {
    const date = readReview(v)
    const message = date.error ?? (date.value ? undefined : 'Enter the review date')
    if (message) ctx.addIssue({ code: 'custom', path: ['reviewOn'], message })
  }, always)
  .transform((v) => ({ precautions: v.precautions, reason: v.reason, reviewOn: readReview(v).value ?? '' }))
