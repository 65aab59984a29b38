// Journey 1, with JavaScript: a council's first start, from the first-administrator link to adding a staff user
// with two roles, and that user choosing a password and signing in.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { FirstAdministratorPage, HomePage, SetPasswordPage, SignInPage } from './pages/auth.ts'
import { Layout } from './pages/layout.ts'
import { LinkIssuedPage, NewStaffPage, StaffListPage, StaffUserPage } from './pages/staff.ts'
import {
  pageChecker,
  firstAdministratorPath,
  launchBrowser,
  newContext,
  PageProblems,
  startApp,
  type RunningApp,
} from './support.ts'

let running: RunningApp
let browser: Browser
let context: BrowserContext
let page: Page
const problems = new PageProblems()
const checkPage = pageChecker('js')

before(async () => {
  ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
  context = await newContext(browser, { javaScriptEnabled: true })
  problems.watch(context)
  page = await context.newPage()
})

after(async () => {
  await browser?.close()
  await running?.close()
})

const admin = {
  name: 'Alex Administrator',
  email: 'alex.admin@testshire.example',
  password: 'plinth mango ferry lantern',
}
const newStaff = { name: 'Robin Caseworker', email: 'robin.caseworker@testshire.example' }

test(
  'first run with JavaScript: create the first administrator, add a staff user with two roles, sign out',
  { timeout: 120_000 },
  async () => {
    // The link printed at first start.
    await page.goto(running.baseUrl + (await firstAdministratorPath(running)))
    const setUp = new FirstAdministratorPage(page)
    assert.equal(await setUp.headingText(), 'Create the first administrator')
    await setUp.assertChrome()
    assert.deepEqual(await setUp.navigationLinks(), [], 'nobody is signed in: no navigation yet')
    assert.equal(await setUp.signOutButton.count(), 0)
    // JavaScript ran: GOV.UK Frontend marked the page and enhanced the password fields with a "Show" button.
    assert.match((await page.locator('body').getAttribute('class')) ?? '', /govuk-frontend-supported/)
    assert.ok(await page.getByRole('button', { name: 'Show password' }).first().isVisible(), 'password "Show" button')
    await checkPage(page, 'first-administrator')

    // An empty form: the GOV.UK error summary, focused by GOV.UK Frontend, each message linked to its field.
    await setUp.submit(setUp.createButton)
    assert.match(await setUp.title(), /^Error: Create the first administrator/)
    assert.equal((await setUp.errorSummary.locator('h2').innerText()).trim(), 'There is a problem')
    const messages = await setUp.errorSummaryMessages()
    assert.deepEqual(
      messages.map((m) => m.href),
      ['#name', '#email', '#password', '#confirmPassword'],
    )
    assert.equal(await setUp.fieldError('name'), messages[0]?.text)
    assert.equal(await page.locator('.govuk-error-summary:focus').count(), 1, 'the error summary has focus')
    await checkPage(page, 'first-administrator-errors')
    // Following a message's link moves focus to its field (GOV.UK Frontend).
    await setUp.errorSummary.getByRole('link', { name: messages[0]?.text ?? '' }).click()
    assert.equal(await page.locator('#name:focus').count(), 1, 'the name field has focus')

    // Passwords that do not match are refused, and what was typed (other than passwords) is kept.
    await setUp.create({ ...admin, confirm: 'something else entirely' })
    assert.equal(await setUp.fieldError('confirmPassword'), 'The passwords do not match')
    assert.equal(await setUp.name.inputValue(), admin.name)
    assert.equal(await setUp.password.inputValue(), '', 'a password is never sent back')

    await setUp.create(admin)
    assert.equal(setUp.path(), '/sign-in?created=1')

    const signIn = new SignInPage(page)
    assert.equal(await signIn.headingText(), 'Sign in to Fair Contact')
    assert.match(await signIn.successBanner.innerText(), /Your administrator account has been created/)
    await checkPage(page, 'sign-in-after-set-up')
    await signIn.signIn(admin.email, admin.password)

    const home = new HomePage(page)
    assert.equal(home.path(), '/')
    assert.equal(await home.headingText(), 'Fair Contact')
    await home.assertChrome()
    assert.deepEqual(await home.roles(), ['Administrator'])
    assert.deepEqual(await home.navigationLinks(), [
      'Home',
      'Check a contact',
      'What is due',
      'Find a person',
      'Report to members',
      'Staff',
      'Settings',
      'Audit trail',
      'Your account',
    ])
    assert.equal(await home.currentNavigationItem(), 'Home')
    assert.match(await home.banner.innerText(), new RegExp(admin.name), 'who is signed in is shown in the header')
    await checkPage(page, 'home-administrator')

    await home.goTo('Staff')
    const staffList = new StaffListPage(page)
    assert.equal(staffList.path(), '/staff')
    assert.equal(await staffList.headingText(), 'Staff')
    assert.equal(await staffList.currentNavigationItem(), 'Staff')
    assert.equal(await staffList.caption(), '1 staff user')
    assert.deepEqual(await staffList.rows(), [
      { name: admin.name, email: admin.email, roles: ['Administrator'], signsInWith: 'Password', status: 'Active' },
    ])
    await checkPage(page, 'staff-list')

    await staffList.addStaffUser()
    const add = new NewStaffPage(page)
    assert.equal(add.path(), '/staff/new')
    assert.equal(await add.headingText(), 'Add a staff user')
    assert.equal(await page.getByRole('checkbox').count(), 8, 'one checkbox per role')
    await checkPage(page, 'staff-new')

    await add.submit(add.addButton)
    assert.match(await add.title(), /^Error: Add a staff user/)
    assert.deepEqual(
      (await add.errorSummaryMessages()).map((m) => m.href),
      ['#name', '#email', '#roles'],
    )
    assert.equal(await add.fieldError('roles'), 'Select at least one role')
    await checkPage(page, 'staff-new-errors')

    await add.add({ ...newStaff, roles: ['Case officer', 'Auditor'] })
    const issued = new LinkIssuedPage(page)
    assert.equal(await issued.panelTitle(), `${newStaff.name} has been added`)
    assert.ok((await page.locator('main').innerText()).includes(`Send it to ${newStaff.email} by a channel you trust`))
    const link = await issued.link()
    assert.match(link, new RegExp(`^${running.baseUrl}/set-password/[A-Za-z0-9_-]{20,100}$`), 'the one-time link')
    assert.match(await page.locator('.govuk-warning-text').innerText(), /This link is shown only now/)
    await checkPage(page, 'staff-added-link')

    await issued.goToStaffUser(newStaff.name)
    const staffUser = new StaffUserPage(page)
    assert.match(staffUser.path(), /^\/staff\/[0-9a-f-]{36}$/)
    assert.equal(await staffUser.headingText(), newStaff.name)
    // Both roles, in whatever order the service lists them.
    assert.deepEqual((await staffUser.roles()).sort(), ['Auditor', 'Case officer'])
    const summary = await staffUser.summary()
    assert.equal(summary['Email address'], newStaff.email)
    assert.match(summary['Status'] ?? '', /^Not set up/)
    assert.equal(await staffUser.currentNavigationItem(), 'Staff')
    await checkPage(page, 'staff-user')

    await staffUser.signOut()
    const signedOut = new Layout(page)
    assert.equal(signedOut.path(), '/signed-out')
    assert.equal(await signedOut.headingText(), 'You have signed out')
    assert.match(await page.locator('main').innerText(), /You have been signed out on this device/)
    assert.equal(await signedOut.signOutButton.count(), 0)
    await checkPage(page, 'signed-out')
    // The session has really ended.
    await page.goto(`${running.baseUrl}/staff`)
    assert.equal(signedOut.path(), '/sign-in?returnTo=%2Fstaff')
    await checkPage(page, 'sign-in-to-return-to-staff')

    // The new staff user follows the link exactly as shown, chooses a password and signs in with both roles.
    await page.goto(link)
    const choose = new SetPasswordPage(page)
    assert.equal(await choose.headingText(), 'Choose your password')
    assert.match(await page.locator('main').innerText(), new RegExp(`For ${newStaff.name}`))
    await checkPage(page, 'set-password')
    const newPassword = 'orbit walnut cider meadow'
    await choose.setPassword(newPassword)
    assert.equal(choose.path(), '/sign-in?password=1')
    assert.match(await signIn.successBanner.innerText(), /Your password has been set/)
    await checkPage(page, 'sign-in-after-password-set')
    await signIn.signIn(newStaff.email, newPassword)
    assert.equal(home.path(), '/')
    assert.deepEqual((await home.roles()).sort(), ['Auditor', 'Case officer'])
    assert.deepEqual(await home.navigationLinks(), [
      'Home',
      'Check a contact',
      'What is due',
      'Find a person',
      'Register',
      'Who may need attention',
      'Report to members',
      'Audit trail',
      'Your account',
    ])
    await checkPage(page, 'home-case-officer-auditor')

    // On a phone, GOV.UK Frontend folds the navigation behind a "Menu" button that opens it.
    await page.setViewportSize({ width: 375, height: 740 })
    const menu = home.navigation.getByRole('button', { name: 'Menu' })
    await menu.waitFor({ state: 'visible' }) // shown when GOV.UK Frontend sees the screen narrow
    assert.equal(await menu.getAttribute('aria-expanded'), 'false')
    assert.equal(await home.navigation.getByRole('link', { name: 'Audit trail' }).isVisible(), false)
    await menu.click()
    assert.equal(await menu.getAttribute('aria-expanded'), 'true')
    assert.ok(await home.navigation.getByRole('link', { name: 'Audit trail' }).isVisible())
    await checkPage(page, 'home-phone-menu-open')
    await page.setViewportSize({ width: 1280, height: 720 })
    // The link worked once.
    await page.goto(link)
    assert.equal(await choose.headingText(), 'This link has expired or has already been used')
    await checkPage(page, 'set-up-link-already-used')
    await home.signOut()
    assert.equal(home.path(), '/signed-out')
    await checkPage(page, 'signed-out-again')

    problems.assertNone()
  },
)
