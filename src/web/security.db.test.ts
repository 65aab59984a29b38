import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { apiAs, signedIn } from '../../test/helpers/app.ts'
import { procedureApp } from '../../test/helpers/procedure.ts'

// Issue 12, item 10 (the API decided on the decoded path).
// The lockout (item 4) is in auth.db.test.ts, token revocation (item 8) in staff.db.test.ts.

const { t } = await procedureApp()
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
