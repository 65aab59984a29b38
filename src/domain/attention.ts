// Who may need attention (P1, P2). Pure rules: given one person's contact figures and the council's thresholds, which
// indicators are reached, why, and what weighs against reading them as unreasonable persistence.
//
// P1: nothing here restricts anyone. An indicator only prompts a member of staff to look at the person's record.
// P2: many genuine complaints are not unreasonable persistence, so the counterweights are always shown beside the
// indicators, and someone whose complaints are mostly upheld is shown as such, not as a problem.

/** The thresholds (settings in src/config.ts, `config.attention`). */
export interface AttentionThresholds {
  contacts7Days: number
  contacts30Days: number
  ratioToHistory: number
  closedMatterContacts90Days: number
  channels7Days: number
  staff30Days: number
  staffMinutes30Days: number
}

/**
 * One person's figures on one day. Windows are UK calendar days ending today: "the last 7 days" is today and the 6
 * days before. Contacts are counted as on the person's page (both directions; a contact on a matter counts as "on a
 * closed matter" when it came after the matter closed).
 */
export interface AttentionFigures {
  contacts7: number
  contacts30: number
  contacts90: number
  contacts365: number
  /** Contacts in the 51 weeks before the last 7 days: the person's own history. */
  history: number
  closedMatterContacts90: number
  channels7: number
  staff30: number
  minutes30: number
  // The counterweights (P2)
  distinctMatters: number
  complaints: number
  /** Complaints closed with an outcome. */
  complaintsDecided: number
  upheld: number
  partlyUpheld: number
  /** Matters still open: the council has not yet answered them. */
  openMatters: number
}

export const emptyFigures: AttentionFigures = {
  contacts7: 0,
  contacts30: 0,
  contacts90: 0,
  contacts365: 0,
  history: 0,
  closedMatterContacts90: 0,
  channels7: 0,
  staff30: 0,
  minutes30: 0,
  distinctMatters: 0,
  complaints: 0,
  complaintsDecided: 0,
  upheld: 0,
  partlyUpheld: 0,
  openMatters: 0,
}

export const indicators = [
  'contacts_7_days',
  'contacts_30_days',
  'above_usual',
  'closed_matters',
  'channels',
  'staff',
  'staff_minutes',
] as const
export type Indicator = (typeof indicators)[number]

export const indicatorNames: Record<Indicator, string> = {
  contacts_7_days: 'Contacts in the last 7 days',
  contacts_30_days: 'Contacts in the last 30 days',
  above_usual: 'Above their usual contact',
  closed_matters: 'Contacts on closed matters',
  channels: 'Several channels',
  staff: 'Many staff',
  staff_minutes: 'Staff time',
}

/** The weeks of history the usual weekly contact is taken over (the year before the last 7 days). */
export const HISTORY_WEEKS = 51
/** Below this, a person is treated as usually in touch about once a week, so a handful of contacts is not "3 times". */
export const USUAL_WEEKLY_FLOOR = 1
/** P2: a person is shown as having mostly upheld complaints from this many decided complaints, at least half upheld. */
export const MOSTLY_UPHELD_MIN_DECIDED = 3

export interface ReachedIndicator {
  indicator: Indicator
  name: string
  /** A plain explanation with the figure and the threshold. */
  text: string
  /** How far above the threshold: the figure divided by the threshold (1 = exactly at it). */
  score: number
}

export interface AttentionAssessment {
  reached: ReachedIndicator[]
  /** The ids of the indicators reached, in the order of `indicators`. */
  flags: Indicator[]
  /** The highest score of the indicators reached, 0 when none is. The list is ordered by it. */
  score: number
  /** P2: the counterweights, in plain words, always shown beside the indicators. */
  counterweights: string[]
  /** P2: most of the person's decided complaints were upheld or partly upheld. */
  mostlyUpheld: boolean
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

const timesText = (ratio: number) => {
  const rounded = Math.round(ratio * 10) / 10
  return Number.isInteger(rounded) ? `${rounded} times` : `${rounded.toFixed(1)} times`
}

/** The person's usual contacts a week over their history (never below USUAL_WEEKLY_FLOOR). */
export function usualWeekly(f: Pick<AttentionFigures, 'history'>): number {
  return Math.max(USUAL_WEEKLY_FLOOR, f.history / HISTORY_WEEKS)
}

/** P2: decided complaints at least half upheld or partly upheld, with enough of them to say so. */
export function mostlyUpheld(f: AttentionFigures): boolean {
  const upheld = f.upheld + f.partlyUpheld
  return f.complaintsDecided >= MOSTLY_UPHELD_MIN_DECIDED && upheld * 2 >= f.complaintsDecided
}

/** P2: the counterweights in plain words. */
export function counterweights(f: AttentionFigures): string[] {
  const lines = [`${plural(f.distinctMatters, 'distinct matter')} raised`]
  const upheld = f.upheld + f.partlyUpheld
  if (f.complaints > 0) {
    const line = `${plural(f.complaints, 'complaint')}, ${upheld.toLocaleString('en-GB')} upheld or partly upheld`
    lines.push(mostlyUpheld(f) ? `${line}: many genuine complaints are not unreasonable persistence` : line)
  } else lines.push('No complaints')
  lines.push(
    f.openMatters === 0
      ? 'No open matters waiting for the council'
      : `${plural(f.openMatters, 'open matter')} the council has not yet answered`,
  )
  return lines
}

/** P2: what weighs against reading contact as unreasonable persistence, as the record gives it. */
export interface Counterweights {
  distinctMatters: number
  upheld: number
  partlyUpheld: number
}

/**
 * P2, worded for staff wherever persistence is shown (the case-opening page, the decision page, the case file and its
 * PDF): "Raised 5 distinct matters; 2 complaints upheld or partly upheld".
 */
export function counterweightsText(c: Counterweights): string {
  return `Raised ${plural(c.distinctMatters, 'distinct matter')}; ${plural(c.upheld + c.partlyUpheld, 'complaint')} upheld or partly upheld`
}

/** S3: why contacts about FOI or EIR requests are left out of every count of persistence. */
export const FOI_EIR_NOT_COUNTED =
  'Contacts about FOI or EIR requests are not counted: the procedure does not apply to them (S3)'

/**
 * The contact pattern in one line for staff, shown beside the counterweights (P2). S3: contacts about FOI or EIR
 * requests are not in the figures; when there were any in the last year, the line says how many were left out.
 */
export function contactPatternText(p: {
  days30: number
  days90: number
  days365: number
  onClosedMatters: number
  foiEirNotCounted?: number
}) {
  const n = (v: number) => v.toLocaleString('en-GB')
  const foiEir = p.foiEirNotCounted
    ? `; ${plural(p.foiEirNotCounted, 'contact')} about FOI or EIR requests in the last year not counted, as the procedure does not apply to them (S3)`
    : ''
  return `${plural(p.days30, 'contact')} in the last 30 days, ${n(p.days90)} in the last 90 days and ${n(p.days365)} in the last year; ${plural(p.onClosedMatters, 'contact')} on matters after they closed${foiEir}`
}

/** P1, P2: which indicators the person's figures reach, each explained, with the counterweights beside them. */
export function assessAttention(f: AttentionFigures, t: AttentionThresholds): AttentionAssessment {
  const reached: ReachedIndicator[] = []
  const add = (indicator: Indicator, value: number, threshold: number, text: string) => {
    if (value >= threshold) reached.push({ indicator, name: indicatorNames[indicator], text, score: value / threshold })
  }
  add(
    'contacts_7_days',
    f.contacts7,
    t.contacts7Days,
    `${plural(f.contacts7, 'contact')} in the last 7 days (threshold ${t.contacts7Days})`,
  )
  add(
    'contacts_30_days',
    f.contacts30,
    t.contacts30Days,
    `${plural(f.contacts30, 'contact')} in the last 30 days (threshold ${t.contacts30Days})`,
  )
  const usual = usualWeekly(f)
  const ratio = f.contacts7 / usual
  const usualText =
    f.history / HISTORY_WEEKS < USUAL_WEEKLY_FLOOR
      ? 'they were usually in touch less than once a week over the year before'
      : `usually about ${plural(Math.round(usual * 10) / 10, 'contact')} a week over the year before`
  add(
    'above_usual',
    ratio,
    t.ratioToHistory,
    `${timesText(ratio)} their usual weekly contact: ${plural(f.contacts7, 'contact')} in the last 7 days, ${usualText} (threshold ${timesText(t.ratioToHistory)})`,
  )
  add(
    'closed_matters',
    f.closedMatterContacts90,
    t.closedMatterContacts90Days,
    `${plural(f.closedMatterContacts90, 'contact')} in the last 90 days about matters after they were closed (threshold ${t.closedMatterContacts90Days})`,
  )
  add(
    'channels',
    f.channels7,
    t.channels7Days,
    `In touch through ${plural(f.channels7, 'different channel')} in the last 7 days (threshold ${t.channels7Days})`,
  )
  add(
    'staff',
    f.staff30,
    t.staff30Days,
    `In touch with ${plural(f.staff30, 'different member')} of staff in the last 30 days (threshold ${t.staff30Days})`,
  )
  add(
    'staff_minutes',
    f.minutes30,
    t.staffMinutes30Days,
    `${plural(f.minutes30, 'minute')} of staff time in the last 30 days (threshold ${t.staffMinutes30Days})`,
  )
  return {
    reached,
    flags: reached.map((r) => r.indicator),
    score: reached.reduce((max, r) => Math.max(max, r.score), 0),
    counterweights: counterweights(f),
    mostlyUpheld: mostlyUpheld(f),
  }
}

/** Every threshold, its value and what it means: shown on the page so staff can see why someone is listed. */
export function thresholdExplanations(t: AttentionThresholds) {
  return [
    {
      setting: 'ATTENTION_CONTACTS_7_DAYS',
      value: String(t.contacts7Days),
      meaning: `Listed when the person has been in touch ${t.contacts7Days} times or more in the last 7 days (today and the 6 days before). Contacts both ways count, as on the person's page.`,
    },
    {
      setting: 'ATTENTION_CONTACTS_30_DAYS',
      value: String(t.contacts30Days),
      meaning: `Listed when there were ${t.contacts30Days} contacts or more in the last 30 days.`,
    },
    {
      setting: 'ATTENTION_RATIO_TO_HISTORY',
      value: `${t.ratioToHistory} times`,
      meaning: `Listed when the last 7 days' contacts are ${t.ratioToHistory} times or more the person's usual week, taken over the ${HISTORY_WEEKS} weeks before. Anyone usually in touch less than once a week is treated as once a week, so a short burst from someone new is not counted as a large multiple.`,
    },
    {
      setting: 'ATTENTION_CLOSED_MATTER_CONTACTS_90_DAYS',
      value: String(t.closedMatterContacts90Days),
      meaning: `Listed when ${t.closedMatterContacts90Days} or more contacts in the last 90 days were about matters after they were closed (including matters where the complaints process is exhausted).`,
    },
    {
      setting: 'ATTENTION_CHANNELS_7_DAYS',
      value: String(t.channels7Days),
      meaning: `Listed when the person used ${t.channels7Days} or more different channels (phone, email, letter, in person, web form, social media) in the last 7 days: the same message may be arriving several ways.`,
    },
    {
      setting: 'ATTENTION_STAFF_30_DAYS',
      value: String(t.staff30Days),
      meaning: `Listed when contacts in the last 30 days involved ${t.staff30Days} or more different members of staff.`,
    },
    {
      setting: 'ATTENTION_STAFF_MINUTES_30_DAYS',
      value: `${t.staffMinutes30Days} minutes`,
      meaning: `Listed when contacts in the last 30 days took ${t.staffMinutes30Days} minutes or more of staff time, as recorded with each contact.`,
    },
  ]
}
