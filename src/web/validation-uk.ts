import { z } from 'zod'
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

/** A calendar date as `YYYY-MM-DD` that exists (no 30 February). */
export const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date, like 2027-01-07`)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`)
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
    }, `Enter ${label} as a real date`)

/** An instant with its offset (ISO 8601), as the contract requires. */
export const instant = (label: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `Enter ${label} as a date and time with its offset, like 2027-01-07T14:05:00+00:00`,
    })
    .transform((value) => new Date(value))
