import { z } from 'zod'
import { dateOfBirthOutOfRange, dateOutOfRange, instantOutOfRange } from '../domain/date-range.ts'
import { normalisePhone, normalisePostcode } from '../domain/identifiers.ts'
import { text } from './validation.ts'

// Field rules for UK identifiers, shared by forms, the API and imports.

export const phoneNumber = () =>
  text('a phone number', { max: 40 }).transform((value, ctx) => {
    const e164 = normalisePhone(value)
    if (e164) return e164
    ctx.addIssue({ code: 'custom', message: 'Enter a phone number, like 07700 900123 or +44 7700 900123' })
    return z.NEVER
  })

export const postcode = () =>
  text('a postcode', { max: 10 }).transform((value, ctx) => {
    const normalised = normalisePostcode(value)
    if (normalised) return normalised
    ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like NN1 2AB' })
    return z.NEVER
  })

const DAY = /^\d{4}-\d{2}-\d{2}$/
const isRealDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`)
  return DAY.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/** A calendar date as `YYYY-MM-DD` that exists (no 30 February), from 1900 to 2100 (domain/date-range.ts). */
export const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(DAY, `Enter ${label} as a date, like 2027-01-07`)
    .refine(isRealDay, `Enter ${label} as a real date`)
    .superRefine((value, ctx) => {
      const outside = isRealDay(value) && dateOutOfRange(value, label)
      if (outside) ctx.addIssue({ code: 'custom', message: outside })
    })

/** A date of birth as `YYYY-MM-DD`: a real date from 1 January 1900 to today. */
export const dateOfBirth = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(DAY, `Enter ${label} as a date, like 1980-03-27`)
    .refine(isRealDay, `Enter ${label} as a real date`)
    .superRefine((value, ctx) => {
      const outside = isRealDay(value) && dateOfBirthOutOfRange(value, new Date().toISOString().slice(0, 10), label)
      if (outside) ctx.addIssue({ code: 'custom', message: outside })
    })

/** An instant with its offset (ISO 8601), as the contract requires, from 1900 to 2100 (domain/date-range.ts). */
export const instant = (label: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `Enter ${label} as a date and time with its offset, like 2027-01-07T14:05:00+00:00`,
    })
    .transform((value, ctx) => {
      const at = new Date(value)
      const outside = instantOutOfRange(at, label)
      if (!outside) return at
      ctx.addIssue({ code: 'custom', message: outside })
      return z.NEVER
    })
