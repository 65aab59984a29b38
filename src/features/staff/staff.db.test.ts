import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { Browser, createStaff, signedIn, testApp } from '../../../test/helpers/app.ts'
import { auditActions, latestAudit, rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'

const t = await testApp()
after(() => t.close())

describe('an administrator manages staff', () => {
  test('adds a staff user with two roles; the change and its set-up link are audited (K4)', async () => {
    const { browser, staff: admin } = await signedIn(t, ['admin'])
    const response = await browser.post('/staff/new', {
      name: 'Tom Okafor',
      email: 'Tom.Okafor@Council.example',
      roles: ['case_officer', 'head_of_service'],
    })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Tom Okafor has been added/)
    assert.match(response.body, /\/set-password\/[A-Za-z0-9_-]{40,}/)

    const user = await rowWhere(t, 'staff_user', { email: 'tom.okafor@council.example' })
    assert.equal(user.password_hash, null, 'no password until they choose one')
    const roles = await t.services.db
      .selectFrom('staff_role')
      .select('role')
      .where('staff_user_id', '=', user.id)
      .orderBy('role')
      .execute()
    assert.deepEqual(
      roles.map((r) => r.role),
      ['case_officer', 'head_of_service'],
    )

    const entry = await latestAudit(t, 'staff_user.created')
    assert.equal(entry.actor_id, admin.id)
    assert.equal(entry.object_id, user.id)
    assert.deepEqual(entry.after, {
      email: 'tom.okafor@council.example',
      name: 'Tom Okafor',
      roles: ['case_officer', 'head_of_service'],
    })
    const link = await latestAudit(t, 'one_time_link.issued')
    assert.equal(link.object_id, user.id)

    const list = await browser.get('/staff')
    assert.match(list.body, /Tom Okafor/)
    assert.match(list.body, /Not set up/)
  })

  test('missing fields get GOV.UK messages linked to the field, and nothing is stored', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const before = await auditActions(t)
    const response = await browser.post('/staff/new', { name: '  ', email: 'not-an-email' })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /There is a problem/)
    assert.match(response.body, /href="#name">Enter their full name/)
    assert.match(response.body, /href="#email">Enter an email address in the correct format/)
    assert.match(response.body, /href="#roles">Select at least one role/)
    assert.match(response.body, /value="not-an-email"/, 'what was typed is kept')
    assert.deepEqual(await auditActions(t), before)
  })

  test('an email already in use is refused against the field', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const existing = await createStaff(t, ['frontline'])
    const response = await browser.post('/staff/new', {
      name: 'Someone',
      email: existing.email.toUpperCase(),
      roles: 'frontline',
    })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /href="#email">A staff user with this email address already exists/)
  })

  test('changing roles records before, after and the reason', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const staff = await createStaff(t, ['frontline'])
    const noReason = await browser.post(`/staff/${staff.id}/roles`, { roles: ['frontline', 'case_officer'] })
    assert.equal(noReason.statusCode, 422)
    assert.match(noReason.body, /Enter why the roles are changing/)
    const ok = await browser.post(`/staff/${staff.id}/roles`, {
      roles: ['frontline', 'case_officer'],
      reason: 'Moved to the complaints team',
    })
    assert.equal(ok.statusCode, 303)
    const entry = await latestAudit(t, 'staff_user.roles_changed')
    assert.deepEqual(entry.before, { roles: ['frontline'] })
    assert.deepEqual(entry.after, { roles: ['frontline', 'case_officer'] })
    assert.equal(entry.reason, 'Moved to the complaints team')
  })

  test('an unknown role is refused', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const staff = await createStaff(t, ['frontline'])
    const response = await browser.post(`/staff/${staff.id}/roles`, { roles: ['superuser'], reason: 'x' })
    assert.equal(response.statusCode, 422)
    const roles = await rowsWhere(t, 'staff_role', { staff_user_id: staff.id })
    assert.deepEqual(
      roles.map((r) => r.role),
      ['frontline'],
    )
  })

  test('disabling a user ends their sessions and revokes their API tokens for good (issue 12 item 8)', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const { browser: theirs, staff } = await signedIn(t, ['frontline'])
    const created = await browser.post(`/staff/${staff.id}/tokens/new`, { label: 'Telephony' })
    const token = created.body.match(/data-qa="api-token">(fc_[A-Za-z0-9_-]+)</)?.[1]
    assert.ok(token)
    const me = () => t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
    assert.equal((await me()).statusCode, 200)
    assert.equal((await theirs.get('/account')).statusCode, 200)

    const disabled = await browser.post(`/staff/${staff.id}/disable`, { reason: 'Left the council' })
    assert.equal(disabled.statusCode, 303)
    assert.equal((await theirs.get('/account')).statusCode, 303, 'signed out at once')
    assert.equal((await me()).statusCode, 401, 'their token stops working')
    assert.equal((await new Browser(t.app).signIn(staff.email)).statusCode, 401)

    const tokenRow = await rowWhere(t, 'api_token', { staff_user_id: staff.id })
    assert.ok(tokenRow.revoked_at, 'the token is marked revoked')
    const disabledEntry = await latestAudit(t, 'staff_user.disabled')
    assert.deepEqual(disabledEntry.after, { disabled: true, sessionsEnded: 1, apiTokensRevoked: 1 })
    const revokedEntry = await latestAudit(t, 'api_token.revoked')
    assert.equal(revokedEntry.object_id, tokenRow.id)
    assert.equal(revokedEntry.reason, 'The staff user was disabled: Left the council')

    assert.equal((await browser.post(`/staff/${staff.id}/enable`, { reason: 'Returned' })).statusCode, 303)
    assert.equal((await me()).statusCode, 401, 'enabled again, the old token still does not work')
    assert.equal((await new Browser(t.app).signIn(staff.email)).statusCode, 303, 'but they can sign in again')
    assert.match((await browser.get(`/staff/${staff.id}`)).body, /Revoked/)
  })

  test('the last active administrator cannot be disabled or lose the role', async () => {
    const fresh = await testApp()
    try {
      const { browser, staff } = await signedIn(fresh, ['admin'])
      const other = await signedIn(fresh, ['auditor'])
      const roles = await browser.post(`/staff/${staff.id}/roles`, { roles: ['auditor'], reason: 'Testing' })
      assert.equal(roles.statusCode, 422)
      assert.match(roles.body, /At least one active administrator must remain/)
      const self = await browser.post(`/staff/${staff.id}/disable`, { reason: 'Testing' })
      assert.equal(self.statusCode, 422)
      assert.match(self.body, /You cannot disable your own account/)
      assert.ok(other)
    } finally {
      await fresh.close()
    }
  })

  test('a reset link replaces any earlier one', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const staff = await createStaff(t, ['frontline'])
    const first = (await browser.post(`/staff/${staff.id}/link`, { purpose: 'reset' })).body.match(
      /\/set-password\/([A-Za-z0-9_-]+)/,
    )?.[1]
    const second = (await browser.post(`/staff/${staff.id}/link`, { purpose: 'reset' })).body.match(
      /\/set-password\/([A-Za-z0-9_-]+)/,
    )?.[1]
    assert.ok(first && second && first !== second)
    assert.equal((await new Browser(t.app).get(`/set-password/${first}`)).statusCode, 404)
    assert.equal((await new Browser(t.app).get(`/set-password/${second}`)).statusCode, 200)
  })

  test('an unknown or malformed staff id is a 404 page', async () => {
    const { browser } = await signedIn(t, ['admin'])
    assert.equal((await browser.get('/staff/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    const bad = await browser.get('/staff/not-a-uuid')
    assert.equal(bad.statusCode, 404)
    assert.match(bad.body, /Page not found/)
  })
})

describe('API tokens', () => {
  test("a token is shown once, stored only as a hash, acts with its user's roles, and can be revoked", async () => {
    const { browser } = await signedIn(t, ['admin'])
    const staff = await createStaff(t, ['frontline', 'case_officer'], { name: 'Screen Pop' })
    const created = await browser.post(`/staff/${staff.id}/tokens/new`, { label: 'Telephony screen-pop' })
    const token = created.body.match(/data-qa="api-token">(fc_[A-Za-z0-9_-]+)</)?.[1]
    assert.ok(token)
    const row = await rowWhere(t, 'api_token', { staff_user_id: staff.id })
    assert.notEqual(row.token_hash, token)
    assert.doesNotMatch((await browser.get(`/staff/${staff.id}`)).body, new RegExp(token), 'never shown again')

    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
    assert.equal(me.statusCode, 200)
    assert.deepEqual(me.json(), {
      id: staff.id,
      email: staff.email,
      name: 'Screen Pop',
      roles: ['frontline', 'case_officer'],
    })

    const revoked = await browser.post(`/staff/${staff.id}/tokens/${row.id}/revoke`)
    assert.equal(revoked.statusCode, 303)
    const after = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
    assert.equal(after.statusCode, 401)
    assert.deepEqual(Object.keys(after.json().error).sort(), ['code', 'message'])
    assert.ok((await auditActions(t)).includes('api_token.revoked'))
  })

  test('the API never accepts a session cookie, and pages never accept a token', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode, 401)
  })
})
