// Import from a CRM export (issue 3), as a case officer does it: upload a people file, check which column holds what,
// read the preview with its rejected rows, import, and read the report. axe-core on every page.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { SignInPage } from './pages/auth.ts'
import { ImportPage } from './pages/import.ts'
import {
  createStaff,
  launchBrowser,
  newContext,
  PageProblems,
  pageChecker,
  startApp,
  type RunningApp,
} from './support.ts'

let running: RunningApp
let browser: Browser
const problems = new PageProblems()
const checkPage = pageChecker('import')

before(async () => {
  ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
})

after(async () => {
  await browser?.close()
  await running?.close()
})

const PEOPLE = [
  'Customer ID,First Name,Last Name,Email Address,Mobile Phone,Address Line 1,Town,Postcode,DOB',
  'C-001,Margaret,Thornton,Margaret@Example.org,07700 900123,1 High Street,Northampton,nn1 2ab,27/03/1961',
  'C-002,Dev,Patel,dev@example.org,+44 7700 900456,,,,',
  'C-003,Joanne,Smyth,joanne@example,07700 900789,,,,',
  'C-004,,,nobody@example.org,,,,,',
].join('\r\n')

test('K4: upload, map, preview, import and report, with every rejected row and why', { timeout: 120_000 }, async () => {
  const officer = await createStaff(running, 'Olu Officer', 'olu.officer@testshire.example', ['case_officer'])
  const context = await newContext(browser, { javaScriptEnabled: true })
  problems.watch(context)
  const page = await context.newPage()
  const signIn = new SignInPage(page)
  await signIn.open(running.baseUrl)
  await signIn.signIn(officer.email, officer.password)

  await page.getByRole('link', { name: 'Import people, matters and contacts from a CRM export' }).click()
  const importing = new ImportPage(page)
  assert.equal(await importing.headingText(), 'Import from a CRM export')
  await importing.assertChrome()
  await checkPage(page, 'upload')

  await importing.upload('People', { name: 'crm-people.csv', content: PEOPLE })
  assert.match(importing.path(), /^\/import\/[0-9a-f-]{36}\/mapping$/)
  assert.equal(await importing.headingText(), 'Which column holds what')
  assert.equal(await importing.field('First name (optional)').inputValue(), 'column:1')
  assert.equal(await importing.field('Date of birth (optional)').inputValue(), 'column:8')
  await checkPage(page, 'mapping')

  await importing.continueToPreview()
  assert.equal(await importing.headingText(), 'Check the import')
  assert.match(await importing.counts(), /Rows to import\s+2 rows[\s\S]*Rows rejected\s+2 rows/)
  const rejected = await importing.rejectedRows()
  assert.match(rejected[0] ?? '', /^4\s+Email address: Enter an email address in the correct format/)
  assert.match(rejected[1] ?? '', /^5\s+Full name: Enter the person’s full name/)
  await checkPage(page, 'preview')

  await importing.confirm()
  assert.match(await page.locator('[data-qa="import-complete"]').innerText(), /Import complete\s+2 people imported/)
  await checkPage(page, 'report')

  await page.goto(`${running.baseUrl}/people?q=margret%20thornten`)
  assert.match(await page.locator('main').innerText(), /Margaret Thornton/)
  problems.assertNone()
  await context.close()
})
