import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { Browser, createStaff, PASSWORD, signedIn, testApp } from '../../../test/helpers/app.ts'
import { auditActions, rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'
import { firstAdministratorLink } from '../staff/staff.service.ts'

const t = await testApp()
after(() => t.close())

/** Sam Taylor's first-administrator form, with the password 'a long enough password' and this confirmation. */
const firstAdminForm = (email: string, confirmPassword: string) => ({
  name: 'Sam Taylor',
  email,
  password: 'a long enough password',
  confirmPassword,
})

describe('first start', () => {
  test('an empty database gets a one-time link that creates the first administrator, once', async () => {
    const token = await t.services.db.transaction().execute((trx) => firstAdministratorLink(trx, 72, new Date()))
    assert.ok(token)
    const url = `/first-administrator/${token}`
    const browser = new Browser(t.app)
    const page = await browser.get(url)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Create the first administrator/)

    const mismatch = await browser.post(url, firstAdminForm('sam.taylor@council.example', 'something else entirely'))
    assert.equal(mismatch.statusCode, 422)
    assert.match(mismatch.body, /The passwords do not match/)
    assert.match(mismatch.body, /value="Sam Taylor"/, 'what the user typed is kept')
    assert.doesNotMatch(mismatch.body, /a long enough password/, 'passwords are never echoed back')

    const created = await browser.post(url, firstAdminForm('Sam.Taylor@Council.example', 'a long enough password'))
    assert.equal(created.statusCode, 303)
    assert.equal(created.headers.location, '/sign-in?created=1')

    const again = await new Browser(t.app).get(url)
    assert.equal(again.statusCode, 404, 'the link works once')

    const signIn = await browser.signIn('sam.taylor@council.example', 'a long enough password')
    assert.equal(signIn.statusCode, 303)
    const home = await browser.get('/')
    assert.match(home.body, /Administrator/)
    assert.equal(await firstAdministratorLinkNow(), undefined, 'no new first-administrator link once staff exist')
  })
})

async function firstAdministratorLinkNow() {
  return t.services.db.transaction().execute((trx) => firstAdministratorLink(trx, 72, new Date()))
}

describe('sign in', () => {
  test('wrong password, unknown email and disabled account all get the same message', async () => {
    const staff = await createStaff(t, ['frontline'])
    const disabled = await createStaff(t, ['frontline'])
    await t.services.db
      .updateTable('staff_user')
      .set({ disabled_at: new Date() })
      .where('id', '=', disabled.id)
      .execute()
    const bodies = []
    for (const [email, password] of [
      [staff.email, 'wrong password here'],
      ['nobody@council.example', PASSWORD],
      [disabled.email, PASSWORD],
    ] as const) {
      const browser = new Browser(t.app)
      const response = await browser.signIn(email, password)
      assert.equal(response.statusCode, 401)
      assert.equal(browser.cookies.has('fc_session'), false)
      bodies.push(response.body.match(/<div class="govuk-error-summary__body">[\s\S]*?<\/div>/)?.[0])
    }
    assert.ok(bodies[0])
    assert.equal(new Set(bodies).size, 1, 'no message reveals whether an email exists')
  })

  test('an account locks after repeated failures, and the right password does not work while locked', async () => {
    const staff = await createStaff(t, ['case_officer'])
    const browser = new Browser(t.app)
    for (let i = 0; i < t.config.signIn.maxFailures; i++) await browser.signIn(staff.email, 'not the password')
    const locked = await browser.signIn(staff.email)
    assert.equal(locked.statusCode, 401)
    const row = await rowWhere(t, 'staff_user', { id: staff.id })
    assert.ok(row.locked_until && row.locked_until > new Date())
    assert.ok((await auditActions(t)).includes('staff_user.locked'))

    t.clock.now = new Date(Date.now() + (t.config.signIn.lockMinutes + 1) * 60_000)
    try {
      const later = await new Browser(t.app).signIn(staff.email)
      assert.equal(later.statusCode, 303, 'the lock ends after its time')
    } finally {
      t.clock.now = new Date()
    }
  })

  test('issue 12 item 4: ten wrong passwords at once are counted ten times and lock the account, once', async () => {
    const staff = await createStaff(t, ['case_officer'])
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () => new Browser(t.app).signIn(staff.email, 'not the password')),
    )
    assert.deepEqual(
      attempts.map((a) => a.statusCode),
      Array.from({ length: 10 }, () => 401),
    )
    const row = await rowWhere(t, 'staff_user', { id: staff.id })
    assert.equal(row.failed_sign_ins, 10, 'every attempt counted, none overwritten by another')
    assert.ok(row.locked_until && row.locked_until > t.clock.now, 'locked')
    const locks = await rowsWhere(t, 'audit_entry', { action: 'staff_user.locked', object_id: staff.id })
    assert.equal(locks.length, 1, 'locked once, and audited once')
    assert.equal(
      (await new Browser(t.app).signIn(staff.email)).statusCode,
      401,
      'the right password waits for the lock',
    )
  })

  test('returnTo only ever leads to a page of this service', async () => {
    const staff = await createStaff(t, ['auditor'])
    const browser = new Browser(t.app)
    await browser.get('/sign-in')
    const external = await browser.post('/sign-in', {
      email: staff.email,
      password: PASSWORD,
      returnTo: '//evil.example/x',
    })
    assert.equal(external.headers.location, '/')
    const local = await new Browser(t.app)
    await local.get('/sign-in')
    const inside = await local.post('/sign-in', { email: staff.email, password: PASSWORD, returnTo: '/audit?action=x' })
    assert.equal(inside.headers.location, '/audit?action=x')
  })

  test('a signed-out visitor is sent to sign in, and comes back where they were going', async () => {
    const response = await new Browser(t.app).get('/staff')
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/sign-in?returnTo=%2Fstaff')
  })
})

describe('sessions are held in the database', () => {
  test('idle timeout: a session unused for longer than the setting ends', async () => {
    const { browser } = await signedIn(t, ['frontline'])
    assert.equal((await browser.get('/account')).statusCode, 200)
    t.clock.now = new Date(Date.now() + (t.config.sessionIdleMinutes + 1) * 60_000)
    try {
      const response = await browser.get('/account')
      assert.equal(response.statusCode, 303)
    } finally {
      t.clock.now = new Date()
    }
  })

  test('activity keeps a session alive past the idle timeout', async () => {
    const { browser } = await signedIn(t, ['frontline'])
    const start = Date.now()
    try {
      for (let minute = 20; minute <= 80; minute += 20) {
        t.clock.now = new Date(start + minute * 60_000)
        assert.equal(
          (await browser.get('/account')).statusCode,
          200,
          `still signed in after ${minute} minutes of activity`,
        )
      }
    } finally {
      t.clock.now = new Date()
    }
  })

  test('sign out ends this session only; sign out everywhere ends all of them at once', async () => {
    const staff = await createStaff(t, ['frontline'])
    const [a, b, c] = [new Browser(t.app), new Browser(t.app), new Browser(t.app)]
    for (const browser of [a, b, c]) assert.equal((await browser.signIn(staff.email)).statusCode, 303)

    const out = await a.post('/sign-out')
    assert.equal(out.headers.location, '/signed-out')
    assert.equal((await a.get('/account')).statusCode, 303)
    assert.equal((await b.get('/account')).statusCode, 200)

    const everywhere = await b.post('/account/sign-out-everywhere')
    assert.equal(everywhere.statusCode, 303)
    assert.equal((await c.get('/account')).statusCode, 303, 'the other browser is signed out too')
    const left = await rowsWhere(t, 'staff_session', { staff_user_id: staff.id })
    assert.equal(left.length, 0)
  })

  test('a session cookie is stored only as a hash', async () => {
    const { browser, staff } = await signedIn(t, ['frontline'])
    const cookie = browser.cookies.get('fc_session')
    assert.ok(cookie)
    const rows = await rowsWhere(t, 'staff_session', { staff_user_id: staff.id })
    assert.equal(rows.length, 1)
    assert.notEqual(rows[0]?.token_hash, cookie)
    assert.equal(rows[0]?.token_hash.length, 64)
  })

  test('forms without the CSRF token are refused', async () => {
    const { browser } = await signedIn(t, ['frontline'])
    const response = await browser.post('/account/sign-out-everywhere', { _csrf: null })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /Your form has expired/)
    assert.equal((await browser.get('/account')).statusCode, 200, 'nothing happened')
  })
})

describe('set-up links', () => {
  test('a staff user sets their password once through their link, and can then sign in', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const created = await browser.post('/staff/new', {
      name: 'Priya Shah',
      email: 'priya.shah@council.example',
      roles: ['frontline'],
    })
    assert.equal(created.statusCode, 200)
    const link = created.body.match(/\/set-password\/([A-Za-z0-9_-]+)/)?.[1]
    assert.ok(link)

    const priya = new Browser(t.app)
    assert.equal((await priya.get(`/set-password/${link}`)).statusCode, 200)
    const short = await priya.post(`/set-password/${link}`, { password: 'short', confirmPassword: 'short' })
    assert.equal(short.statusCode, 422)
    assert.match(short.body, /Password must be 12 characters or more/)
    const ok = await priya.post(`/set-password/${link}`, {
      password: 'twelve chars or more',
      confirmPassword: 'twelve chars or more',
    })
    assert.equal(ok.statusCode, 303)
    assert.equal((await priya.get(`/set-password/${link}`)).statusCode, 404, 'the link works once')
    assert.equal((await priya.signIn('priya.shah@council.example', 'twelve chars or more')).statusCode, 303)
  })
})
