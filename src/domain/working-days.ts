// Working days (F8, F10): Monday to Friday, not an England and Wales bank holiday. Pure: the bank holidays are passed
// in (the service reads them from the database, where an administrator can load GOV.UK's latest list).

const DAY_MS = 24 * 60 * 60 * 1000

function toDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`)
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(isoDate: string, days: number): string {
  return toIso(new Date(toDate(isoDate).getTime() + days * DAY_MS))
}

/** `YYYY-MM-DD` plus whole calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, lastDay))
  return toIso(target)
}

export function isWeekend(isoDate: string): boolean {
  const day = toDate(isoDate).getUTCDay()
  return day === 0 || day === 6
}

export function isWorkingDay(isoDate: string, bankHolidays: ReadonlySet<string>): boolean {
  return !isWeekend(isoDate) && !bankHolidays.has(isoDate)
}

/**
 * The `n`th working day after `fromDate`: the count starts on the first working day after the day of receipt
 * (letters guidance), so a challenge received on a Friday before a bank-holiday Monday is answered by counting from
 * Tuesday. `n` must be at least 1.
 */
export function addWorkingDays(fromDate: string, n: number, bankHolidays: ReadonlySet<string>): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a whole number of working days, at least 1')
  let day = fromDate
  let counted = 0
  while (counted < n) {
    day = addDays(day, 1)
    if (isWorkingDay(day, bankHolidays)) counted += 1
  }
  return day
}

/** Working days from `fromDate` (exclusive) to `toDate` (inclusive); negative when `toDate` is earlier. */
export function workingDaysBetween(fromDate: string, toDate: string, bankHolidays: ReadonlySet<string>): number {
  if (toDate === fromDate) return 0
  const forward = toDate > fromDate
  let day = fromDate
  let counted = 0
  while (day !== toDate) {
    day = addDays(day, forward ? 1 : -1)
    if (forward ? isWorkingDay(day, bankHolidays) : isWorkingDay(addDays(day, 1), bankHolidays)) counted += 1
  }
  return forward ? counted : -counted
}

/** GOV.UK's `bank-holidays.json` shape, one division of it: the dates and their names. */
export interface BankHolidayEvent {
  date: string
  title: string
}

/** The events of one division of GOV.UK's file (issue 14: the council's nation's; England and Wales by default). */
export function readGovUkBankHolidays(
  json: unknown,
  divisionName: 'england-and-wales' | 'scotland' | 'northern-ireland' = 'england-and-wales',
): BankHolidayEvent[] | null {
  if (typeof json !== 'object' || json === null) return null
  const division = (json as Record<string, unknown>)[divisionName]
  if (typeof division !== 'object' || division === null) return null
  const events = (division as Record<string, unknown>)['events']
  if (!Array.isArray(events)) return null
  const out: BankHolidayEvent[] = []
  for (const event of events) {
    if (typeof event !== 'object' || event === null) return null
    const { date, title } = event as Record<string, unknown>
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof title !== 'string') return null
    if (Number.isNaN(toDate(date).getTime()) || toIso(toDate(date)) !== date) return null
    out.push({ date, title: title.trim() })
  }
  return out
}
