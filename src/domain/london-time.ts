import { dateOutOfRange } from './date-range.ts'

// Dates and times as staff type them, read in Europe/London local time (V: times are UK times, across daylight-saving
// changes). Pure: the platform's time-zone data (Intl) does the conversion; nothing here guesses a missing or
// ambiguous value, it says what is wrong instead.

const ZONE = 'Europe/London'
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

export interface LondonParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

/** The wall-clock date and time in the UK at an instant. */
export function londonParts(at: Date): LondonParts & { second: number } {
  const parts = Object.fromEntries(partsFormat.formatToParts(at).map((p) => [p.type, p.value]))
  const n = (key: string) => Number(parts[key])
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
  }
}

/** `YYYY-MM-DD` of an instant in the UK. */
export function londonDate(at: Date): string {
  const p = londonParts(at)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

/** `14:05`: the 24-hour clock time in the UK at an instant. */
export function londonClock(at: Date): string {
  const p = londonParts(at)
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/**
 * A GOV.UK date input (day, month, year) as `YYYY-MM-DD`. Empty is `{}`; a part missing, or a date that does not exist
 * (30 February), is a message in the GOV.UK pattern.
 */
export function readDate(
  input: { day: unknown; month: unknown; year: unknown },
  label: string,
): { value?: string; error?: string } {
  const day = str(input.day)
  const month = str(input.month)
  const year = str(input.year)
  if (!day && !month && !year) return {}
  const missing = [!day && 'a day', !month && 'a month', !year && 'a year'].filter(Boolean)
  if (missing.length) return { error: `${label} must include ${missing.join(' and ')}` }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: `${label} must be a real date, like 27 3 2026` }
  }
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  const date = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value)) {
    return { error: `${label} must be a real date, like 27 3 2026` }
  }
  const outside = dateOutOfRange(value, label)
  return outside ? { error: outside } : { value }
}

export interface ClockTime {
  hour: number
  minute: number
  /** Said by the person typing, only needed for the hour that happens twice when the clocks go back. */
  zone?: 'BST' | 'GMT'
}

const TIME = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*(bst|gmt))?$/i

/** `14:05`, `9:30`, `2:05pm`, `2pm`, `12.30 am`, `midday`, `midnight`, optionally with `BST` or `GMT`; else null. */
export function parseTime(value: string): ClockTime | null {
  const input = value.trim().replace(/\s+/g, ' ')
  const word = input.toLowerCase()
  if (word === 'midday' || word === 'noon' || word === '12 noon') return { hour: 12, minute: 0 }
  if (word === 'midnight') return { hour: 0, minute: 0 }
  const match = TIME.exec(input)
  if (!match) return null
  const [, h = '', m, meridiem, zone] = match
  const hour = Number(h)
  const minute = m === undefined ? 0 : Number(m)
  if (minute > 59) return null
  const suffix = zone ? { zone: zone.toUpperCase() as 'BST' | 'GMT' } : {}
  if (meridiem) {
    if (hour < 1 || hour > 12) return null
    const pm = meridiem.toLowerCase().startsWith('p')
    return { hour: (hour % 12) + (pm ? 12 : 0), minute, ...suffix }
  }
  // Without am or pm, a 24-hour time needs its minutes ("14" alone is more likely a slip than a time).
  if (m === undefined || hour > 23) return null
  return { hour, minute, ...suffix }
}

export type LondonInstant =
  | { ok: true; at: Date }
  | { ok: false; reason: 'skipped' }
  | { ok: false; reason: 'repeated' }
  | { ok: false; reason: 'wrong_zone'; zone: 'BST' | 'GMT' }

/**
 * The instant a UK wall-clock time names on a date. The hour the clocks go forward (March) never happens; the hour
 * they go back (October) happens twice, so it needs `BST` (the first) or `GMT` (the second).
 */
export function fromLondon(date: string, time: ClockTime): LondonInstant {
  const [y = NaN, mo = NaN, d = NaN] = date.split('-').map(Number)
  const wall = Date.UTC(y, mo - 1, d, time.hour, time.minute)
  const offsets = new Set([-12, 12].map((h) => offsetMinutes(new Date(wall + h * 3_600_000))))
  const matches = [...offsets]
    .map((offset) => new Date(wall - offset * 60_000))
    .filter((at) => {
      const p = londonParts(at)
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall
    })
    .sort((a, b) => a.getTime() - b.getTime())
  if (matches.length === 0) return { ok: false, reason: 'skipped' }
  const zoneOf = (at: Date): 'BST' | 'GMT' => (offsetMinutes(at) === 0 ? 'GMT' : 'BST')
  if (time.zone) {
    const chosen = matches.find((at) => zoneOf(at) === time.zone)
    const first = matches[0]
    if (chosen) return { ok: true, at: chosen }
    if (first) return { ok: false, reason: 'wrong_zone', zone: zoneOf(first) }
  }
  const [only, second] = matches
  if (second || !only) return { ok: false, reason: 'repeated' }
  return { ok: true, at: only }
}

/** Minutes the UK is ahead of UTC at an instant (0 in winter, 60 in summer). */
function offsetMinutes(at: Date): number {
  const p = londonParts(at)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/**
 * A GOV.UK date input plus a time field, read as a UK local time. Messages are keyed by the field they belong to
 * (`date` or `time`), so the error summary can link to each.
 */
export function readLondonDateTime(input: {
  day: unknown
  month: unknown
  year: unknown
  time: unknown
}): { at: Date } | { errors: { date?: string; time?: string } } {
  const errors: { date?: string; time?: string } = {}
  const date = readDate(input, 'The date')
  if (date.error) errors.date = date.error
  else if (!date.value) errors.date = 'Enter the date'
  const typed = str(input.time)
  const time = typed ? parseTime(typed) : null
  if (!typed) errors.time = 'Enter the time'
  else if (!time) errors.time = 'Enter a real time, like 14:05 or 2:05pm'
  if (errors.date || errors.time || !date.value || !time) return { errors }

  const result = fromLondon(date.value, time)
  if (result.ok) return { at: result.at }
  const day = longDate.format(new Date(`${date.value}T00:00:00Z`))
  const clock = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`
  if (result.reason === 'skipped')
    return { errors: { time: `${clock} did not happen on ${day}: the clocks went forward an hour. Check the time` } }
  if (result.reason === 'repeated')
    return {
      errors: {
        time: `${clock} happened twice on ${day} because the clocks went back. Enter ${clock} BST for the first or ${clock} GMT for the second`,
      },
    }
  return { errors: { time: `UK clocks were on ${result.zone} at that time. Enter the time as UK clocks showed it` } }
}
