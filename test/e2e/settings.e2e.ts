// The council's settings in the browser (issue 14): an administrator reads them, is told what is wrong with a value,
// changes the council's name, the nation, the procedure's settings and a signatory's job title, and each page passes
// axe-core. With JavaScript on; the forms need none.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  createStaff,
  launchBrowser,
  navigate,
  newContext,
  PageProblems,
  pageChecker,
  startApp,
  type RunningApp,
} from './support.ts'

let running: RunningApp
let browser: Browser
const checkPage = pageChecker('settings')

describe('the council’s settings, changed by an administrator', { timeout: 180_000 }, () => {
  let page: Page
  const problems = new PageProblems()
  let officerId = ''

  before(async () => {
    ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
    const admin = await createStaff(running, 'Ada Admin', 'ada@testshire.gov.uk', ['admin'])
    officerId = (await createStaff(running, 'Hana Head', 'hana@testshire.gov.uk', ['head_of_service'])).id
    const context = await newContext(browser, { javaScriptEnabled: true })
    problems.watch(context)
    page = await context.newPage()
    await page.goto(`${running.baseUrl}/sign-in`)
    await page.getByLabel('Email address').fill(admin.email)
    await page.getByLabel('Password', { exact: true }).fill(admin.password)
    await navigate(page, () => page.locator('[data-qa="sign-in"]').click())
  })
  after(async () => {
    await browser?.close()
    await running?.close()
  })

  test('the settings page, reached from the navigation', async () => {
    await navigate(page, () => page.getByRole('link', { name: 'Settings', exact: true }).click())
    assert.equal(new URL(page.url()).pathname, '/settings')
    await checkPage(page, 'summary')
    assert.match(await page.locator('[data-qa="council"]').innerText(), /Testshire Council/)
  })

  test('a name left empty is refused with a message, then a new name is on every page', async () => {
    await navigate(page, () => page.getByRole('link', { name: 'Change the council’s name' }).click())
    await checkPage(page, 'name')
    await page.getByLabel('The council’s name').fill('')
    await navigate(page, () => page.locator('[data-qa="save"]').click())
    await checkPage(page, 'name-error')
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the council’s name/)
    await page.getByLabel('The council’s name').fill('Glanfa County Borough Council')
    await navigate(page, () => page.locator('[data-qa="save"]').click())
    await checkPage(page, 'name-changed')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The council’s name has been changed/)
    assert.match(await page.title(), /Glanfa County Borough Council/)
  })

  test('the nation names the Ombudsman', async () => {
    await navigate(page, () => page.getByRole('link', { name: 'Change the nation' }).click())
    await checkPage(page, 'nation')
    await page.getByLabel('Wales').check()
    await navigate(page, () => page.locator('[data-qa="save"]').click())
    assert.match(await page.locator('[data-qa="council"]').innerText(), /Public Services Ombudsman for Wales/)
  })

  test('the procedure’s settings, a wrong one explained', async () => {
    await navigate(page, () => page.getByRole('link', { name: 'Change the procedure’s settings' }).click())
    await checkPage(page, 'procedure')
    await page.getByLabel('The longest a restriction may last (F7)').fill('3')
    await navigate(page, () => page.locator('[data-qa="save"]').click())
    await checkPage(page, 'procedure-error')
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /The first review must be no later than the longest a restriction may last/,
    )
    await page.getByLabel('The longest a restriction may last (F7)').fill('12')
    await page.getByLabel('How long a warning is kept under review (F3)').fill('10')
    await navigate(page, () => page.locator('[data-qa="save"]').click())
    assert.match(await page.locator('[data-qa="procedure"]').innerText(), /10 weeks/)
  })

  test('a signatory’s job title', async () => {
    await navigate(page, () => page.locator(`a[href="/settings/signatories/${officerId}"]`).click())
    await checkPage(page, 'job-title')
    await page.getByLabel('Job title on letters').fill('Head of Housing')
    await navigate(page, () => page.locator('[data-qa="save"]').click())
    assert.match(
      await page.locator('[data-qa="signatories"]').innerText(),
      /Hana Head\s+Head of Housing \(Head of Service\)/,
    )
    problems.assertNone()
  })
})
