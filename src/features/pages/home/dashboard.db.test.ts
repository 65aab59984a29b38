import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Browser, pageText, PASSWORD, testApp, type TestApp } from '../../../../test/helpers/app.ts'
import { hashPassword } from '../../../web/credentials.ts'
import { fillWithDemo } from '../../demo/demo.ts'

// The home page as each role's dashboard (issue 6), on the demo council: counts linked to the lists behind them.

let t: TestApp
before(async () => {
  t = await testApp()
  await fillWithDemo(t.services.db, t.config)
  // The demo prints its passwords once; give every demo account the test password instead.
  await t.services.db
    .updateTable('staff_user')
    .set({ password_hash: await hashPassword(PASSWORD) })
    .execute()
})
after(() => t.close())

async function homeAs(role: string) {
  const staff = await t.services.db
    .selectFrom('staff_user as s')
    .innerJoin('staff_role as r', 'r.staff_user_id', 's.id')
    .select('s.email')
    .where('r.role', '=', role as never)
    .executeTakeFirstOrThrow()
  const browser = new Browser(t.app)
  const signIn = await browser.signIn(staff.email)
  assert.equal(signIn.statusCode, 303)
  const home = await browser.get('/')
  assert.equal(home.statusCode, 200)
  return { html: home.body, text: pageText(home.body) }
}

describe('the dashboard on sign-in', () => {
  test('front-line staff: the contact check first, and nothing of the case file (K7)', async () => {
    const { html, text } = await homeAs('frontline')
    assert.match(html, /data-qa="home-check"/)
    assert.doesNotMatch(text, /People with restrictions in force/)
    assert.doesNotMatch(text, /Who may need attention|may need attention \(P1\)/)
  })

  test('Monitoring Officer: the interim restriction and the proposal awaiting their decision (F4, F8)', async () => {
    const { html, text } = await homeAs('monitoring_officer')
    assert.match(text, /Interim restrictions? (to|awaiting) ratif/i)
    assert.match(html, /href="\/due\?kind=ratification"/)
    assert.match(text, /\d+ People with restrictions in force/)
  })

  test('senior reviewer: the challenge awaiting a decision (F10)', async () => {
    const { html } = await homeAs('senior_reviewer')
    assert.match(html, /href="\/due\?kind=challenge"/)
  })

  test('Head of Service: the overdue review is marked overdue (F7), and the attention list is linked (P1)', async () => {
    const { html, text } = await homeAs('head_of_service')
    assert.match(html, /fc-dashboard__card--urgent/)
    assert.match(text, /1 overdue/)
    assert.match(html, /href="\/attention"/)
    assert.match(html, /href="\/reviews"/)
  })

  test('administrator: the admin tools, no case figures', async () => {
    const { html, text } = await homeAs('admin')
    for (const href of ['/staff', '/bank-holidays', '/reminders', '/audit'])
      assert.match(html, new RegExp(`href="${href}"`))
    assert.doesNotMatch(text, /People with restrictions in force/)
  })
})
