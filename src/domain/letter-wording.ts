// The wording letters share (F9): dates and times written out, section headings, getting help, and the Ombudsman.
// How each restriction is worded is in restriction-wording.ts. Pure.
import { ombudsmen, type Ombudsman } from './nations.ts'
import { type PhoneWindow, type Weekday, weekdays } from './restrictions.ts'

/** The plain heading each section has unless a letter words it differently. */
export const sectionHeadings: Record<string, string> = {
  what_happened: 'What happened',
  why_a_problem: 'Why this is a problem',
  what_we_ask: 'What we are asking you to do',
  what_may_happen: 'What may happen if this continues',
  monitoring: 'How long we will keep this under review',
  facts_wrong: 'If you think we have got the facts wrong',
  why: 'Why we are doing this',
  what_we_are_doing: 'What we are doing',
  how_long: 'How long this will last',
  how_to_contact: 'How you can still contact us',
  how_to_challenge: 'How to challenge this decision',
  ombudsman: 'If you are still unhappy',
  outcome: 'What we have decided',
  reasons: 'Why we made this decision',
  what_happens_next: 'What happens next',
  what_has_ended: 'What has ended',
  getting_help: 'Getting help',
}

/** The Ombudsman in England (the LGSCO); a council elsewhere names its own nation's (issue 14, nations.ts). */
export const ombudsman: Ombudsman = ombudsmen.england

const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** `2027-01-07` as "7 January 2027"; an invalid date is ''. */
export function longDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return ''
  const date = new Date(`${isoDate}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(isoDate)) return ''
  return longDateFormat.format(date)
}

/** `10:00` as "10am", `14:30` as "2:30pm", `12:00` as "12 noon", `00:00` as "12 midnight". */
export function spokenTime(clock: string): string {
  const [h = 0, m = 0] = clock.split(':').map(Number)
  if (m === 0 && h === 12) return '12 noon'
  if (m === 0 && (h === 0 || h === 24)) return '12 midnight'
  const hour = h % 12 === 0 ? 12 : h % 12
  const minutes = m === 0 ? '' : `:${String(m).padStart(2, '0')}`
  return `${hour}${minutes}${h < 12 ? 'am' : 'pm'}`
}

const dayNames: Record<Weekday, string> = {
  monday: 'Mondays',
  tuesday: 'Tuesdays',
  wednesday: 'Wednesdays',
  thursday: 'Thursdays',
  friday: 'Fridays',
  saturday: 'Saturdays',
  sunday: 'Sundays',
}

/** "a, b and c" */
export function joinAnd(items: readonly string[], word = 'and'): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1] ?? ''}`
}

/** Telephone windows grouped by day in week order: "Tuesdays, 10am to 12 noon, and Thursdays, 2pm to 4pm". */
export function describePhoneWindows(windows: readonly PhoneWindow[]): string {
  const byDay = weekdays
    .map((day) => ({
      day,
      times: windows
        .filter((w) => w.day === day)
        .sort((a, b) => a.from.localeCompare(b.from))
        .map((w) => `${spokenTime(w.from)} to ${spokenTime(w.to)}`),
    }))
    .filter((d) => d.times.length > 0)
  const days = byDay.map((d) => `${dayNames[d.day]}, ${joinAnd(d.times)}`)
  // Each day already has a comma in it, so the last one is joined with ", and".
  return days.length > 1 ? `${days.slice(0, -1).join(', ')}, and ${days[days.length - 1] ?? ''}` : days.join('')
}

/**
 * The Ombudsman section's paragraphs: the person's right once our route is exhausted (F9 good practice). `which` is the
 * council's nation's Ombudsman (issue 14); the LGSCO when not given.
 */
export function ombudsmanParagraphs(afterWhat: string, which: Ombudsman = ombudsman): string[] {
  return [
    `If you are still unhappy ${afterWhat}, you can ask the ${which.name} to look at it. The Ombudsman is free and independent of the council. They will usually expect you to have finished our own process first.`,
    `Website: ${which.website}. Telephone: ${which.phone}.`,
  ]
}

/** The help paragraph every letter ends its sections with (P5: reasonable adjustments). */
export function gettingHelpParagraphs(contactRoute: string): string[] {
  return [
    'If you would like this letter in another format, such as large print or another language, or you would like someone to help you deal with us, such as a friend, relative or advocate, please tell us.',
    `You can reach us here: ${contactRoute.trim()}`,
  ]
}
