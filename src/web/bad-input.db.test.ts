import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { sql } from 'kysely'
import { Browser, openAs, signedIn, testApp } from '../../test/helpers/app.ts'
import { rowWhere } from '../../test/helpers/rows.ts'

const t = await testApp()
after(() => t.close())

const counts = async () => {
  const row = await sql<{ staff: number; audit: number; tokens: number }>`
    select (select count(*) from staff_user)::int as staff, (select count(*) from audit_entry)::int as audit,
           (select count(*) from api_token)::int as tokens`.execute(t.services.db)
  return row.rows[0]
}

const hostile = [
  '<script>alert(1)</script>',
  "Robert'); DROP TABLE staff_user;--",
  '" onmouseover="alert(1)',
  '${7*7}{{7*7}}',
  'x'.repeat(5000),
  'nul\u0000byte',
  'bell\u0007',
  'lone \uD800 surrogate',
]

describe('bad input: clear 4xx answers, nothing stored, never a 500', () => {
  test('sign-in form', async () => {
    const before = await counts()
    for (const value of hostile) {
      const browser = new Browser(t.app)
      await browser.get('/sign-in')
      const response = await browser.post('/sign-in', { email: value, password: value })
      assert.ok(
        [401, 422].includes(response.statusCode),
        `${JSON.stringify(value.slice(0, 30))} -> ${response.statusCode}`,
      )
      assert.doesNotMatch(response.body, /<script>alert/)
    }
    assert.deepEqual(await counts(), before)
  })

  test('add-staff form: hostile names are refused or stored exactly and shown escaped', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const before = await counts()
    for (const value of hostile.slice(4)) {
      const response = await browser.post('/staff/new', {
        name: value,
        email: 'someone@council.example',
        roles: 'frontline',
      })
      assert.equal(response.statusCode, 422, JSON.stringify(value.slice(0, 30)))
      assert.match(response.body, /There is a problem/)
    }
    for (const value of ['not an email', 'a@b', '<b>@x.example']) {
      const response = await browser.post('/staff/new', { name: 'Valid Name', email: value, roles: 'frontline' })
      assert.equal(response.statusCode, 422)
    }
    const wrongRole = await browser.post('/staff/new', {
      name: 'Valid Name',
      email: 'valid@council.example',
      roles: "admin' OR 1=1",
    })
    assert.equal(wrongRole.statusCode, 422)
    assert.deepEqual(await counts(), before, 'nothing half-stored')

    // A name with markup in it is a legitimate string: stored as typed, always shown escaped.
    const html = await browser.post('/staff/new', {
      name: '<img src=x onerror=alert(1)>',
      email: 'markup@council.example',
      roles: 'frontline',
    })
    assert.equal(html.statusCode, 200)
    assert.doesNotMatch(html.body, /<img src=x/)
    const stored = await rowWhere(t, 'staff_user', { email: 'markup@council.example' })
    assert.equal(stored.name, '<img src=x onerror=alert(1)>')
    const list = await browser.get('/staff')
    assert.match(list.body, /&lt;img src=x onerror=alert\(1\)&gt;/)
  })

  test('invalid UTF-8 and malformed percent-encoding in a form', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const before = await counts()
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    for (const payload of [
      Buffer.concat([
        Buffer.from(`_csrf=${encodeURIComponent(browser.csrf)}&roles=frontline&email=x%40council.example&name=`),
        Buffer.from([0xff, 0xfe, 0xc3]),
      ]),
      Buffer.from(`_csrf=${encodeURIComponent(browser.csrf)}&roles=frontline&email=y%40council.example&name=%FF%FE`),
      Buffer.from(`_csrf=${encodeURIComponent(browser.csrf)}&roles=frontline&email=z%40council.example&name=%E0%A4%A`),
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/staff/new',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      })
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, `status ${response.statusCode}`)
    }
    assert.deepEqual(await counts(), before)
  })

  test('huge bodies are refused with 413 on pages and on the API', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const huge = 'x'.repeat(1_000_000)
    const page = await browser.post('/staff/new', { name: huge, email: 'big@council.example', roles: 'frontline' })
    assert.equal(page.statusCode, 413)
    assert.match(page.body, /too large/)
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ huge }),
    })
    assert.ok([404, 413].includes(api.statusCode))
  })

  test("API: a missing, malformed or unknown token gets 401 in the contract's error shape", async () => {
    for (const authorization of [
      undefined,
      'Bearer',
      'Bearer <script>',
      'Basic dXNlcjpwYXNz',
      `Bearer fc_${'a'.repeat(43)}`,
      "Bearer ' OR 1=1 --",
    ]) {
      const response = await t.app.inject({ url: '/api/v1/me', headers: authorization ? { authorization } : {} })
      assert.equal(response.statusCode, 401)
      const body = response.json()
      assert.equal(body.error.code, 'unauthenticated')
      assert.equal(typeof body.error.message, 'string')
    }
  })

  test('API: unknown endpoints are 404 JSON for a valid token, 401 without one (nothing is revealed)', async () => {
    const { browser, staff } = await signedIn(t, ['admin'])
    const created = await browser.post(`/staff/${staff.id}/tokens/new`, { label: 'probe' })
    const token = created.body.match(/data-qa="api-token">(fc_[A-Za-z0-9_-]+)</)?.[1]
    const response = await t.app.inject({ url: '/api/v1/nothing-here', headers: { authorization: `Bearer ${token}` } })
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'not_found')
    assert.equal((await t.app.inject({ url: '/api/v1/nothing-here' })).statusCode, 401)
  })

  test('pages: a stack trace is never shown', async () => {
    const { page: response } = await openAs(t, ['auditor'], '/audit?before=-1&from=%00')
    assert.ok(response.statusCode < 500)
    assert.doesNotMatch(response.body, /at .*\.ts:\d+/)
  })

  test('sign-in is rate-limited per address', async () => {
    const limited = await testApp({ SIGN_IN_RATE_PER_MINUTE: '3' })
    try {
      const browser = new Browser(limited.app)
      await browser.get('/sign-in')
      const statuses = []
      for (let i = 0; i < 5; i++)
        statuses.push((await browser.post('/sign-in', { email: 'a@b.example', password: 'wrong password' })).statusCode)
      assert.deepEqual(statuses, [401, 401, 401, 429, 429])
    } finally {
      await limited.close()
    }
  })
})
