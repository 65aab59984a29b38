import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { createStaff, signedIn, testApp } from '../../test/helpers/app.ts'
import { rowsWhere } from '../../test/helpers/rows.ts'

// Issue 12: what the fuzz test (fuzz.db.test.ts) found answering 5xx, each kept here as the request that did it.

const t = await testApp()
after(() => t.close())

describe('found by the fuzz test', () => {
  test('K6: a role ticked twice (roles=head_of_service&roles=head_of_service) is that role once, not a 500', async () => {
    const { browser } = await signedIn(t, ['admin'])
    await browser.get('/staff/new')
    const added = await browser.post('/staff/new', {
      name: 'Wendy Twice',
      email: 'wendy.twice@council.example',
      roles: ['head_of_service', 'head_of_service', 'senior_reviewer'],
    })
    assert.equal(added.statusCode, 200)
    const [wendy] = await rowsWhere(t, 'staff_user', { email: 'wendy.twice@council.example' })
    assert.ok(wendy)
    const roles = (await rowsWhere(t, 'staff_role', { staff_user_id: wendy.id })).map((r) => r.role).sort()
    assert.deepEqual(roles, ['head_of_service', 'senior_reviewer'])

    const other = await createStaff(t, ['frontline'])
    await browser.get(`/staff/${other.id}/roles`)
    const changed = await browser.post(`/staff/${other.id}/roles`, {
      roles: ['case_officer', 'case_officer'],
      reason: 'Moved to the casework team',
    })
    assert.equal(changed.statusCode, 303)
    assert.deepEqual(
      (await rowsWhere(t, 'staff_role', { staff_user_id: other.id })).map((r) => r.role),
      ['case_officer'],
    )
  })
})
