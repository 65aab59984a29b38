import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, test } from 'node:test'
import Fastify from 'fastify'
import { allows, type Access } from '../domain/permissions.ts'
import { roles, type Role } from '../domain/roles.ts'
import { hashSecret, newSecret } from './credentials.ts'
import { Browser, createStaff, testApp, type TestApp } from '../../test/helpers/app.ts'
import { declareAccess } from './access.ts'

// Every route the app registers, with the access it must declare. A new route must be added here, or this fails:
// that is the point (K6: access only for those who need it).
const expected: Record<string, Access> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /assets/*': 'public',
  'GET /': 'signed_in',
  'GET /accessibility': 'public',
  'GET /privacy': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'signed_in',
  'GET /signed-out': 'public',
  'GET /account': 'signed_in',
  'POST /account/sign-out-everywhere': 'signed_in',
  'GET /first-administrator/:token': 'public',
  'POST /first-administrator/:token': 'public',
  'GET /set-password/:token': 'public',
  'POST /set-password/:token': 'public',
  'GET /staff': 'staff.manage',
  'GET /staff/new': 'staff.manage',
  'POST /staff/new': 'staff.manage',
  'GET /staff/:id': 'staff.manage',
  'GET /staff/:id/roles': 'staff.manage',
  'POST /staff/:id/roles': 'staff.manage',
  'GET /staff/:id/services': 'staff.manage',
  'POST /staff/:id/services': 'staff.manage',
  'GET /staff/:id/disable': 'staff.manage',
  'POST /staff/:id/disable': 'staff.manage',
  'GET /staff/:id/enable': 'staff.manage',
  'POST /staff/:id/enable': 'staff.manage',
  'POST /staff/:id/link': 'staff.manage',
  'GET /staff/:id/tokens/new': 'staff.manage',
  'POST /staff/:id/tokens/new': 'staff.manage',
  'POST /staff/:id/tokens/:tokenId/revoke': 'staff.manage',
  'GET /audit': 'audit.read',
  'GET /people': 'people.read',
  'GET /people/new': 'people.write',
  'POST /people/new': 'people.write',
  'GET /people/:id': 'people.read',
  'GET /people/:id/arrangements/new': 'arrangements.record',
  'POST /people/:id/arrangements/new': 'arrangements.record',
  'GET /people/:id/representatives/new': 'people.write',
  'POST /people/:id/representatives/new': 'people.write',
  'GET /people/:id/merge': 'people.merge',
  'POST /people/:id/merge': 'people.merge',
  'GET /people/:id/adjustments/new': 'people.write',
  'POST /people/:id/adjustments/new': 'people.write',
  'GET /people/:id/contacts/new': 'contacts.record',
  'POST /people/:id/contacts/new': 'contacts.record',
  'GET /people/:id/incidents/new': 'contacts.record',
  'POST /people/:id/incidents/new': 'contacts.record',
  'GET /people/:id/matters/new': 'matters.manage',
  'POST /people/:id/matters/new': 'matters.manage',
  'GET /matters/:id/close': 'matters.manage',
  'POST /matters/:id/close': 'matters.manage',
  'GET /people/:id/safety-markers/new': 'safety_markers.manage',
  'POST /people/:id/safety-markers/new': 'safety_markers.manage',
  'GET /safety-markers/:id/review': 'safety_markers.manage',
  'POST /safety-markers/:id/review': 'safety_markers.manage',
  'GET /import': 'records.import',
  'POST /import': 'records.import',
  'GET /import/:id': 'records.import',
  'GET /import/:id/mapping': 'records.import',
  'POST /import/:id/mapping': 'records.import',
  'GET /import/:id/preview': 'records.import',
  'POST /import/:id/confirm': 'records.import',
  'GET /import/:id/rejected.csv': 'records.import',
  'GET /check': 'contacts.check',
  'POST /check/record': 'contacts.record',
  'GET /closed-matters': 'closed_matters.process',
  'GET /closed-matters/:id': 'closed_matters.process',
  'POST /closed-matters/:id': 'closed_matters.process',
  'GET /account/absence': 'signed_in',
  'POST /account/absence': 'signed_in',
  'GET /staff/:id/absence': 'staff.manage',
  'POST /staff/:id/absence': 'staff.manage',
  'GET /api/v1/me': 'signed_in',
  'POST /api/v1/people': 'people.write',
  'GET /api/v1/people': 'people.read',
  'GET /api/v1/people/:id': 'people.read',
  'POST /api/v1/people/:id/safety-markers': 'safety_markers.manage',
  'POST /api/v1/safety-markers/:id/reviews': 'safety_markers.manage',
  'POST /api/v1/matters': 'matters.manage',
  'POST /api/v1/matters/:id/close': 'matters.manage',
  'POST /api/v1/matters/:id/stage': 'matters.manage',
  'GET /matters/:id/stage': 'matters.manage',
  'POST /matters/:id/stage': 'matters.manage',
  'POST /api/v1/contacts': 'contacts.record',
  'POST /api/v1/incidents': 'contacts.record',
  // cases pages: routes-case.ts
  'GET /letters/:id/correct': 'letters.issue',
  'POST /letters/:id/correct': 'letters.issue',
  'GET /people/:id/cases/new': 'cases.open',
  'POST /people/:id/cases/new': 'cases.open',
  'GET /cases/:id': 'cases.read',
  'GET /cases/:id/warnings/new': 'warnings.issue',
  'POST /cases/:id/warnings/new': 'warnings.issue',
  'GET /letters/:id': 'cases.read',
  'GET /letters/:id/pdf': 'cases.read',
  'GET /letters/:id/docx': 'cases.read',
  'GET /letters/print-queue': 'letters.issue',
  'GET /letters/print-queue/pdf': 'letters.issue',
  'POST /letters/:id/posted': 'letters.issue',
  'GET /cases/:id/file': 'cases.read',
  'GET /cases/:id/file.pdf': 'cases.read',
  'GET /cases/:id/close': 'cases.close',
  'POST /cases/:id/close': 'cases.close',
  // cases pages: routes-proposal.ts
  'GET /cases/:id/proposals/new': 'proposals.make',
  'POST /cases/:id/proposals/new': 'proposals.make',
  'GET /proposals/:id': 'cases.read',
  'POST /proposals/:id/decisions': 'proposals.decide',
  'GET /proposals/:id/notice': 'letters.issue',
  'POST /proposals/:id/notice': 'letters.issue',
  'GET /proposals/:id/interim': 'proposals.decide',
  'POST /proposals/:id/interim': 'proposals.decide',
  // cases pages: routes-restriction.ts
  'GET /restrictions/:id/reviews/new': 'restrictions.review',
  'POST /restrictions/:id/reviews/new': 'restrictions.review',
  'GET /reviews': 'restrictions.review',
  'GET /restrictions/:id/challenges/new': 'challenges.record',
  'POST /restrictions/:id/challenges/new': 'challenges.record',
  'GET /warnings/:id/challenges/new': 'challenges.record',
  'POST /warnings/:id/challenges/new': 'challenges.record',
  'GET /challenges/:id': 'cases.read',
  'POST /challenges/:id': 'challenges.decide',
  'GET /register': 'cases.read',
  'GET /register.csv': 'cases.read',
  'GET /bank-holidays': 'bank_holidays.manage',
  'POST /bank-holidays': 'bank_holidays.manage',
  // Issue 14: the council's settings, for administrators.
  'GET /settings': 'settings.manage',
  'GET /settings/council-name': 'settings.manage',
  'POST /settings/council-name': 'settings.manage',
  'GET /settings/return-address': 'settings.manage',
  'POST /settings/return-address': 'settings.manage',
  'GET /settings/contact': 'settings.manage',
  'POST /settings/contact': 'settings.manage',
  'GET /settings/nation': 'settings.manage',
  'POST /settings/nation': 'settings.manage',
  'GET /settings/procedure': 'settings.manage',
  'POST /settings/procedure': 'settings.manage',
  'GET /settings/attention': 'settings.manage',
  'POST /settings/attention': 'settings.manage',
  'GET /settings/service-contact': 'settings.manage',
  'POST /settings/service-contact': 'settings.manage',
  'GET /settings/signatories/:id': 'settings.manage',
  'POST /settings/signatories/:id': 'settings.manage',
  'POST /api/v1/cases': 'cases.open',
  'GET /api/v1/cases/:id': 'cases.read',
  'POST /api/v1/cases/:id/close': 'cases.close',
  'POST /api/v1/cases/:id/warnings': 'warnings.issue',
  'POST /api/v1/cases/:id/proposals': 'proposals.make',
  'POST /api/v1/proposals/:id/decisions': 'proposals.decide',
  'POST /api/v1/proposals/:id/notice': 'letters.issue',
  'POST /api/v1/proposals/:id/interim': 'proposals.decide',
  'GET /api/v1/restrictions/:id': 'cases.read',
  'POST /api/v1/restrictions/:id/reviews': 'restrictions.review',
  'POST /api/v1/restrictions/:id/challenges': 'challenges.record',
  'POST /api/v1/warnings/:id/challenges': 'challenges.record',
  'POST /api/v1/challenges/:id/decision': 'challenges.decide',
  'GET /api/v1/letters/:id': 'cases.read',
  'POST /api/v1/letters/:id/corrections': 'letters.issue',
  'POST /api/v1/notify/callbacks': 'public',
  'GET /api/v1/letters/:id/pdf': 'cases.read',
  'GET /api/v1/letters/:id/docx': 'cases.read',
  'POST /api/v1/contact-checks': 'contacts.check',
  'GET /report': 'report.members',
  'GET /report/named': 'report.read',
  'GET /report.csv': 'report.members',
  'GET /report.xlsx': 'report.members',
  'GET /report.pdf': 'report.members',
  'GET /report/named.csv': 'report.read',
  'GET /attention': 'attention.read',
  'GET /due': 'signed_in',
  'GET /reminders': 'reminders.read',
  'GET /api/v1/openapi.json': 'public',
}

let t: TestApp
let staffId: string
const csrf = { cookie: '', token: '' }
const sessions = new Map<Role | 'none', string>()
/** Each session's CSRF form token: tokens are bound to the session they were made for (issue 12 item 6). */
const formTokens = new Map<Role | 'none', string>()
const tokens = new Map<Role | 'none', string>()

before(async () => {
  t = await testApp()
  staffId = (await createStaff(t, ['frontline'])).id
  const browser = new Browser(t.app)
  await browser.get('/sign-in')
  csrf.cookie = `fc_csrf=${browser.cookies.get('fc_csrf')}`
  csrf.token = browser.csrf
  for (const role of [...roles, 'none'] as const) {
    const staff = await createStaff(t, role === 'none' ? [] : [role])
    const session = newSecret()
    await t.services.db
      .insertInto('staff_session')
      .values({ token_hash: hashSecret(session), staff_user_id: staff.id, user_agent: null })
      .execute()
    sessions.set(role, session)
    const page = await t.app.inject({ url: '/account', headers: { cookie: `${csrf.cookie}; fc_session=${session}` } })
    formTokens.set(role, page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '')
    const token = newSecret('fc_')
    await t.services.db
      .insertInto('api_token')
      .values({ staff_user_id: staff.id, label: 'test', token_hash: hashSecret(token), created_by: null })
      .execute()
    tokens.set(role, token)
  }
})
after(() => t.close())

const routesOf = () => t.app.routeTable.filter((r) => r.method !== 'HEAD')

test('K6: every registered route declares the access this table expects, and the table lists no missing route', () => {
  const registered = Object.fromEntries(routesOf().map((r) => [`${r.method} ${r.url}`, r.access]))
  assert.deepEqual(registered, expected)
})

test('a route without a declared access stops the app from building', async () => {
  const app = Fastify()
  declareAccess(app)
  assert.throws(() => app.get('/undeclared', async () => 'oops'), /GET \/undeclared does not declare config.access/)
  app.get('/declared', { config: { access: 'signed_in' } }, async () => 'fine')
  await app.ready()
})

function urlFor(pattern: string): string {
  return pattern
    .replace(':id', staffId)
    .replace(':tokenId', randomUUID())
    .replace(':token', newSecret())
    .replace('*', 'govuk-frontend.min.css')
}

async function call(method: string, pattern: string, who: Role | 'none' | 'anonymous') {
  const url = urlFor(pattern)
  const api = url.startsWith('/api/')
  const headers: Record<string, string> = {}
  if (api && who !== 'anonymous') headers.authorization = `Bearer ${tokens.get(who)}`
  const cookies = [csrf.cookie]
  if (!api && who !== 'anonymous') cookies.push(`fc_session=${sessions.get(who)}`)
  headers.cookie = cookies.join('; ')
  if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded'
  const response = await t.app.inject({
    method: method as 'GET' | 'POST',
    url,
    headers,
    payload:
      method === 'POST'
        ? `_csrf=${encodeURIComponent((who === 'anonymous' ? undefined : formTokens.get(who)) ?? csrf.token)}`
        : undefined,
  })
  return { status: response.statusCode, location: String(response.headers.location ?? '') }
}

const deniedAnonymous = (r: { status: number; location: string }) =>
  r.status === 401 || (r.status === 303 && r.location.startsWith('/sign-in'))

test('K6: every route, for every role and for a visitor who is not signed in, allows or denies as declared', async () => {
  const failures: string[] = []
  for (const route of routesOf()) {
    // Signing out would end the session the next check uses; those two are covered by the sign-in tests.
    const endsSession = route.url === '/sign-out' || route.url === '/account/sign-out-everywhere'
    const anonymous = await call(route.method, route.url, 'anonymous')
    if (route.access !== 'public' && !deniedAnonymous(anonymous))
      failures.push(`${route.method} ${route.url} let in a visitor: ${anonymous.status}`)
    if (route.access === 'public' && (anonymous.status === 401 || anonymous.status === 403))
      failures.push(`${route.method} ${route.url} refused a visitor`)
    if (endsSession) continue
    for (const role of [...roles, 'none'] as const) {
      const result = await call(route.method, route.url, role)
      const shouldAllow = allows(route.access, role === 'none' ? [] : [role])
      const denied = result.status === 403 || deniedAnonymous(result)
      if (shouldAllow === denied)
        failures.push(
          `${route.method} ${route.url} as ${role}: ${result.status}, expected ${shouldAllow ? 'allowed' : 'denied'}`,
        )
    }
  }
  assert.deepEqual(failures, [])
})
