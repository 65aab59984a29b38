import { z } from 'zod'
import { nations } from '../../domain/nations.ts'

// Issue 14: the forms that change the council's settings (convention 5: one zod schema a form), with GOV.UK messages.

/** A whole number typed in a box, between `min` and `max`. `what` starts the message: "The monitoring period". */
const wholeNumber = (what: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what.replace(/^The /, 'the ')}`)
    .regex(/^\d{1,7}$/, `${what} must be a whole number, like ${min}`)
    .transform(Number)
    .pipe(z.number().min(min, `${what} must be ${min} or more`).max(max, `${what} must be ${max} or fewer`))

export const councilNameForm = z.object({
  councilName: z
    .string()
    .trim()
    .min(1, 'Enter the council’s name')
    .max(120, 'The council’s name must be 120 characters or fewer'),
})

/** Lines as typed, one a line, the empty ones dropped. */
const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

export const returnAddressForm = z.object({
  returnAddress: z
    .string()
    .transform(linesOf)
    .pipe(
      z
        .array(z.string().max(120, 'Each line of the return address must be 120 characters or fewer'))
        .min(1, 'Enter the return address')
        .max(8, 'The return address must be 8 lines or fewer'),
    ),
})

export const contactForm = z.object({
  contact: z
    .string()
    .trim()
    .min(1, 'Enter how people can contact the council')
    .max(1000, 'How people can contact the council must be 1000 characters or fewer'),
})

export const nationForm = z.object({
  nation: z.enum(nations, { error: 'Select the nation the council is in' }),
})

export const procedureForm = z
  .object({
    monitoringWeeks: wholeNumber('The monitoring period', 1, 52),
    maxRestrictionMonths: wholeNumber('The longest a restriction may last', 1, 36),
    firstReviewWithinMonths: wholeNumber('The first review', 1, 12),
    ratificationWorkingDays: wholeNumber('The time to ratify an interim restriction', 1, 60),
    challengeWorkingDays: wholeNumber('The time to challenge', 1, 60),
  })
  .refine((v) => v.firstReviewWithinMonths <= v.maxRestrictionMonths, {
    path: ['firstReviewWithinMonths'],
    message: 'The first review must be no later than the longest a restriction may last',
  })

export const attentionForm = z.object({
  contacts7Days: wholeNumber('Contacts in 7 days', 1, 100_000),
  contacts30Days: wholeNumber('Contacts in 30 days', 1, 100_000),
  ratioToHistory: z
    .string()
    .trim()
    .min(1, 'Enter how many times their usual rate')
    .regex(/^\d{1,4}(\.\d{1,2})?$/, 'How many times their usual rate must be a number, like 3 or 2.5')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'How many times their usual rate must be 1 or more')
        .max(1000, 'How many times their usual rate must be 1000 or less'),
    ),
  closedMatterContacts90Days: wholeNumber('Contacts on closed matters in 90 days', 1, 100_000),
  channels7Days: wholeNumber('Ways of contact in 7 days', 2, 100),
  staff30Days: wholeNumber('Staff contacted in 30 days', 2, 100_000),
  staffMinutes30Days: wholeNumber('Staff time in 30 days', 1, 1_000_000),
})

export const serviceContactForm = z.object({
  service: z.string().trim().min(1, 'Enter the service').max(120, 'The service must be 120 characters or fewer'),
  contact: z
    .string()
    .trim()
    .max(1000, 'How people can contact the service must be 1000 characters or fewer')
    .transform((contact) => contact || null),
})

export const jobTitleForm = z.object({
  jobTitle: z
    .string()
    .trim()
    .max(120, 'The job title must be 120 characters or fewer')
    .transform((title) => title || null),
})
