import { z } from 'zod'
import {
  matterClosedReplies,
  restrictionChannels,
  weekdays,
  type RestrictionSpec,
  type RestrictionType,
} from '../../domain/restrictions.ts'
import { longText, optionalLongText, text } from '../../web/validation.ts'
import { isoDate } from '../../web/validation-uk.ts'

// The bodies of a proposal (F5-F8, P5, P6), a decision on it (F4) and its letter (F9); the proposal page parses its
// form into the same shapes.

const hhmm = z
  .string({ error: 'Enter a time like 09:30' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time in 24-hour form, like 09:30')

const scope = z.union([
  z.object({ councilWide: z.literal(true) }).strict(),
  z
    .object({
      services: z
        .array(text('a service', { max: 200 }))
        .min(1, 'Name at least one service, or make the restriction council-wide'),
    })
    .strict(),
])

const window = z
  .object({ day: z.enum(weekdays, { error: 'Choose a day of the week' }), from: hhmm, to: hhmm })
  .refine((w) => w.from < w.to, { message: 'The window must end after it starts', path: ['to'] })

export const restriction = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('contact_method'),
      scope,
      channels: z
        .array(z.enum(restrictionChannels, { error: `Choose from ${restrictionChannels.join(', ')}` }))
        .min(1, 'Choose at least one way the person may still contact the council'),
      address: text('the address to write to', { max: 500, multiline: true, optional: true }).optional(),
    }),
    z.object({
      type: z.literal('named_contact'),
      scope,
      staffUserId: z.uuid({ error: 'Choose the named officer' }),
      deputyStaffUserId: z.uuid({ error: 'Choose the deputy' }).optional(),
    }),
    z.object({
      type: z.literal('phone_times'),
      scope,
      windows: z.array(window).min(1, 'Give at least one window when the person may call').max(21),
      maxCallMinutes: z
        .number({ error: 'Enter the longest call in minutes' })
        .int('Enter the longest call in whole minutes')
        .min(5, 'A call must be allowed to last at least 5 minutes')
        .max(240, 'Enter 240 minutes or fewer')
        .optional(),
    }),
    z.object({
      type: z.literal('contact_agreement'),
      scope,
      terms: longText('the agreed terms', 5000),
      agreedOn: isoDate('the date agreed').optional(),
    }),
    z.object({
      type: z.literal('matter_closed'),
      scope,
      matterId: z.uuid({ error: 'Choose the closed matter' }),
      reply: z.enum(matterClosedReplies, { error: 'Choose acknowledge or file_without_acknowledgement' }),
    }),
  ],
  { error: 'Choose the type of restriction' },
)

export const newProposal = z.object({
  restrictions: z.array(restriction).min(1, 'Choose at least one restriction').max(10),
  rationale: longText('why restriction is needed'),
  /**
   * F9: why, as the letter tells the person, written to them ("Since our letter of 4 January you have ..."). The
   * rationale is for the decision-makers and the file; without this, the letter gives the rationale.
   */
  letterReasons: optionalLongText('what the letter will tell the person about why'),
  alternativesConsidered: longText('the alternatives considered (P6)'),
  adjustmentsConsidered: longText('how reasonable adjustments were considered (P5)'),
  adjustmentConflictJustification: optionalLongText('why the restriction is justified despite the adjustment'),
  /** F2: needed (422 nothing_since_warning) when no contact from the person and no incident is recorded after the warning. */
  sinceWarningJustification: optionalLongText(
    'why a restriction is needed though nothing was recorded since the warning',
  ),
  startsOn: isoDate('the start date'),
  endsOn: isoDate('the end date'),
  reviewOn: isoDate('the first review date'),
  immediateRisk: z
    .object({
      justification: longText('why the behaviour is an immediate risk to staff (F8)'),
      /** F8: the recorded incident, of severity immediate_risk, the proposal rests on (required; refused 422 F8). */
      incidentId: z.uuid({ error: 'Choose the incident' }).optional(),
      policeReference: text('the police reference', { max: 100, optional: true }).optional(),
      legalAction: optionalLongText('the legal action taken or considered', 2000),
    })
    .optional(),
  supersedesRestrictionIds: z.array(z.uuid()).max(20).optional(),
  largePrint: z.boolean().optional(),
})
export type NewProposal = z.infer<typeof newProposal>

// The compiler holds this schema and the domain's restriction types together: every body the schema accepts is a
// RestrictionSpec (no cast), and every restriction type the domain knows has a body here.
const acceptedBodies: readonly RestrictionSpec[] = [] as z.infer<typeof restriction>[]
const everyTypeHasABody: [RestrictionType] extends [z.infer<typeof restriction>['type']] ? true : never = true
void acceptedBodies
void everyTypeHasABody

// P2: each decision-maker says how they weighed the counterweights (the distinct matters the person raised, the
// complaints upheld or partly upheld). Written words, not a tick box: a council officer, an auditor or the Ombudsman
// looks for how the factors were weighed, and a ticked box shows only that a box was ticked. The contract's decision
// body has no such field, so the API takes it as optional (stored as null when absent); the decision page requires it.
const counterweightsConsidered = 'how you weighed the matters raised and complaints upheld (P2)'

export const newDecision = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'Choose approve or reject' }),
  reasons: longText('the reasons for your decision (F4)'),
  counterweightsConsidered: optionalLongText(counterweightsConsidered).describe(
    'P2: how the decision-maker weighed the distinct matters the person raised and the complaints upheld or partly upheld. Optional here; the decision page requires it',
  ),
})
export type NewDecision = z.infer<typeof newDecision>

/** The decision page's form: the decision with the counterweights considered, which the page requires (P2). */
export const decisionForm = newDecision.extend({ counterweightsConsidered: longText(counterweightsConsidered) })

/** The notice and interim letter take no body (the contract's notice has none); `{largePrint}` may be sent. */
export const noticeOptions = z.object({ largePrint: z.boolean().optional() }).nullish()
