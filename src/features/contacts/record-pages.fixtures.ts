import assert from 'node:assert/strict'
import type { Role } from '../../domain/roles.ts'
import { apiAs, signedIn, testApp, type Api, type TestApp } from '../../../test/helpers/app.ts'
import { latestAudit, rowCounts } from '../../../test/helpers/rows.ts'

// What the recording-page tests share: a fixed clock, people and matters made through the API, and row counts to
// show that a refused form stored nothing.
export const NOW = new Date('2026-11-20T12:00:00Z')

/** The app with its clock at NOW, and the fixtures acting through the API as a case officer. */
export async function recordApp() {
  const t = await testApp()
  t.clock.now = NOW
  const f = recordFixtures(t, await apiAs(t, ['case_officer']))
  return { t, f }
}

function recordFixtures(t: TestApp, api: Api) {
  const tables = ['contact', 'incident', 'matter', 'safety_marker', 'audit_entry'] as const
  const newPerson = async (fullName = 'Pat Example') => {
    const created = await api.post('/api/v1/people', { fullName })
    assert.equal(created.status, 201)
    return created.body.id as string
  }
  return {
    api,
    counts: () => rowCounts(t, tables),
    latestAudit: (action: string) => latestAudit(t, action),
    newPerson,
    /** A new staff user with these roles, signed in, and a new person to record on. */
    signedInWithPerson: async (roles: Role[]) => {
      const { browser, staff } = await signedIn(t, roles)
      return { browser, staff, personId: await newPerson() }
    },
    newMatter: async (personId: string, type = 'complaint') => {
      const created = await api.post('/api/v1/matters', { personId, type, subject: 'Missed bins', service: 'Waste' })
      assert.equal(created.status, 201)
      return created.body.id as string
    },
  }
}

export const when = (day: string, month: string, year: string, time: string) => ({
  'date-day': day,
  'date-month': month,
  'date-year': year,
  time,
})
export const contact = (over: Record<string, string> = {}) => ({
  channel: 'phone',
  direction: 'inbound',
  ...when('15', '7', '2026', '2:05pm'),
  matterId: '',
  summary: 'Asked when the bins will be collected',
  minutesSpent: '',
  ...over,
})
export const incident = (over: Record<string, string> = {}) => ({
  ...when('16', '7', '2026', '09:15'),
  category: 'aggressive_or_abusive',
  severity: 'high',
  description: 'Shouted and swore at the receptionist',
  witnesses: '',
  policeReference: '',
  contactId: '',
  ...over,
})
