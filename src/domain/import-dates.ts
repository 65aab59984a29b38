// Dates and times in an imported file: ISO 8601 or UK day-first, read as UK time (Europe/London) unless an offset is
// given, across every change of the clocks since 1900. Pure: the platform's time-zone data (Intl) is the only source.

export type When = { ok: true; at: Date; hasTime: boolean } | { ok: false; message: string }

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$/

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millis: number
  hasTime: boolean
  /** `Z`, `+01:00`, `-0230`: only ISO 8601 carries one. */
  offset: string | undefined
}

/** The parts of a date as written, when it is a real date (and time) in one of the formats we read. */
function readParts(value: string): Parts | { message: string } {
  const iso = ISO.exec(value)
  const uk = iso ? null : UK.exec(value)
  if (!iso && !uk) {
    return { message: `“${shorten(value)}” is not a date we can read: use 31/01/2026 14:05 or 2026-01-31T14:05:00Z` }
  }
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s))
  const [year, month, day] = iso ? [n(iso[1]), n(iso[2]), n(iso[3])] : [n(uk?.[3]), n(uk?.[2]), n(uk?.[1])]
  const [hour, minute, second] = iso ? [n(iso[4]), n(iso[5]), n(iso[6])] : [n(uk?.[4]), n(uk?.[5]), n(uk?.[6])]
  const check = new Date(Date.UTC(year, month - 1, day))
  if (
    year < 1900 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return { message: `“${shorten(value)}” is not a real date (dates are day first: 31/01/2026)` }
  }
  if (hour > 23 || minute > 59 || second > 59) return { message: `“${shorten(value)}” is not a real time` }
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millis: iso?.[7] ? Math.floor(Number(`0.${iso[7]}`) * 1000) : 0,
    hasTime: (iso ? iso[4] : uk?.[4]) !== undefined,
    offset: iso?.[8],
  }
}

/**
 * A calendar date (a date of birth) as `YYYY-MM-DD`, in the same formats as `parseWhen`. A time after it (a
 * spreadsheet's `00:00:00`) is ignored: a date of birth is a day, not an instant, so no time zone applies.
 */
export function parseDate(input: string): { ok: true; date: string } | { ok: false; message: string } {
  const parts = readParts(input.trim())
  if ('message' in parts) return { ok: false, message: parts.message }
  const two = (n: number) => String(n).padStart(2, '0')
  return { ok: true, date: `${parts.year}-${two(parts.month)}-${two(parts.day)}` }
}

/**
 * A date, or a date and time, as CRM exports write them: ISO 8601 (`2026-01-31`, `2026-01-31T14:05:00Z`,
 * `2026-01-31 14:05`) or UK (`31/01/2026`, `31/01/2026 14:05`). Without an offset the time is UK time (Europe/London).
 * Nothing is guessed: a month-first date, a two-digit year, or a UK time that did not happen or happened twice
 * (when the clocks change) is refused with the reason.
 */
export function parseWhen(input: string): When {
  const value = input.trim()
  const parts = readParts(value)
  if ('message' in parts) return { ok: false, message: parts.message }
  const { hasTime, offset } = parts
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millis)
  if (offset) {
    if (offset.toUpperCase() === 'Z') return { ok: true, at: new Date(wall), hasTime }
    const sign = offset.startsWith('-') ? -1 : 1
    const digits = offset.slice(1).replace(':', '')
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
    return { ok: true, at: new Date(wall - sign * minutes * 60_000), hasTime }
  }
  // The UK's offsets from UTC either side of that moment (GMT, BST, or the war's double summer time): the wall-clock
  // time names each instant that, at its own offset, shows it.
  const offsets = new Set([-36, 36].map((h) => londonOffset(wall + h * 3_600_000)))
  const [first, second] = [...offsets]
    .map((offset) => wall - offset)
    .filter((at) => londonWall(at) === wall)
    .sort((a, b) => a - b)
    .map((at) => new Date(at))
  if (!first) {
    return { ok: false, message: `“${shorten(value)}” did not happen in the UK: the clocks went forward an hour` }
  }
  if (second) {
    return {
      ok: false,
      message: `“${shorten(value)}” happened twice in the UK (the clocks went back): give it with its offset, like 2026-10-25T01:30:00+01:00`,
    }
  }
  return { ok: true, at: first, hasTime }
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
})

const offsetByHour = new Map<number, number>()

/**
 * Milliseconds the UK is ahead of UTC at an instant. UK clocks have only ever changed on the hour, so the answer is
 * remembered by the hour: a file of 100,000 times asks the platform's time-zone data a few thousand times, not 300,000.
 */
function londonOffset(ms: number): number {
  const hour = Math.floor(ms / 3_600_000)
  let offset = offsetByHour.get(hour)
  if (offset === undefined) {
    const at = hour * 3_600_000
    const p = Object.fromEntries(londonFormat.formatToParts(at).map((part) => [part.type, Number(part.value)]))
    offset = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - at
    if (offsetByHour.size >= 100_000) offsetByHour.clear()
    offsetByHour.set(hour, offset)
  }
  return offset
}

/** The UK wall-clock time at an instant, as if it were UTC (to compare with a typed time). */
const londonWall = (ms: number) => ms + londonOffset(ms)

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value
}
