// F5c: telephone calls only on set days and times. Pure: windows are Europe/London wall-clock times, so a window of
// 10:00 to 12:00 on a Monday is 09:00 to 11:00 UTC in summer and 10:00 to 12:00 UTC in winter, and the days around the
// clock changes (last Sunday of March and of October) need no special rules beyond the hour that happens twice.
import { fromLondon, londonClock, londonDate } from './london-time.ts'
import { weekdayName, weekdays } from './restrictions.ts'
import type { PhoneWindow, Weekday } from './restrictions.ts'
import { addDays } from './working-days.ts'

const FROM = /^([01]\d|2[0-3]):[0-5]\d$/
const TO = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/

/** A window the engine can use: a real weekday, `HH:MM` times, `from` before `to` (no window crosses midnight). */
export function validWindow(window: PhoneWindow): boolean {
  return (
    (weekdays as readonly string[]).includes(window.day) &&
    FROM.test(window.from) &&
    TO.test(window.to) &&
    window.from < window.to
  )
}

/** The day of the week of a `YYYY-MM-DD` date (a calendar date: no time zone is involved). */
export function weekdayOf(date: string): Weekday {
  const sundayFirst = new Date(`${date}T00:00:00Z`).getUTCDay()
  return weekdays[(sundayFirst + 6) % 7] ?? 'monday'
}

/** The windows containing a London wall-clock moment: `from` inclusive, `to` exclusive, to the minute. */
export function windowsContaining(windows: readonly PhoneWindow[], date: string, clock: string): PhoneWindow[] {
  const day = weekdayOf(date)
  return windows.filter((w) => validWindow(w) && w.day === day && w.from <= clock && clock < w.to)
}

/** Whether a call at `at` falls inside one of the windows, reading `at` on the UK wall clock. */
export function insideWindow(windows: readonly PhoneWindow[], at: Date): boolean {
  return windowsContaining(windows, londonDate(at), londonClock(at)).length > 0
}

export interface NextWindow {
  date: string
  from: string
  to: string
}

/**
 * Whether the wall-clock time `clock` on `date` (the day of `at`) is still to come. It is when it is later on the
 * clock; and when the clocks go back, an earlier time between 01:00 and 02:00 comes round again (its GMT occurrence).
 */
function stillToCome(date: string, clock: string, at: Date): boolean {
  if (clock > londonClock(at)) return true
  const [hour = NaN, minute = NaN] = clock.split(':').map(Number)
  const second = fromLondon(date, { hour, minute, zone: 'GMT' })
  return second.ok && second.at.getTime() > at.getTime()
}

/**
 * The first time after `at` when a call is inside a window of every one of `sets` (several phone-time restrictions
 * in force at once must all be met), searching `horizonDays` days ahead. A common window always starts where one of
 * the windows starts, so those starts are the only candidates. Undefined when there is none in that time.
 */
export function nextWindow(
  sets: readonly (readonly PhoneWindow[])[],
  at: Date,
  horizonDays = 14,
): NextWindow | undefined {
  const usable = sets.map((set) => set.filter(validWindow))
  if (usable.length === 0 || usable.some((set) => set.length === 0)) return undefined
  const today = londonDate(at)
  for (let offset = 0; offset <= horizonDays; offset += 1) {
    const date = addDays(today, offset)
    const day = weekdayOf(date)
    const starts = [...new Set(usable.flatMap((set) => set.filter((w) => w.day === day).map((w) => w.from)))].sort()
    for (const from of starts) {
      if (offset === 0 && !stillToCome(date, from, at)) continue
      const ends = usable.map((set) => {
        const containing = set.filter((w) => w.day === day && w.from <= from && from < w.to)
        return containing.length
          ? containing
              .map((w) => w.to)
              .sort()
              .at(-1)
          : undefined
      })
      const found = ends.filter((end): end is string => end !== undefined)
      if (found.length === usable.length) return { date, from, to: found.sort()[0] ?? from }
    }
  }
  return undefined
}

/** `Monday 10:00 to 12:00 and Thursday 14:00 to 16:00`, in week order. */
export function describeWindows(windows: readonly PhoneWindow[]): string {
  const sorted = windows
    .filter(validWindow)
    .sort((a, b) => weekdays.indexOf(a.day) - weekdays.indexOf(b.day) || a.from.localeCompare(b.from))
  const parts = sorted.map((w) => `${weekdayName(w.day)} ${w.from} to ${w.to}`)
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** `Monday 6 April 2026`. */
export function describeDate(date: string): string {
  return longDate.format(new Date(`${date}T00:00:00Z`)).replace(',', '')
}
