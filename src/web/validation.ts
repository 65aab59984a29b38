import { z } from 'zod'

// Shared field rules for every form and API body. Values are never silently changed beyond trimming outer spaces:
// text a database cannot hold (NUL and other control characters, broken UTF-8 decoded as U+FFFD, lone surrogates)
// is refused with a message, not stripped.
const unstorable =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export function text(label: string, options: { max?: number; multiline?: boolean; optional?: boolean } = {}) {
  const max = options.max ?? 200
  const sentence = label.charAt(0).toUpperCase() + label.slice(1)
  const base = z
    .string({ error: `Enter ${label}` })
    .trim()
    .max(max, `${sentence} must be ${max} characters or fewer`)
    .refine((value) => !unstorable.test(value), `${sentence} contains characters that cannot be stored. Retype it`)
    .refine((value) => options.multiline || !/[\r\n\t]/.test(value), `${sentence} must be on one line`)
  return options.optional ? base : base.min(1, `Enter ${label}`)
}

/**
 * Unicode's bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069): invisible, they make
 * text display in a different order from how it is stored, so "Ann\u202Eeoj" shows as "Annjoe" (issue 12, item 12).
 */
export const bidiControl = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/

/** A person's name or other name. Hidden text-direction characters are refused, not stripped: nothing typed is changed. */
export const personName = (label: string) =>
  text(label).refine(
    (value) => !bidiControl.test(value),
    `${label.charAt(0).toUpperCase()}${label.slice(1)} must not contain hidden text-direction characters. Retype it`,
  )

/** Text over several lines: reasons, grounds, what the officer writes for the file or a letter. */
export const longText = (label: string, max = 10000) => text(label, { max, multiline: true })
export const optionalLongText = (label: string, max = 10000) =>
  text(label, { max, multiline: true, optional: true }).optional()

export const email = (label = 'an email address') =>
  text(label, { max: 254 })
    .pipe(z.email('Enter an email address in the correct format, like name@example.gov.uk'))
    .transform((value) => value.toLowerCase())

// NCSC: length beats complexity rules. 12 characters or more; the upper bound stops hashing being used as a DoS.
export const newPassword = z
  .string({ error: 'Enter a password' })
  .min(12, 'Password must be 12 characters or more')
  .max(256, 'Password must be 256 characters or fewer')
  .refine((value) => !unstorable.test(value), 'Password contains characters that cannot be used. Retype it')

export const uuid = z.uuid()

/** Checkboxes and repeated fields: one value arrives as a string, several as an array, none as undefined. */
export function many<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  )
}
