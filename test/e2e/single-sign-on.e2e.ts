// Issue 14, single sign-on in the browser, with JavaScript: a staff user whose account at the council's identity
// provider has a Fair Contact role signs in from the sign-in page's button and is created with that role; one whose
// account has none is shown why they cannot get in. The provider is a real one (oidc-provider) on a localhost port.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { OIDC_CLIENT, testProvider, type TestProvider } from '../helpers/oidc-provider.ts'
import { Layout } from './pages/layout.ts'
import { launchBrowser, navigate, newContext, pageChecker, PageProblems, startApp, type RunningApp } from './support.ts'

let provider: TestProvider
let running: RunningApp
let browser: Browser
const checkPage = pageChecker('sso')

before(async () => {
  provider = await testProvider()
  ;[running, browser] = await Promise.all([
    startApp({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: OIDC_CLIENT.client_id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.client_secret,
      OIDC_PROVIDER_NAME: 'Testshire Entra',
      OIDC_ROLE_MAP: JSON.stringify({ 'FairContact.CaseOfficer': 'case_officer' }),
    }),
    launchBrowser(),
  ])
  provider.start(`${running.baseUrl}/sign-in/oidc/callback`)
})

after(async () => {
  await browser?.close()
  await running?.close()
  await provider?.close()
})

/** A fresh browser profile that opens the sign-in page and presses "Sign in with Testshire Entra" as this account. */
async function signInWithProvider(accountId: string, screenshot?: string) {
  provider.signingIn = accountId
  const context = await newContext(browser, { javaScriptEnabled: true })
  const problems = new PageProblems()
  problems.watch(context)
  const page = await context.newPage()
  await page.goto(`${running.baseUrl}/sign-in`)
  if (screenshot) await checkPage(page, screenshot)
  await navigate(page, () => page.getByRole('button', { name: 'Sign in with Testshire Entra' }).click())
  return { problems, page }
}

test(
  'a staff user with a mapped role signs in with the provider and is created with it',
  { timeout: 120_000 },
  async () => {
    provider.accounts.set('ada', {
      email: 'ada.lovelace@testshire.example',
      name: 'Ada Lovelace',
      roles: ['FairContact.CaseOfficer'],
    })
    const { problems, page } = await signInWithProvider('ada', 'sign-in')
    assert.equal(new URL(page.url()).pathname, '/', 'Ada is signed in and sees the home page')
    await checkPage(page, 'signed-in')
    await page.goto(`${running.baseUrl}/account`)
    assert.match(await page.locator('main').innerText(), /Ada Lovelace/)
    const user = await running.services.db
      .selectFrom('staff_user')
      .innerJoin('staff_role', 'staff_role.staff_user_id', 'staff_user.id')
      .select(['staff_user.name', 'staff_role.role'])
      .where('staff_user.email', '=', 'ada.lovelace@testshire.example')
      .execute()
    assert.deepEqual(user, [{ name: 'Ada Lovelace', role: 'case_officer' }])
    problems.assertNone()
  },
)

test('a staff user with no mapped role is told why they cannot sign in', { timeout: 120_000 }, async () => {
  provider.accounts.set('bob', { email: 'bob@testshire.example', name: 'Bob Unmapped', roles: ['Payroll.Reader'] })
  const { problems, page } = await signInWithProvider('bob')
  assert.equal(await new Layout(page).headingText(), 'You do not have access to Fair Contact')
  assert.match(await page.locator('main').innerText(), /your account there has no Fair Contact role/)
  await checkPage(page, 'no-role')
  problems.assertNone()
})
