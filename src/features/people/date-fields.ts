import { dateOutOfRange } from '../../domain/date-range.ts'

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/**
 * Reads a GOV.UK date input (`<prefix>-day`, `-month`, `-year`) as `YYYY-MM-DD`. Empty is undefined; a date that
 * does not exist (30 February), or is outside 1900 to 2100 (domain/date-range.ts), is an error message, never a guess.
 */
export function readDateInput(
  body: Record<string, unknown>,
  prefix: string,
  label: string,
): { value?: string; error?: string } {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => str(body[`${prefix}-${part}`]))
  if (!day && !month && !year) return {}
  if (!/^\d{1,2}$/.test(day ?? '') || !/^\d{1,2}$/.test(month ?? '') || !/^\d{4}$/.test(year ?? '')) {
    return { error: `${label} must be a real date, like 27 3 2026` }
  }
  const value = `${year}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`
  const date = new Date(`${value}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value))
    return { error: `${label} must be a real date, like 27 3 2026` }
  const outside = dateOutOfRange(value, label)
  return outside ? { error: outside } : { value }
}
