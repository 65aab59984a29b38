// Journey 2, with JavaScript turned off: every page must work without it. An administrator changes a user's roles,
// creates an API token, finds the change in the audit trail and signs out everywhere. Then the public pages.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { AuditPage } from './pages/audit.ts'
import { AccountPage, HomePage, SignInPage } from './pages/auth.ts'
import { Layout } from './pages/layout.ts'
import { NewTokenPage, RolesPage, StaffListPage, StaffUserPage, TokenCreatedPage } from './pages/staff.ts'
import {
  pageChecker,
  COUNCIL_NAME,
  createStaff,
  launchBrowser,
  newContext,
  PageProblems,
  startApp,
  type RunningApp,
} from './support.ts'

let running: RunningApp
let browser: Browser
const contexts: BrowserContext[] = []
const problems = new PageProblems()
const checkPage = pageChecker('nojs')

async function noScriptPage(): Promise<Page> {
  const context = await newContext(browser, { javaScriptEnabled: false })
  problems.watch(context)
  contexts.push(context)
  return context.newPage()
}

before(async () => {
  ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
})

after(async () => {
  await browser?.close()
  await running?.close()
})

test(
  'without JavaScript: change roles with a reason, create an API token, filter the audit trail, sign out everywhere',
  { timeout: 120_000 },
  async () => {
    const admin = await createStaff(running, 'Dana Admin', 'dana.admin@testshire.example', ['admin'])
    const target = await createStaff(running, 'Sam Frontline', 'sam.frontline@testshire.example', ['frontline'])
    const page = await noScriptPage()

    // Asking for a page while signed out leads to sign-in, which then returns there.
    await page.goto(`${running.baseUrl}/staff`)
    const signIn = new SignInPage(page)
    assert.equal(signIn.path(), '/sign-in?returnTo=%2Fstaff')
    assert.equal(await signIn.headingText(), 'Sign in to Fair Contact')
    await signIn.assertChrome()
    const bodyClass = (await page.locator('body').getAttribute('class')) ?? ''
    assert.doesNotMatch(bodyClass, /js-enabled/, 'JavaScript really is off')
    assert.equal(
      await page.getByRole('button', { name: 'Show password' }).first().isVisible(),
      false,
      'no "Show" without JS',
    )
    await checkPage(page, 'sign-in')

    await signIn.signIn(admin.email, 'not the password at all')
    assert.match(await signIn.title(), /^Error: Sign in/)
    assert.match(await signIn.fieldError('email'), /^Enter a correct email address and password/)
    assert.equal(await signIn.email.inputValue(), admin.email, 'the email address is kept')
    assert.deepEqual(
      (await signIn.errorSummaryMessages()).map((m) => m.href),
      ['#email'],
    )
    await checkPage(page, 'sign-in-wrong-password')

    await signIn.signIn(admin.email, admin.password)
    const staffList = new StaffListPage(page)
    assert.equal(staffList.path(), '/staff', 'back where they were going')
    assert.equal(await staffList.caption(), '2 staff users')
    const rows = await staffList.rows()
    assert.deepEqual(
      rows.map((r) => [r.name, r.roles, r.status]),
      [
        ['Dana Admin', ['Administrator'], 'Active'],
        ['Sam Frontline', ['Front-line staff'], 'Active'],
      ],
    )
    await checkPage(page, 'staff-list')

    await staffList.openStaffUser(target.name)
    const staffUser = new StaffUserPage(page)
    assert.equal(staffUser.path(), `/staff/${target.id}`)
    assert.equal(await staffUser.headingText(), target.name)
    assert.deepEqual(await staffUser.roles(), ['Front-line staff'])
    await checkPage(page, 'staff-user')

    // Change roles: the form shows the current ones ticked; a reason is required.
    await staffUser.changeRoles()
    const roles = new RolesPage(page)
    assert.equal(roles.path(), `/staff/${target.id}/roles`)
    assert.equal(await roles.headingText(), `Roles for ${target.name}`)
    assert.deepEqual(await roles.checkedRoles(), ['Front-line staff'])
    await checkPage(page, 'roles')

    await roles.submit(roles.saveButton)
    assert.match(await roles.title(), /^Error: Change roles for Sam Frontline/)
    assert.deepEqual(
      (await roles.errorSummaryMessages()).map((m) => m.href),
      ['#reason'],
    )
    await checkPage(page, 'roles-errors')

    const reason = 'Moved to the complaints team in November'
    await roles.setRoles(['Case officer', 'Head of Service'], reason)
    assert.equal(staffUser.path(), `/staff/${target.id}?done=roles`)
    assert.match(await staffUser.successBanner.innerText(), /Roles changed/)
    assert.deepEqual((await staffUser.roles()).sort(), ['Case officer', 'Head of Service'])
    await checkPage(page, 'staff-user-roles-changed')

    // An API token, shown once.
    await staffUser.createApiToken()
    const newToken = new NewTokenPage(page)
    assert.equal(newToken.path(), `/staff/${target.id}/tokens/new`)
    assert.equal(await newToken.headingText(), `Create an API token for ${target.name}`)
    await checkPage(page, 'token-new')

    await newToken.create('Telephony screen-pop')
    const created = new TokenCreatedPage(page)
    assert.equal(await created.panelTitle(), 'API token created')
    const token = await created.token()
    assert.match(token, /^fc_[A-Za-z0-9_-]{20,}$/)
    assert.match(await page.locator('.govuk-warning-text').innerText(), /This token is shown only now/)
    await checkPage(page, 'token-created')

    // The token works, as the user it belongs to, with the new roles.
    const me = await fetch(`${running.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(me.status, 200)
    const body = (await me.json()) as { email: string; roles: string[] }
    assert.equal(body.email, target.email)
    assert.deepEqual(body.roles.sort(), ['case_officer', 'head_of_service'])

    await created.backTo(target.name)
    assert.equal(staffUser.path(), `/staff/${target.id}`)
    assert.deepEqual(await staffUser.tokenLabels(), ['Telephony screen-pop'])
    assert.doesNotMatch(await page.content(), new RegExp(token), 'the token is never shown again')
    await checkPage(page, 'staff-user-with-token')

    // The audit trail, filtered by action.
    await staffUser.goTo('Audit trail')
    const audit = new AuditPage(page)
    assert.equal(audit.path(), '/audit')
    assert.equal(await audit.headingText(), 'Audit trail')
    assert.ok((await audit.actionChoices()).includes('staff_user.roles_changed'))
    const everything = await audit.entries()
    assert.ok(everything.length >= 3, 'sign-ins, the role change and the token at least')
    assert.ok(new Set(everything.map((e) => e.action)).size > 1)
    await checkPage(page, 'audit')

    await audit.action.selectOption('staff_user.roles_changed')
    await audit.filter()
    assert.equal(new URL(page.url()).searchParams.get('action'), 'staff_user.roles_changed')
    assert.equal(await audit.action.inputValue(), 'staff_user.roles_changed', 'the filter stays selected')
    const filtered = await audit.entries()
    assert.equal(filtered.length, 1)
    assert.equal(filtered[0]?.action, 'staff_user.roles_changed')
    assert.match(filtered[0]?.who ?? '', new RegExp(admin.name))
    assert.match(filtered[0]?.what ?? '', new RegExp(`Reason: ${reason}`))
    assert.ok(await page.getByRole('link', { name: 'Clear filters' }).isVisible())
    // Without JavaScript the "Change" details still open (native <details>).
    await audit.table.locator('summary').first().click()
    assert.match(await audit.table.locator('details').first().innerText(), /case_officer/)
    await checkPage(page, 'audit-filtered-by-action')

    await audit.from.fill('29/11/2026')
    await audit.filter()
    assert.match(await audit.title(), /^Error: Audit trail/)
    assert.equal(await audit.fieldError('from'), 'From must be a real date in the format 2026-11-29')
    await checkPage(page, 'audit-errors')

    // A second browser signed in as the same administrator, to see "everywhere" take effect.
    const other = await noScriptPage()
    const otherSignIn = new SignInPage(other)
    await otherSignIn.open(running.baseUrl)
    await checkPage(other, 'second-browser-sign-in')
    await otherSignIn.signIn(admin.email, admin.password)
    assert.equal(otherSignIn.path(), '/')
    assert.deepEqual(await new HomePage(other).roles(), ['Administrator'])
    await checkPage(other, 'second-browser-home')

    await audit.goTo('Your account')
    const account = new AccountPage(page)
    assert.equal(account.path(), '/account')
    assert.equal(await account.headingText(), 'Your account')
    const summary = await account.summary()
    assert.equal(summary['Name'], admin.name)
    assert.equal(summary['Email address'], admin.email)
    assert.equal(summary['Roles'], 'Administrator')
    assert.equal(await account.sessionCount(), 2)
    assert.match(await page.locator('main').innerText(), /You are signed in on 2 devices or browsers/)
    await checkPage(page, 'account')

    await account.signOutEverywhere()
    const signedOut = new Layout(page)
    assert.equal(signedOut.path(), '/signed-out?everywhere=1')
    assert.equal(await signedOut.headingText(), 'You have signed out')
    assert.match(await page.locator('main').innerText(), /You have been signed out on every device and browser/)
    await checkPage(page, 'signed-out-everywhere')

    // The other browser's session has ended too.
    await other.goto(`${running.baseUrl}/account`)
    assert.equal(otherSignIn.path(), '/sign-in?returnTo=%2Faccount')
    await checkPage(other, 'second-browser-signed-out')
    await page.goto(`${running.baseUrl}/`)
    assert.equal(signedOut.path(), '/sign-in?returnTo=%2F')
    await checkPage(page, 'sign-in-after-signing-out-everywhere')

    problems.assertNone()
  },
)

test(
  'without JavaScript: the public pages, and what a staff user with no roles meets',
  { timeout: 120_000 },
  async () => {
    const nobody = await createStaff(running, 'Pat Newstarter', 'pat.newstarter@testshire.example', [])
    const page = await noScriptPage()
    await page.goto(`${running.baseUrl}/sign-in`)
    const layout = new Layout(page)
    await checkPage(page, 'sign-in-new-browser')

    await layout.submit(page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }))
    assert.equal(layout.path(), '/accessibility')
    assert.equal(await layout.headingText(), 'Accessibility statement for Fair Contact')
    assert.match(await page.locator('main').innerText(), new RegExp(`Fair Contact at ${running.baseUrl}`))
    await layout.assertChrome()
    await checkPage(page, 'accessibility-statement')

    await layout.submit(page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }))
    assert.equal(layout.path(), '/privacy')
    assert.equal(await layout.headingText(), 'Privacy notice')
    assert.match(await page.locator('main').innerText(), new RegExp(`${COUNCIL_NAME} is the data controller`))
    await checkPage(page, 'privacy-notice')

    // An address that does not exist: a visitor who is not signed in is asked to sign in first (nothing is revealed),
    // then sees "Page not found".
    await page.goto(`${running.baseUrl}/no-such-page`)
    assert.equal(layout.path(), '/sign-in?returnTo=%2Fno-such-page')
    await checkPage(page, 'sign-in-to-return-to-unknown-page')
    const signIn = new SignInPage(page)
    await signIn.signIn(nobody.email, nobody.password)
    assert.equal(layout.path(), '/no-such-page')
    assert.equal(await layout.headingText(), 'Page not found')
    await layout.assertChrome()
    await checkPage(page, 'page-not-found')

    const home = new HomePage(page)
    await home.goTo('Home')
    assert.equal(home.path(), '/')
    assert.deepEqual(await home.roles(), [])
    assert.match(await page.locator('.govuk-inset-text').innerText(), /You do not hold any role yet/)
    assert.deepEqual(await home.navigationLinks(), ['Home', 'What is due', 'Your account'])
    await checkPage(page, 'home-no-roles')

    const forbidden = await page.goto(`${running.baseUrl}/staff`)
    assert.equal(forbidden?.status(), 403)
    assert.equal(await layout.headingText(), 'You do not have permission to see this page')
    await checkPage(page, 'forbidden')

    await layout.signOut()
    assert.equal(layout.path(), '/signed-out')
    assert.equal(await layout.headingText(), 'You have signed out')
    await checkPage(page, 'signed-out')

    problems.assertNone()
  },
)
