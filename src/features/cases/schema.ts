import { z } from 'zod'
import { matterClosedReplies, restrictionChannels, weekdays, type RestrictionSpec } from '../../domain/restrictions.ts'
import { text } from '../../web/validation.ts'
import { isoDate } from '../../web/validation-uk.ts'

// One schema per API body (convention 5); the pages parse their forms into the same shapes.

const longText = (label: string, max = 10000) => text(label, { max, multiline: true })
const optionalLongText = (label: string, max = 10000) =>
  text(label, { max, multiline: true, optional: true }).optional()

export const newCase = z.object({
  personId: z.uuid({ error: 'Choose the person' }),
  service: text('the service', { max: 200 }),
  businessAsUsualMeasures: longText('the business-as-usual measures tried (F1)'),
  reason: longText('why the formal procedure is needed'),
  incidentIds: z
    .array(z.uuid({ error: 'Not a valid incident id' }))
    .max(500)
    .default([]),
  contactIds: z
    .array(z.uuid({ error: 'Not a valid contact id' }))
    .max(500)
    .optional(),
  arrangementIds: z
    .array(z.uuid({ error: 'Not a valid arrangement id' }))
    .max(100)
    .optional(),
  adjustmentsConsidered: longText('how reasonable adjustments were considered (P5)'),
})
export type NewCase = z.infer<typeof newCase>

export const newWarning = z.object({
  behaviour: longText('the behaviour, with dates or examples (F3)'),
  whyUnacceptable: longText('why the behaviour is unacceptable'),
  changeRequested: longText('the change asked for'),
  consequences: longText('what may happen if it continues'),
  monitoringWeeks: z
    .number({ error: 'Enter the monitoring period in weeks as a whole number' })
    .int('Enter the monitoring period in weeks as a whole number')
    .min(1, 'The monitoring period must be at least 1 week')
    .max(52, 'The monitoring period must be 52 weeks or fewer')
    .optional(),
  largePrint: z.boolean().optional(),
})
export type NewWarning = z.infer<typeof newWarning>

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
  alternativesConsidered: longText('the alternatives considered (P6)'),
  adjustmentsConsidered: longText('how reasonable adjustments were considered (P5)'),
  adjustmentConflictJustification: optionalLongText('why the restriction is justified despite the adjustment'),
  startsOn: isoDate('the start date'),
  endsOn: isoDate('the end date'),
  reviewOn: isoDate('the first review date'),
  immediateRisk: z
    .object({
      justification: longText('why the behaviour is an immediate risk to staff (F8)'),
      policeReference: text('the police reference', { max: 100, optional: true }).optional(),
      legalAction: optionalLongText('the legal action taken or considered', 2000),
    })
    .optional(),
  supersedesRestrictionIds: z.array(z.uuid()).max(20).optional(),
  largePrint: z.boolean().optional(),
})
export type NewProposal = z.infer<typeof newProposal>

/** The API's restriction body as the domain's terms. */
export function asSpec(r: z.infer<typeof restriction>): RestrictionSpec {
  return r as RestrictionSpec
}

export const newDecision = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'Choose approve or reject' }),
  reasons: longText('the reasons for your decision (F4)'),
})
export type NewDecision = z.infer<typeof newDecision>

export const noticeOptions = z.object({ largePrint: z.boolean().optional() }).optional()

export const newReview = z.object({
  outcome: z.enum(['continue', 'vary', 'lift'], { error: 'Choose continue, vary or lift' }),
  reasons: longText('the reasons'),
  nextReviewOn: isoDate('the next review date').optional(),
  largePrint: z.boolean().optional(),
})
export type NewReview = z.infer<typeof newReview>

export const newChallenge = z.object({
  receivedOn: isoDate('the date the challenge was received'),
  grounds: longText('the grounds of the challenge'),
})
export type NewChallenge = z.infer<typeof newChallenge>

export const challengeDecision = z.object({
  outcome: z.enum(['upheld', 'varied', 'not_upheld'], { error: 'Choose upheld, varied or not upheld' }),
  reasons: longText('the reasons for the decision'),
  largePrint: z.boolean().optional(),
})
export type ChallengeDecision = z.infer<typeof challengeDecision>

export const closeCase = z.object({ reason: longText('why the case is closed', 5000) })

export const letterCorrection = z.object({
  reason: longText('why the letter is corrected', 5000),
  sections: z
    .array(
      z.object({
        key: z.string({ error: 'Name the section' }).min(1).max(60),
        paragraphs: z.array(text('a paragraph', { max: 5000, multiline: true })).max(30),
        bullets: z
          .array(text('a list item', { max: 1000, multiline: true }))
          .max(30)
          .optional(),
      }),
    )
    .max(20),
  largePrint: z.boolean().optional(),
})
export type LetterCorrectionBody = z.infer<typeof letterCorrection>
