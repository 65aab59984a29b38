import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import {
  OIDC_CLIENT,
  testProvider,
  type ProviderAccount,
  type TestProvider,
} from '../../../test/helpers/oidc-provider.ts'
import {
  Browser,
  createStaff,
  pageText,
  PASSWORD,
  signedIn,
  testApp,
  testConfig,
  type TestApp,
} from '../../../test/helpers/app.ts'
import { rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'
import { ConfigError } from '../../config.ts'
import { rolesOf } from '../../web/identity.ts'
import { issueOneTimeLink } from '../staff/staff.service.ts'
import { signsInWith } from '../staff/sign-in-methods.ts'

// Issue 14, single sign-on: every test signs in through a real OpenID Connect provider (oidc-provider) started here
// on a free localhost port (test/helpers/oidc-provider.ts), with a client for the app and accounts whose claims the
// test sets.

const ROLE_MAP = { 'FairContact.CaseOfficer': 'case_officer', 'FairContact.HeadOfService': 'head_of_service' }

/** The app's log lines, to read why the app refused the provider's answer. */
const logLines: string[] = []
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString().split('\n').filter(Boolean))
    done()
  },
})
/** Why the last answer from the provider was refused, as the app logged it. */
const lastRefusal = () =>
  [...logLines].reverse().find((line) => line.includes('single sign-on: the provider’s answer was refused')) ?? ''

let provider: TestProvider
let issuer = ''
let t: TestApp
const accounts = {
  set: (id: string, account: ProviderAccount) => provider.accounts.set(id, account),
}

before(async () => {
  provider = await testProvider()
  issuer = provider.issuer
  t = await testApp(
    {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: OIDC_CLIENT.client_id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.client_secret,
      OIDC_PROVIDER_NAME: 'Testshire Entra',
      OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP),
      LOG_LEVEL: 'warn',
    },
    { logStream },
  )
  provider.start(`${t.config.baseUrl}/sign-in/oidc/callback`)
})

after(async () => {
  await t.close()
  await provider.close()
})

/**
 * Starts single sign-on in the app as `accountId`, follows the provider's redirects (with a cookie jar of its own)
 * and stops at the app's callback: returns the browser, the callback's path and query, and the sign-in cookie.
 */
async function toCallback(accountId: string, returnTo = '/account') {
  provider.signingIn = accountId
  const browser = new Browser(t.app)
  const start = await browser.get(`/sign-in/oidc?returnTo=${encodeURIComponent(returnTo)}`)
  assert.equal(start.statusCode, 303)
  let location = String(start.headers.location)
  assert.ok(location.startsWith(`${issuer}/auth?`), location)
  const jar = new Map<string, string>()
  for (let hops = 0; location.startsWith(issuer); hops += 1) {
    assert.ok(hops < 10, 'too many redirects at the provider')
    const response = await fetch(location, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    })
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(';')[0] ?? ''
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]
      if (value) jar.set(name, value)
      else jar.delete(name)
    }
    const next = response.headers.get('location')
    assert.ok(next, `the provider answered ${response.status} without a redirect: ${await response.text()}`)
    location = new URL(next, location).href
  }
  assert.ok(location.startsWith(`${t.config.baseUrl}/sign-in/oidc/callback?`), location)
  const url = new URL(location)
  return { browser, callback: url.pathname + url.search, pending: browser.cookies.get('fc_sign_in') }
}

async function signInAs(accountId: string) {
  const { browser, callback } = await toCallback(accountId)
  return { browser, response: await browser.get(callback) }
}

const staffByEmail = (email: string) =>
  t.services.db
    .selectFrom('staff_user')
    .select(['id', 'name', 'password_hash', 'oidc_subject', rolesOf.as('roles')])
    .where('email', '=', email)
    .executeTakeFirst()

describe('single sign-on (issue 14)', () => {
  test('the sign-in page offers "Sign in with" the provider, beside the password form', async () => {
    const page = await new Browser(t.app).get('/sign-in?returnTo=/due')
    assert.match(pageText(page.body), /Sign in with Testshire Entra/)
    assert.match(page.body, /href="\/sign-in\/oidc\?returnTo=%2Fdue"/)
    assert.match(page.body, /name="password"/)
  })

  test('a first sign-in with a mapped role creates the staff user with the mapped roles, and signs them in', async () => {
    accounts.set('ada-1', {
      email: 'Ada.Lovelace@testshire.example',
      name: 'Ada Lovelace',
      roles: ['FairContact.CaseOfficer', 'Other.App'],
    })
    const { browser, response } = await signInAs('ada-1')
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/account')
    assert.equal(browser.cookies.has('fc_sign_in'), false, 'the sign-in cookie is cleared')
    const user = await staffByEmail('ada.lovelace@testshire.example')
    assert.ok(user)
    assert.equal(user.name, 'Ada Lovelace')
    assert.deepEqual(user.roles, ['case_officer'])
    assert.equal(user.password_hash, null, 'no password: they sign in with the provider')
    assert.equal(user.oidc_subject, 'ada-1')
    const account = await browser.get('/account')
    assert.equal(account.statusCode, 200)
    assert.match(pageText(account.body), /Ada Lovelace/)
    const trail = await rowsWhere(t, 'audit_entry', { object_id: user.id })
    assert.deepEqual(
      trail.sort((a, b) => Number(a.seq) - Number(b.seq)).map((entry) => entry.action),
      ['staff_user.created', 'session.signed_in'],
    )
  })

  test('a user with no role that maps is refused with a page saying so, and nothing is stored', async () => {
    accounts.set('bob-1', { email: 'bob@testshire.example', name: 'Bob Unmapped', roles: ['Payroll.Reader'] })
    const { browser, response } = await signInAs('bob-1')
    assert.equal(response.statusCode, 403)
    assert.match(pageText(response.body), /You do not have access to Fair Contact/)
    assert.match(pageText(response.body), /your account there has no Fair Contact role/)
    assert.equal(browser.cookies.has('fc_session'), false)
    assert.equal(await staffByEmail('bob@testshire.example'), undefined)
  })

  test('roles are read again at every sign-in: a change at the provider changes them here, in the audit trail', async () => {
    accounts.set('cy-1', { email: 'cy@testshire.example', roles: ['FairContact.CaseOfficer'] })
    assert.equal((await signInAs('cy-1')).response.statusCode, 303)
    const user = await staffByEmail('cy@testshire.example')
    assert.deepEqual(user?.roles, ['case_officer'])

    accounts.set('cy-1', { email: 'cy@testshire.example', roles: ['FairContact.HeadOfService'] })
    assert.equal((await signInAs('cy-1')).response.statusCode, 303)
    assert.deepEqual((await staffByEmail('cy@testshire.example'))?.roles, ['head_of_service'])
    const changed = await rowWhere(t, 'audit_entry', { action: 'staff_user.roles_changed', object_id: user?.id })
    assert.deepEqual(changed.before, { roles: ['case_officer'] })
    assert.deepEqual(changed.after, { roles: ['head_of_service'] })

    // The same roles again: nothing to record.
    assert.equal((await signInAs('cy-1')).response.statusCode, 303)
    assert.equal(
      (await rowsWhere(t, 'audit_entry', { action: 'staff_user.roles_changed', object_id: user?.id })).length,
      1,
    )

    // Every role taken away at the provider: refused, with no role left here either.
    accounts.set('cy-1', { email: 'cy@testshire.example', roles: [] })
    const refused = await signInAs('cy-1')
    assert.equal(refused.response.statusCode, 403)
    assert.deepEqual((await staffByEmail('cy@testshire.example'))?.roles, [])
  })

  test('a staff user added by an administrator is linked to their account at the provider at their first sign-in', async () => {
    const staff = await createStaff(t, ['frontline'], { email: 'dee@testshire.example' })
    accounts.set('dee-1', { email: 'dee@testshire.example', roles: ['FairContact.CaseOfficer'] })
    assert.equal((await signInAs('dee-1')).response.statusCode, 303)
    const user = await staffByEmail('dee@testshire.example')
    assert.equal(user?.id, staff.id)
    assert.equal(user?.oidc_subject, 'dee-1')
    assert.deepEqual(user?.roles, ['case_officer'], 'the provider’s roles, not the ones given here')

    accounts.set('dee-2', { email: 'dee@testshire.example', roles: ['FairContact.CaseOfficer'] })
    const other = await signInAs('dee-2')
    assert.equal(other.response.statusCode, 403, 'another account at the provider with the same email is not them')
  })

  test('a disabled staff user stays out whatever the provider says', async () => {
    accounts.set('eve-1', { email: 'eve@testshire.example', roles: ['FairContact.CaseOfficer'] })
    assert.equal((await signInAs('eve-1')).response.statusCode, 303)
    await t.services.db
      .updateTable('staff_user')
      .set({ disabled_at: new Date() })
      .where('email', '=', 'eve@testshire.example')
      .execute()
    const refused = await signInAs('eve-1')
    assert.equal(refused.response.statusCode, 403)
    assert.match(pageText(refused.response.body), /Your Fair Contact account is disabled/)
  })

  test('a wrong state is refused, and the code it came with is not used', async () => {
    accounts.set('fay-1', { email: 'fay@testshire.example', roles: ['FairContact.CaseOfficer'] })
    const { browser, callback } = await toCallback('fay-1')
    const wrong = callback.replace(/([?&]state=)[^&]+/, '$1not-the-state-we-sent')
    assert.notEqual(wrong, callback)
    const response = await browser.get(wrong)
    assert.equal(response.statusCode, 401)
    assert.match(lastRefusal(), /unexpected \\"state\\" response parameter value/)
    assert.match(pageText(response.body), /We could not sign you in with Testshire Entra/)
    assert.equal(browser.cookies.has('fc_session'), false)
    assert.equal(await staffByEmail('fay@testshire.example'), undefined)
  })

  test('a callback without the sign-in cookie (another browser, or after ten minutes) is refused', async () => {
    accounts.set('gus-1', { email: 'gus@testshire.example', roles: ['FairContact.CaseOfficer'] })
    const { callback } = await toCallback('gus-1')
    const response = await new Browser(t.app).get(callback)
    assert.equal(response.statusCode, 400)
    assert.match(pageText(response.body), /Your sign-in took too long or was not started here/)
    assert.equal(await staffByEmail('gus@testshire.example'), undefined)
  })

  test('a code used once is refused the second time, even with the same sign-in cookie', async () => {
    accounts.set('hal-1', { email: 'hal@testshire.example', roles: ['FairContact.CaseOfficer'] })
    const { browser, callback, pending } = await toCallback('hal-1')
    assert.ok(pending)
    assert.equal((await browser.get(callback)).statusCode, 303)
    const user = await staffByEmail('hal@testshire.example')
    const sessionsBefore = await rowsWhere(t, 'staff_session', { staff_user_id: user?.id })

    const replay = new Browser(t.app)
    replay.cookies.set('fc_sign_in', pending)
    const response = await replay.get(callback)
    assert.equal(response.statusCode, 401)
    assert.match(lastRefusal(), /invalid_grant/)
    assert.equal(replay.cookies.has('fc_session'), false)
    assert.equal((await rowsWhere(t, 'staff_session', { staff_user_id: user?.id })).length, sessionsBefore.length)
  })

  test('an expired ID token is refused', async () => {
    accounts.set('ivy-1', { email: 'ivy@testshire.example', roles: ['FairContact.CaseOfficer'] })
    // The service's clock is two hours ahead of the provider's: the ID token (an hour's life) has expired by it.
    // The sign-in is started five minutes before, on the same clock, so its own ten minutes have not run out.
    const realNow = Date.now()
    t.clock.now = new Date(realNow + 2 * 3_600_000 - 5 * 60_000)
    try {
      const { browser, callback } = await toCallback('ivy-1')
      t.clock.now = new Date(realNow + 2 * 3_600_000)
      const response = await browser.get(callback)
      assert.equal(response.statusCode, 401)
      assert.match(lastRefusal(), /unexpected JWT \\"exp\\" \(expiration time\) claim value/)
      assert.equal(browser.cookies.has('fc_session'), false)
      assert.equal(await staffByEmail('ivy@testshire.example'), undefined)
    } finally {
      t.clock.now = new Date()
    }
  })

  test('the provider saying no (the person cancelled) gets a page, not an error', async () => {
    const response = await new Browser(t.app).get('/sign-in/oidc/callback?error=access_denied&state=x')
    assert.equal(response.statusCode, 401)
    assert.match(pageText(response.body), /You did not finish signing in with Testshire Entra/)
  })

  test('an administrator sees how each user signs in', async () => {
    accounts.set('kim-1', { email: 'kim@testshire.example', roles: ['FairContact.CaseOfficer'] })
    assert.equal((await signInAs('kim-1')).response.statusCode, 303)
    const lee = await createStaff(t, ['frontline'], { email: 'lee@testshire.example' })
    accounts.set('lee-1', { email: 'lee@testshire.example', roles: ['FairContact.CaseOfficer'] })
    assert.equal((await signInAs('lee-1')).response.statusCode, 303)
    const { browser, staff: admin } = await signedIn(t, ['admin'])
    const list = await browser.get('/staff')
    const rowOf = (email: string) => pageText(list.body.split('<tr').find((row) => row.includes(`>${email}<`)) ?? '')
    assert.match(rowOf('kim@testshire.example'), /Single sign-on Active/)
    assert.match(rowOf('lee@testshire.example'), /Single sign-on or password Active/)
    assert.match(rowOf(admin.email), /Password Active/)
    const show = await browser.get(`/staff/${lee.id}`)
    assert.match(pageText(show.body), /Signs in with Single sign-on or password/)
  })

  test('signing out ends the session here', async () => {
    accounts.set('jo-1', { email: 'jo@testshire.example', roles: ['FairContact.CaseOfficer'] })
    const { browser } = await signInAs('jo-1')
    await browser.get('/account')
    const out = await browser.post('/sign-out')
    assert.equal(out.statusCode, 303)
    const user = await staffByEmail('jo@testshire.example')
    assert.equal((await rowsWhere(t, 'staff_session', { staff_user_id: user?.id })).length, 0)
    assert.equal((await browser.get('/account')).statusCode, 303)
  })
})

describe('password sign-in switched off (issue 14)', () => {
  let off: TestApp
  before(async () => {
    off = await testApp({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: OIDC_CLIENT.client_id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.client_secret,
      OIDC_ROLE_MAP: JSON.stringify(ROLE_MAP),
      PASSWORD_SIGN_IN: 'off',
    })
  })
  after(() => off.close())

  test('the sign-in page has no password form, and a password is refused even when it is right', async () => {
    const staff = await createStaff(off, ['admin'])
    const browser = new Browser(off.app)
    const page = await browser.get('/sign-in')
    assert.match(pageText(page.body), /Sign in with your council account/)
    assert.doesNotMatch(page.body, /name="password"/)
    // A form token made before signing in, from another public form (a reset link's), so CSRF lets the post through.
    const link = await off.services.db
      .transaction()
      .execute((trx) => issueOneTimeLink(trx, { id: null, label: 'test' }, staff.id, 'reset', 1, new Date()))
    await browser.get(`/set-password/${link}`)
    assert.ok(browser.csrf)
    const response = await browser.post('/sign-in', { email: staff.email, password: PASSWORD })
    assert.equal(response.statusCode, 403)
    assert.match(pageText(response.body), /Signing in with a password is switched off/)
    assert.equal(browser.cookies.has('fc_session'), false)
  })
})

describe('how a staff user signs in, in words (issue 14)', () => {
  const on = { passwordSignIn: true, singleSignOn: true }
  test('each combination of password, single sign-on and the setting', () => {
    assert.equal(signsInWith({ hasPassword: true, singleSignOn: true }, on), 'Single sign-on or password')
    assert.equal(
      signsInWith({ hasPassword: true, singleSignOn: true }, { ...on, passwordSignIn: false }),
      'Single sign-on',
    )
    assert.equal(signsInWith({ hasPassword: true, singleSignOn: false }, on), 'Password')
    assert.match(
      signsInWith({ hasPassword: true, singleSignOn: false }, { ...on, passwordSignIn: false }),
      /switched off/,
    )
    assert.match(signsInWith({ hasPassword: false, singleSignOn: false }, on), /first single sign-on or .* set-up link/)
    assert.match(
      signsInWith({ hasPassword: false, singleSignOn: false }, { ...on, singleSignOn: false }),
      /^Nothing yet: waiting for them to use their set-up link$/,
    )
  })
})

describe('single sign-on settings (issue 14)', () => {
  const sso = { OIDC_ISSUER: 'https://login.example/tenant/v2.0', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 'secret' }

  test('the role map is read into lists of roles', () => {
    const config = testConfig({ ...sso, OIDC_ROLE_MAP: '{"A":"admin","B":["case_officer","frontline"]}' })
    assert.deepEqual(config.oidc?.roleMap, { A: ['admin'], B: ['case_officer', 'frontline'] })
    assert.equal(config.oidc?.rolesClaim, 'roles')
    assert.equal(testConfig().oidc, undefined)
  })

  test('settings that cannot work stop the service starting, saying why', () => {
    assert.throws(() => testConfig({ ...sso, OIDC_ROLE_MAP: '{"A":"root"}' }), /OIDC_ROLE_MAP.A: must map each/)
    assert.throws(() => testConfig({ ...sso, OIDC_ROLE_MAP: 'not json' }), /OIDC_ROLE_MAP: must be JSON/)
    assert.throws(() => testConfig(sso), /OIDC_ROLE_MAP must map at least one/)
    assert.throws(() => testConfig({ OIDC_ISSUER: sso.OIDC_ISSUER }), /all three/)
    assert.throws(() => testConfig({ PASSWORD_SIGN_IN: 'off' }), ConfigError)
  })
})
