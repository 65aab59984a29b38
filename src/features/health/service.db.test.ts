import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, describe, test } from 'node:test'
import { openAs, signedIn, testApp } from '../../../test/helpers/app.ts'

const t = await testApp()
after(() => t.close())

describe('the service', () => {
  test('/health says the process is up and /ready that the database answers', async () => {
    assert.deepEqual((await t.app.inject('/health')).json(), { status: 'ok' })
    const ready = await t.app.inject('/ready')
    assert.equal(ready.statusCode, 200)
    assert.equal(ready.json().status, 'ready')
  })

  test('every response carries a request id; a well-formed upstream id is kept', async () => {
    const given = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } })
    assert.equal(given.headers['x-request-id'], 'abc-123')
    const made = await t.app.inject({ url: '/health', headers: { 'x-request-id': '<bad id>' } })
    assert.match(String(made.headers['x-request-id']), /^[0-9a-f-]{36}$/)
  })

  test('pages carry security headers with a nonce-based CSP that the inline script uses', async () => {
    const response = await t.app.inject('/sign-in')
    const csp = String(response.headers['content-security-policy'])
    const nonce = csp.match(/script-src 'self' 'nonce-([0-9a-f]+)'/)?.[1]
    assert.ok(nonce)
    assert.match(response.body, new RegExp(`<script nonce="${nonce}">`))
    assert.match(csp, /frame-ancestors 'none'/)
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
  })

  test('the GOV.UK and MoJ assets are served', async () => {
    for (const asset of [
      '/assets/govuk-frontend.min.css',
      '/assets/moj-frontend.min.css',
      '/assets/govuk-frontend.min.js',
      '/assets/fair-contact.js',
      '/assets/images/favicon.svg',
    ]) {
      assert.equal((await t.app.inject(asset)).statusCode, 200, asset)
    }
  })

  test('the accessibility statement and privacy notice are public; the 404 page is plain', async () => {
    assert.match((await t.app.inject('/accessibility')).body, /Accessibility statement for Fair Contact/)
    assert.match((await t.app.inject('/privacy')).body, /Privacy notice/)
    const { page: missing } = await openAs(t, ['frontline'], '/no-such-page')
    assert.equal(missing.statusCode, 404)
    assert.match(missing.body, /Page not found/)
  })

  test('navigation is by role', async () => {
    const admin = await signedIn(t, ['admin'])
    const frontline = await signedIn(t, ['frontline'])
    const auditor = await signedIn(t, ['auditor'])
    const nav = async (b: typeof admin) =>
      [...(await b.browser.get('/account')).body.matchAll(/govuk-service-navigation__link" href="([^"]+)"/g)].map(
        (m) => m[1],
      )
    assert.deepEqual(await nav(admin), [
      '/',
      '/check',
      '/due',
      '/people',
      '/report',
      '/staff',
      '/settings',
      '/audit',
      '/account',
    ])
    assert.deepEqual(await nav(frontline), ['/', '/check', '/due', '/people', '/account'])
    assert.deepEqual(await nav(auditor), [
      '/',
      '/check',
      '/due',
      '/people',
      '/register',
      '/attention',
      '/report',
      '/audit',
      '/account',
    ])
  })

  test('the OpenAPI document is generated from the route schemas', async () => {
    const response = await t.app.inject('/api/v1/openapi.json')
    assert.equal(response.statusCode, 200)
    const doc = response.json()
    assert.equal(doc.openapi, '3.1.0')
    const me = doc.paths['/api/v1/me'].get
    assert.deepEqual(Object.keys(me.responses['200'].content['application/json'].schema.properties).sort(), [
      'email',
      'id',
      'name',
      'roles',
    ])
  })
})

test('JSON logs carry the request id on every line of a request', async () => {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
      callback()
    },
  })
  const logged = await testApp({ LOG_LEVEL: 'info' }, { logStream: stream })
  try {
    await logged.app.inject({ url: '/sign-in', headers: { 'x-request-id': 'trace-me' } })
    const mine = lines.filter((l) => l.requestId === 'trace-me')
    assert.ok(mine.length >= 2, 'incoming request and request completed')
    assert.ok(
      lines
        .filter((l) => typeof l.req === 'object' || typeof l.res === 'object')
        .every((l) => typeof l.requestId === 'string'),
    )
    assert.ok(
      lines.every((l) => !JSON.stringify(l).includes('fc_csrf=')),
      'cookies are never logged',
    )
  } finally {
    await logged.close()
  }
})

test('when the database stops answering, pages show a plain 500 with a reference, /ready says 503', async () => {
  const broken = await testApp()
  const { browser } = await signedIn(broken, ['frontline'])
  await broken.handle.close()
  try {
    const page = await browser.get('/account')
    assert.equal(page.statusCode, 500)
    assert.match(page.body, /Sorry, there is a problem with the service/)
    assert.match(page.body, /quote this reference/)
    assert.doesNotMatch(page.body, /at .*\.(ts|js):\d+|Error:/)
    assert.equal((await broken.app.inject('/ready')).statusCode, 503)
    const api = await broken.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer fc_${'a'.repeat(43)}` },
    })
    assert.equal(api.statusCode, 500)
    assert.deepEqual(Object.keys(api.json().error).sort(), ['code', 'message'])
  } finally {
    await broken.app.close()
  }
})
