// Issue 14: the nation the council is in. It names the Ombudsman a person may go to once the council's own process is
// finished (F9: every restriction, review and challenge letter says so), and which of GOV.UK's bank holiday divisions
// working-day deadlines skip (F8, F10): Scotland and Northern Ireland have their own. Pure.

export const nations = ['england', 'wales', 'scotland', 'northern_ireland'] as const
export type Nation = (typeof nations)[number]

export const nationNames: Record<Nation, string> = {
  england: 'England',
  wales: 'Wales',
  scotland: 'Scotland',
  northern_ireland: 'Northern Ireland',
}

export interface Ombudsman {
  /** What people call it: LGSCO, PSOW, SPSO, NIPSO. */
  short: string
  name: string
  website: string
  phone: string
}

export const ombudsmen: Record<Nation, Ombudsman> = {
  england: {
    short: 'LGSCO',
    name: 'Local Government and Social Care Ombudsman',
    website: 'www.lgo.org.uk',
    phone: '0300 061 0614',
  },
  wales: {
    short: 'PSOW',
    name: 'Public Services Ombudsman for Wales',
    website: 'www.ombudsman.wales',
    phone: '0300 790 0203',
  },
  scotland: {
    short: 'SPSO',
    name: 'Scottish Public Services Ombudsman',
    website: 'www.spso.org.uk',
    phone: '0800 377 7330',
  },
  northern_ireland: {
    short: 'NIPSO',
    name: 'Northern Ireland Public Services Ombudsman',
    website: 'www.nipso.org.uk',
    phone: '0800 34 34 24',
  },
}

/** The division of GOV.UK's bank-holidays.json whose holidays the council keeps. */
export const bankHolidayDivisions: Record<Nation, 'england-and-wales' | 'scotland' | 'northern-ireland'> = {
  england: 'england-and-wales',
  wales: 'england-and-wales',
  scotland: 'scotland',
  northern_ireland: 'northern-ireland',
}

export const divisionNames: Record<(typeof bankHolidayDivisions)[Nation], string> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
}

export function isNation(value: unknown): value is Nation {
  return typeof value === 'string' && (nations as readonly string[]).includes(value)
}
