// Every outcome is true (issue 11), in the browser on the demo council, without JavaScript, axe-core on every page:
// a Head of Service reviews Gary Hollis's Parking restriction and decides to vary it (F7, F4: recorded, no letter, the
// variation to be proposed), then the case officer records his challenge and an uninvolved senior reviewer varies it
// with lesser terms (F10), which the outcome letter sets out and the restriction's record shows at once.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import type { Role } from '../../src/domain/roles.ts'
import { fillWithDemo } from '../../src/features/demo/demo.ts'
import { hashPassword } from '../../src/web/credentials.ts'
import { launchBrowser, navigate, pageChecker, PASSWORD, signedInAsRole, startApp, type RunningApp } from './support.ts'

let running: RunningApp
let browser: Browser
const checkPage = pageChecker('outcomes')

const signedInAs = (role: Role) => signedInAsRole(running, browser, role, { javaScriptEnabled: false })

const go = (page: Page, path: string) => page.goto(`${running.baseUrl}${path}`)
const press = (page: Page, qa: string) => navigate(page, () => page.locator(`[data-qa="${qa}"]`).click())

describe('every outcome is true, on the demo council', { timeout: 300_000 }, () => {
  let restrictionId = ''
  before(async () => {
    ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
    await fillWithDemo(running.services.db, running.services.config)
    await running.services.db
      .updateTable('staff_user')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .execute()
    const gary = await running.services.db
      .selectFrom('restriction as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .select('r.id')
      .where('p.full_name', '=', 'Gary Hollis')
      .where('r.type', '=', 'contact_method')
      .where('r.lifted_on', 'is', null)
      .executeTakeFirstOrThrow()
    restrictionId = gary.id
  })

  after(async () => {
    await browser?.close()
    await running?.close()
  })

  test('F7, F4: a review that varies is recorded with no letter, and the variation is proposed next', async () => {
    const { page, problems } = await signedInAs('head_of_service')
    await go(page, `/restrictions/${restrictionId}/reviews/new`)
    await checkPage(page, 'review-form')
    await page.getByLabel('Vary it').check()
    await page
      .getByLabel('Reasons')
      .fill('He has stopped calling; email and telephone at set times would now be enough.')
    await press(page, 'record-review')
    const banner = await page.locator('[data-qa="varied"]').innerText()
    assert.match(banner, /is to be varied/)
    assert.match(banner, /No letter has been sent/)
    await checkPage(page, 'review-varied')
    await press(page, 'propose-variation')
    assert.match(page.url(), /proposals\/new\?supersedes=/)
    await checkPage(page, 'propose-variation')
    problems.assertNone()
  })

  test('F10: the senior reviewer varies a challenge with lesser terms; the letter and the record say the same', async () => {
    const officer = await signedInAs('case_officer')
    await go(officer.page, `/restrictions/${restrictionId}/challenges/new`)
    const today = new Date()
    await officer.page.locator('#receivedOn-day').fill(String(today.getDate()))
    await officer.page.locator('#receivedOn-month').fill(String(today.getMonth() + 1))
    await officer.page.locator('#receivedOn-year').fill(String(today.getFullYear()))
    await officer.page.getByLabel('Grounds of the challenge').fill('He needs to telephone: letters take too long.')
    await press(officer.page, 'record-challenge')
    const challengePath = new URL(officer.page.url()).pathname
    assert.match(challengePath, /^\/challenges\//)
    officer.problems.assertNone()

    const { page, problems } = await signedInAs('senior_reviewer')
    await go(page, challengePath)
    await checkPage(page, 'challenge-form')
    if (await page.getByText('Will you hear it anyway?').count()) {
      await page.getByLabel('Yes, hear it').check()
      await page.getByLabel('Why', { exact: true }).fill('He wrote as soon as he could.')
    }
    await page.getByLabel('Varied', { exact: true }).check()
    await page.getByLabel('Telephone').check()
    await page.getByLabel('Reasons for the decision').fill('Calls are allowed as well as letters and email.')
    await press(page, 'decide-challenge')
    // F9: the outcome letter, read before it is issued.
    assert.equal(await page.locator('h1').innerText(), 'Check the letter before you issue it')
    assert.match(
      await page.locator('[data-qa="letter"]').innerText(),
      /We have changed the limits on how you can contact us/,
    )
    await checkPage(page, 'challenge-letter-preview')
    await press(page, 'issue-letter')
    assert.match(new URL(page.url()).pathname, /^\/letters\//)
    const letter = await page.locator('main').innerText()
    assert.match(letter, /We have changed the limits on how you can contact us/)
    assert.match(letter, /telephone/i)
    await checkPage(page, 'challenge-letter')

    const old = await running.services.db
      .selectFrom('restriction')
      .select(['lifted_on', 'superseded_by'])
      .where('id', '=', restrictionId)
      .executeTakeFirstOrThrow()
    assert.ok(old.lifted_on && old.superseded_by, 'the challenged terms ended with the outcome letter')
    problems.assertNone()
  })
})
