// The dates the service takes in, bounded in one place (issue 12, item 7). A date that staff or another system types
// is a day from 1900 to 2100: outside that it is a slip (0202 for 2020), and some cannot be stored at all (PostgreSQL
// has no year 0). A date of birth runs from 1900 to today. Every API schema and page form reads dates through here.

export const EARLIEST_DAY = '1900-01-01'
export const LATEST_DAY = '2100-12-31'

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** `1 January 1900`: a `YYYY-MM-DD` day as GOV.UK writes dates. */
export const dayInWords = (day: string) => longDate.format(new Date(`${day}T00:00:00Z`))

const sentence = (label: string) => label.charAt(0).toUpperCase() + label.slice(1)

/**
 * Why a real date (`YYYY-MM-DD`) is outside the range the service accepts, in GOV.UK words ("The start date must be
 * between 1 January 1900 and 31 December 2100"); undefined when it is within it.
 */
export function dateOutOfRange(day: string, label: string): string | undefined {
  return day >= EARLIEST_DAY && day <= LATEST_DAY ? undefined : outOfRange(label)
}

/** What is said of a date outside the range: "`Label` must be between 1 January 1900 and 31 December 2100". */
export const outOfRange = (label: string) =>
  `${sentence(label)} must be between ${dayInWords(EARLIEST_DAY)} and ${dayInWords(LATEST_DAY)}`

/** The same for an instant, by its date in UTC (a year beyond 9999 or before 0 is outside too). */
export function instantOutOfRange(at: Date, label: string): string | undefined {
  if (Number.isNaN(at.getTime())) return `${sentence(label)} must be a real date and time`
  const iso = at.toISOString()
  return dateOutOfRange(/^\d{4}-/.test(iso) ? iso.slice(0, 10) : '0000-00-00', label)
}

/** Why a real date is not a plausible date of birth: from 1 January 1900 to `today`. */
export function dateOfBirthOutOfRange(day: string, today: string, label: string): string | undefined {
  if (day < EARLIEST_DAY) return `${sentence(label)} must be the same as or after ${dayInWords(EARLIEST_DAY)}`
  if (day > today) return `${sentence(label)} must be in the past`
  return undefined
}
