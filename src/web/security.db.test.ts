import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, describe, test } from 'node:test'
import { apiAs, Browser, createStaff, signedIn, testApp, type TestApp } from '../../test/helpers/app.ts'
import { procedureApp } from '../../test/helpers/procedure.ts'
import { firstAdministratorLink, issueOneTimeLink } from '../features/staff/staff.service.ts'

// Issue 12, items 6 (CSRF bound to the session), 9 (no-store), 10 (the API decided on the decoded path) and 11 (no
// secret in the log). The lockout (item 4) is in auth.db.test.ts, token revocation (item 8) in staff.db.test.ts.

const { t, c } = await procedureApp()
after(() => t.close())

describe('issue 12 item 10: the API is decided on the path as the router reads it', () => {
  test('/%61pi/v1/me is the API: a bearer token works, a session cookie does not, errors are JSON', async () => {
    const api = await apiAs(t, ['frontline'])
    const withToken = await t.app.inject({ url: '/%61pi/v1/me', headers: { authorization: api.authorization } })
    assert.equal(withToken.statusCode, 200)
    assert.equal(withToken.json().id, api.staff.id)

    const { browser } = await signedIn(t, ['frontline'])
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const withCookie = await t.app.inject({ url: '/%61pi/v1/me', headers: { cookie } })
    assert.equal(withCookie.statusCode, 401)
    assert.equal(withCookie.json().error.code, 'unauthenticated')

    const unknown = await t.app.inject({ url: '/%61pi/v1/nothing-here', headers: { authorization: api.authorization } })
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.json().error.code, 'not_found')
  })
})

describe('issue 12 item 9: nothing a signed-in person sees, and no page with a secret on it, is cached', () => {
  test('pages and API answers for a signed-in person, link pages and the new-token page send no-store', async () => {
    const k = await c.openedCase()
    const { browser } = await signedIn(t, ['case_officer', 'admin'])
    const staff = await createStaff(t, ['frontline'])
    const api = await apiAs(t, ['case_officer'])
    const noStore = (response: { headers: Record<string, unknown> }, what: string) =>
      assert.match(String(response.headers['cache-control']), /no-store/, what)

    for (const url of ['/', `/people/${k.personId}`, `/cases/${k.caseId}`, '/account', `/staff/${staff.id}`]) {
      const page = await browser.get(url)
      assert.equal(page.statusCode, 200, url)
      noStore(page, url)
    }
    const token = await browser.post(`/staff/${staff.id}/tokens/new`, { label: 'Telephony' })
    assert.match(token.body, /data-qa="api-token"/)
    noStore(token, 'the new API token page')
    const link = await browser.post(`/staff/${staff.id}/link`, { purpose: 'reset' })
    const reset = link.body.match(/\/set-password\/([A-Za-z0-9_-]+)/)?.[1]
    assert.ok(reset)
    noStore(link, 'the page showing a reset link')
    const linkPage = await new Browser(t.app).get(`/set-password/${reset}`)
    assert.equal(linkPage.statusCode, 200)
    noStore(linkPage, 'the set-password page a link opens')

    for (const url of ['/api/v1/me', `/api/v1/people/${k.personId}`, `/api/v1/cases/${k.caseId}`]) {
      const response = await t.app.inject({ url, headers: { authorization: api.authorization } })
      assert.equal(response.statusCode, 200, url)
      noStore(response, url)
    }

    const asset = await t.app.inject('/assets/govuk-frontend.min.css')
    assert.equal(asset.statusCode, 200)
    assert.doesNotMatch(String(asset.headers['cache-control']), /no-store/, 'static files keep their caching')
  })

  test('the first-administrator page sends no-store', async () => {
    const empty = await testApp()
    try {
      const token = await empty.services.db.transaction().execute((trx) => firstAdministratorLink(trx, 72, new Date()))
      const page = await empty.app.inject(`/first-administrator/${token}`)
      assert.equal(page.statusCode, 200)
      assert.match(String(page.headers['cache-control']), /no-store/)
    } finally {
      await empty.close()
    }
  })
})

describe('issue 12 item 11: one-time tokens never reach the log', () => {
  test('set-up, reset and first-administrator tokens in request URLs are redacted from every log line', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(...String(chunk).split('\n').filter(Boolean))
        callback()
      },
    })
    const logged = await testApp({ LOG_LEVEL: 'info' }, { logStream: stream })
    try {
      const first = await logged.services.db.transaction().execute((trx) => firstAdministratorLink(trx, 72, new Date()))
      assert.ok(first)
      const admin = await createStaff(logged, ['admin'])
      const staff = await createStaff(logged, ['frontline'])
      const reset = await logged.services.db
        .transaction()
        .execute((trx) => issueOneTimeLink(trx, { id: admin.id, label: 'Admin' }, staff.id, 'reset', 72, new Date()))
      const browser = new Browser(logged.app)
      assert.equal((await browser.get(`/set-password/${reset}`)).statusCode, 200)
      const weak = await browser.post(`/set-password/${reset}`, { password: 'short', confirmPassword: 'short' })
      assert.equal(weak.statusCode, 422)
      await browser.get(`/first-administrator/${first}`)
      await browser.get(`/sign-in?returnTo=${encodeURIComponent(`/set-password/${reset}`)}`)

      const requests = lines.map((line) => JSON.parse(line) as { req?: { url?: string } }).filter((l) => l.req)
      assert.equal(requests.length, 4, 'the four requests were logged')
      assert.ok(requests.some((l) => l.req?.url === '/set-password/[redacted]'))
      assert.ok(requests.some((l) => l.req?.url === '/first-administrator/[redacted]'))
      for (const token of [reset, first]) {
        assert.deepEqual(
          lines.filter((line) => line.includes(token)),
          [],
          'no log line holds the token',
        )
      }
    } finally {
      await logged.close()
    }
  })
})

/** Posts a form with exactly these cookies and this token, as a page on another site could make a browser do. */
function postForm(app: TestApp['app'], url: string, cookies: Record<string, string>, token: string) {
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ _csrf: token }).toString(),
  })
}

const csrfOf = (browser: Browser) => ({ cookie: browser.cookies.get('fc_csrf') ?? '', token: browser.csrf })

describe('issue 12 item 6: a form token works only with the session it was made for', () => {
  test("an attacker's own CSRF cookie and token are refused with the victim's session, and nothing happens", async () => {
    const victim = await signedIn(t, ['frontline'])
    const session = victim.browser.cookies.get('fc_session') ?? ''
    const stranger = new Browser(t.app)
    await stranger.get('/sign-in')
    const attacker = await signedIn(t, ['frontline'])

    for (const planted of [csrfOf(stranger), csrfOf(attacker.browser)]) {
      assert.ok(planted.cookie && planted.token)
      const response = await postForm(
        t.app,
        '/account/sign-out-everywhere',
        { fc_session: session, fc_csrf: planted.cookie },
        planted.token,
      )
      assert.equal(response.statusCode, 403)
      assert.match(response.body, /Your form has expired/)
    }
    assert.equal((await victim.browser.get('/account')).statusCode, 200, 'the victim is still signed in')

    const own = csrfOf(victim.browser)
    const response = await postForm(
      t.app,
      '/account/sign-out-everywhere',
      { fc_session: session, fc_csrf: own.cookie },
      own.token,
    )
    assert.equal(response.statusCode, 303, "the victim's own form works")
  })

  test('a token from before signing in does not work after it, and signing in starts a new CSRF secret', async () => {
    const staff = await createStaff(t, ['frontline'])
    const browser = new Browser(t.app)
    await browser.get('/sign-in')
    const before = csrfOf(browser)
    const signIn = await browser.post('/sign-in', { email: staff.email, password: 'correct horse battery staple' })
    assert.equal(signIn.statusCode, 303)
    const cleared = signIn.cookies.find((cookie) => cookie.name === 'fc_csrf')
    assert.equal(cleared?.value, '', 'the CSRF secret of before signing in is dropped')
    const session = browser.cookies.get('fc_session') ?? ''

    const stale = await postForm(
      t.app,
      '/account/sign-out-everywhere',
      { fc_session: session, fc_csrf: before.cookie },
      before.token,
    )
    assert.equal(stale.statusCode, 403)
    assert.equal((await browser.get('/account')).statusCode, 200, 'still signed in')
    assert.notEqual(browser.cookies.get('fc_csrf'), before.cookie, 'a new secret with the first page')
    assert.equal((await browser.post('/account/sign-out-everywhere')).statusCode, 303, "the new session's token works")
  })

  test('over HTTPS the cookies are __Host- cookies: Secure, for the whole site, for this host only', async () => {
    const https = await testApp({ BASE_URL: 'https://fair-contact.example' })
    try {
      const staff = await createStaff(https, ['frontline'])
      const browser = new Browser(https.app)
      const page = await browser.get('/sign-in')
      const signIn = await browser.post('/sign-in', { email: staff.email, password: 'correct horse battery staple' })
      assert.equal(signIn.statusCode, 303)
      const set = [page, signIn].flatMap((r) => [r.headers['set-cookie'] ?? []].flat())
      for (const name of ['__Host-fc_csrf', '__Host-fc_session']) {
        const cookie = set.find((line) => line.startsWith(`${name}=`) && !line.startsWith(`${name}=;`))
        assert.ok(cookie, name)
        assert.match(cookie, /; Path=\/(;|$)/)
        assert.match(cookie, /; Secure/)
        assert.match(cookie, /; HttpOnly/)
        assert.doesNotMatch(cookie, /Domain=/i)
      }
      assert.equal((await browser.get('/account')).statusCode, 200)
      const session = browser.cookies.get('__Host-fc_session') ?? ''
      const plain = await https.app.inject({ url: '/account', headers: { cookie: `fc_session=${session}` } })
      assert.equal(plain.statusCode, 303, 'a cookie without the prefix is not a session')

      const out = await browser.post('/sign-out')
      assert.equal(out.statusCode, 303)
      const clearing = [out.headers['set-cookie'] ?? []].flat().find((line) => line.startsWith('__Host-fc_session=;'))
      assert.ok(clearing, 'signing out clears the session cookie')
      assert.match(clearing, /; Secure/, 'with Secure, or a browser keeps the __Host- cookie')
    } finally {
      await https.close()
    }
  })
})
