// Oversight (issue 6) in the browser, on the demo council: each role's dashboard and what is due, who may need
// attention (P1, P2), the report to members (K5), the register, reviews, reminder log and admin pages, and the
// contact check. Some roles browse with JavaScript on, others with it off. axe-core on every page.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import type { Role } from '../../src/domain/roles.ts'
import { londonDate } from '../../src/domain/london-time.ts'
import { hashPassword } from '../../src/web/credentials.ts'
import { fillWithDemo } from '../../src/features/demo/demo.ts'
import { CheckContactPage } from './pages/contact.ts'
import {
  AttentionPage,
  ChallengePage,
  DashboardPage,
  DecisionPage,
  ListPage,
  ReportPage,
  WorklistPage,
} from './pages/oversight.ts'
import {
  launchBrowser,
  navigate,
  type PageProblems,
  pageChecker,
  PASSWORD,
  signedInAsRole,
  startApp,
  type RunningApp,
} from './support.ts'

let running: RunningApp
let browser: Browser
const checkPage = pageChecker('oversight')

const signedInAs = (role: Role, javaScriptEnabled: boolean) =>
  signedInAsRole(running, browser, role, { javaScriptEnabled })

/**
 * The end of a role's visit: nothing went wrong in its browser. Its context stays open until the browser closes:
 * the browser runs as a single process (@sparticuz/chromium's --single-process), where closing a context can take
 * the whole browser down with it.
 */
function finish(problems: PageProblems): void {
  problems.assertNone()
}

const go = (page: Page, path: string) => page.goto(`${running.baseUrl}${path}`)

describe('oversight on the demo council, by role', { timeout: 300_000 }, () => {
  before(async () => {
    ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
    await fillWithDemo(running.services.db, running.services.config)
    // The demo prints its passwords once; give every demo account the test password instead.
    await running.services.db
      .updateTable('staff_user')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .execute()
  })

  after(async () => {
    await browser?.close()
    await running?.close()
  })

  test('Head of Service: the dashboard, what is due, who may need attention, the report, register and reviews (JavaScript on)', async () => {
    const { problems, page } = await signedInAs('head_of_service', true)

    const home = new DashboardPage(page)
    await home.assertChrome()
    const cards = await home.cards()
    assert.ok(cards.length >= 3, cards.map((c) => c.title).join(' | '))
    const reviews = await home.card('Restriction reviews')
    assert.equal(reviews.href, '/due?kind=review')
    assert.match(reviews.note, /1 overdue/, 'the overdue review is marked (F7)')
    const attentionCard = await home.card('People who may need attention (P1)')
    assert.equal(attentionCard.href, '/attention')
    assert.ok(attentionCard.count > 0, 'the demo has someone whose contact pattern stands out')
    const inForce = await home.card('People with restrictions in force')
    assert.equal(inForce.href, '/register')
    assert.ok(inForce.count > 0)
    const links = await home.linkTargets()
    for (const href of ['/reviews', '/register', '/report']) assert.ok(links.includes(href), `home links to ${href}`)
    await checkPage(page, 'head-home')

    // The card leads to the list behind it: what is due, filtered to reviews.
    await home.openCard('Restriction reviews')
    const due = new WorklistPage(page)
    assert.equal(due.path(), '/due?kind=review')
    assert.equal(await due.headingText(), 'What is due')
    assert.equal(await page.getByLabel('Show', { exact: true }).inputValue(), 'review')
    const reviewRows = await due.rows()
    assert.ok(reviewRows.length > 0, 'the demo has reviews due')
    assert.ok(
      reviewRows.every((r) => /^Restriction reviews \(F7\)$/.test(r.kind)),
      reviewRows.map((r) => r.kind).join(' | '),
    )
    assert.ok(
      reviewRows.some((r) => r.state === 'Overdue'),
      reviewRows.map((r) => r.state).join(' | '),
    )
    assert.ok(reviewRows.every((r) => r.href.startsWith('/restrictions/')))
    await checkPage(page, 'head-due-reviews')

    await due.open(running.baseUrl)
    assert.deepEqual(await due.listHeadings(), ['As Head of Service'])
    const everything = await due.rows()
    assert.ok(everything.length >= reviewRows.length)
    // Overdue first.
    const firstNotOverdue = everything.findIndex((r) => r.state !== 'Overdue')
    assert.ok(
      firstNotOverdue === -1 || everything.slice(firstNotOverdue).every((r) => r.state !== 'Overdue'),
      'overdue first',
    )
    await checkPage(page, 'head-due')
    await due.filterBy('Challenges to decide')
    assert.equal(due.path(), '/due?kind=challenge')
    assert.equal(
      (await due.rows()).length,
      0,
      'the Head of Service does not decide challenges: nothing of this kind for them',
    )
    assert.match(await page.locator('[data-qa="worklist-empty"]').innerText(), /Nothing of this kind is due/)
    await checkPage(page, 'head-due-challenges')

    // Who may need attention (P1, P2).
    await home.goTo('Home')
    await home.openCard('People who may need attention (P1)')
    const attention = new AttentionPage(page)
    assert.equal(attention.path(), '/attention')
    assert.equal(await attention.headingText(), 'Who may need attention')
    const statement = await attention.statement.innerText()
    assert.match(statement, /never changes anyone’s status and never restricts anyone/)
    assert.match(statement, /\(P1\)/)
    assert.match(statement, /\(P2\)/)
    assert.equal(await attention.thresholds.getAttribute('open'), null, 'the thresholds start folded away')
    assert.equal(await attention.thresholdTable.isVisible(), false)
    await attention.openThresholds()
    assert.notEqual(await attention.thresholds.getAttribute('open'), null)
    assert.ok(await attention.thresholdTable.isVisible(), 'the thresholds are explained once opened')
    const settings = await attention.thresholdSettings()
    assert.ok(settings.length >= 3, settings.join(' | '))
    assert.match(await attention.count.innerText(), /^\d+ (person|people)\. Showing 1 to \d+/)
    const entries = await attention.entries()
    assert.ok(entries.length > 0)
    const gary = entries.find((e) => e.name.startsWith('Gary Hollis'))
    assert.ok(gary, `Gary Hollis is listed: ${entries.map((e) => e.name).join(' | ')}`)
    assert.ok(gary.why.length > 0, 'with the indicators that put him on the list')
    assert.match(gary.beside, /matter/i, 'and beside them, the counterweights (P2)')
    assert.match(gary.contacts, /\d+ in the last 7 days, \d+ in 30 days, \d+ in 90 days/)
    const look = page.getByRole('link', { name: `Look at their record of ${gary.name}` })
    assert.match((await look.getAttribute('href')) ?? '', /^\/people\/[0-9a-f-]+#contact-pattern$/)
    await checkPage(page, 'head-attention')

    // The report to members: the members' version, anonymised, for a period chosen with the date inputs.
    await go(page, '/report')
    const report = new ReportPage(page)
    assert.equal(await report.headingText(), 'Report to members')
    assert.match(await report.disclosureNote.innerText(), /names no one/)
    assert.match(await report.period.innerText(), /^\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}$/)
    assert.ok((await report.sectionHeadings()).length >= 3)
    await checkPage(page, 'head-report')
    const today = londonDate(new Date())
    const [year, month, day] = today.split('-')
    assert.ok(year && month && day)
    await report.setPeriod(['1', '1', String(Number(year) - 1)], [String(Number(day)), String(Number(month)), year])
    assert.match(report.path(), /^\/report\?from-day=1&from-month=1&from-year=\d{4}&to-day=/)
    assert.match(await report.period.innerText(), new RegExp(`^1 January ${Number(year) - 1} to `))
    const sections = await report.sectionHeadings()
    assert.ok(sections.length >= 3, sections.join(' | '))
    assert.equal(await report.namedTable.count(), 0, "the members' version names no one")
    assert.doesNotMatch(await page.locator('main').innerText(), /Gary Hollis/)
    assert.equal(await report.downloads.getByRole('link').count(), 3)
    await checkPage(page, 'head-report-period')
    await report.setPeriod(['31', '2', year], ['1', '1', year])
    const messages = await report.errorSummaryMessages()
    assert.ok(messages.length > 0, 'a date that does not exist is refused with an error summary')
    assert.ok(
      messages.some((m) => m.href === '#from-day'),
      JSON.stringify(messages),
    )
    assert.equal(await report.period.count(), 0, 'no figures for a bad period')
    await checkPage(page, 'head-report-bad-date')

    await go(page, '/register')
    const register = new ListPage(page)
    assert.equal(await register.headingText(), 'Register of restricted people')
    assert.match(
      await register.byQa('register-count').innerText(),
      /^[1-9]\d* restrictions? on [1-9]\d* (person|people)/,
    )
    assert.ok((await register.byQa('register-entry').count()) > 0)
    await checkPage(page, 'head-register')

    await go(page, '/reviews')
    const reviewsDue = new ListPage(page)
    assert.equal(await reviewsDue.headingText(), 'Reviews due')
    assert.match(
      await reviewsDue.byQa('summary').innerText(),
      /^1 overdue; \d+ due in the next \d+ days; [1-9]\d* in force in all/,
    )
    assert.ok((await reviewsDue.byQa('review-row').count()) > 0)
    await checkPage(page, 'head-reviews')

    finish(problems)
  })

  test('Monitoring Officer: the interim restriction to ratify and the proposal awaiting a decision (JavaScript off)', async () => {
    const { problems, page } = await signedInAs('monitoring_officer', false)
    const home = new DashboardPage(page)
    const ratify = await home.card('Interim restrictions to ratify')
    assert.equal(ratify.href, '/due?kind=ratification')
    assert.ok(ratify.count > 0)
    const awaiting = await home.card('Proposals to decide')
    assert.equal(awaiting.href, '/due?kind=decision', 'F4: the worklist lists proposals awaiting this decision-maker')
    assert.ok(awaiting.count > 0)
    await checkPage(page, 'monitoring-home')

    await home.openCard('Interim restrictions to ratify')
    const due = new WorklistPage(page)
    assert.equal(due.path(), '/due?kind=ratification')
    const rows = await due.rows()
    assert.ok(rows.length > 0)
    const tom = rows.find((r) => r.person === 'Tom Reilly')
    assert.ok(tom, `Tom Reilly's interim restriction awaits ratification: ${JSON.stringify(rows)}`)
    assert.match(tom.kind, /\(F8\)/)
    assert.match(tom.href, /^\/proposals\/[0-9a-f-]+$/)
    await checkPage(page, 'monitoring-due-ratification')

    await due.open(running.baseUrl)
    const all = await due.rows()
    assert.ok(all.some((r) => r.href === tom.href))
    await checkPage(page, 'monitoring-due')

    await due.follow(tom)
    const decision = new DecisionPage(page)
    assert.equal(decision.path(), tom.href)
    assert.equal(await decision.headingText(), 'Proposal to restrict contact')
    assert.match(await decision.caption.innerText(), /^Tom Reilly: /)
    assert.match(await decision.interim.innerText(), /Both decision-makers must confirm it by/)
    assert.ok((await decision.restrictions.count()) > 0)
    assert.equal(await decision.decisionForm.count(), 1, 'the Monitoring Officer has yet to decide')
    await checkPage(page, 'monitoring-interim')

    // The proposal awaiting the Monitoring Officer's decision (F4) is not a kind of item on /due (the dashboard's card
    // for it leads there all the same), so it is reached from its case, as the case page links it.
    const rita = await running.services.db
      .selectFrom('proposal as p')
      .innerJoin('person', 'person.id', 'p.person_id')
      .select(['p.id', 'p.case_id'])
      .where('person.full_name', '=', 'Rita Coles')
      .executeTakeFirstOrThrow()
    await go(page, `/cases/${rita.case_id}`)
    assert.match(await page.locator('main .govuk-caption-l').first().innerText(), /Rita Coles/)
    await checkPage(page, 'monitoring-case')
    await navigate(page, () => page.locator(`main a[href="/proposals/${rita.id}"]`).first().click())
    assert.equal(decision.path(), `/proposals/${rita.id}`)
    assert.equal(await decision.headingText(), 'Proposal to restrict contact')
    assert.match(await decision.caption.innerText(), /^Rita Coles: /)
    assert.equal(await decision.interim.count(), 0, 'no interim restriction here')
    assert.equal(await decision.decisionForm.count(), 1, 'the Monitoring Officer may decide')
    await checkPage(page, 'monitoring-proposal')

    finish(problems)
  })

  test('senior reviewer: the challenge awaiting a decision (JavaScript on)', async () => {
    const { problems, page } = await signedInAs('senior_reviewer', true)
    const home = new DashboardPage(page)
    const challenges = await home.card('Challenges to decide')
    assert.equal(challenges.href, '/due?kind=challenge')
    assert.ok(challenges.count > 0)
    await checkPage(page, 'reviewer-home')

    await home.openCard('Challenges to decide')
    const due = new WorklistPage(page)
    const rows = await due.rows()
    const sandra = rows.find((r) => r.person === 'Sandra Pike')
    assert.ok(sandra, `Sandra Pike's challenge awaits a decision: ${JSON.stringify(rows)}`)
    assert.match(sandra.kind, /\(F10\)/)
    assert.match(sandra.href, /^\/challenges\/[0-9a-f-]+$/)
    await checkPage(page, 'reviewer-due')

    await due.follow(sandra)
    const challenge = new ChallengePage(page)
    assert.equal(challenge.path(), sandra.href)
    assert.match(await challenge.headingText(), /^Challenge to a /)
    assert.match(await challenge.caption.innerText(), /^Sandra Pike: /)
    assert.equal(await challenge.decideButton.count(), 1, 'the senior reviewer may decide it')
    await checkPage(page, 'reviewer-challenge')

    finish(problems)
  })

  test('auditor: the named report and the audit trail (JavaScript off)', async () => {
    const { problems, page } = await signedInAs('auditor', false)
    await checkPage(page, 'auditor-home')

    await go(page, '/report/named')
    const report = new ReportPage(page)
    assert.equal(await report.headingText(), 'Report to members: named version')
    assert.match(await page.locator('.govuk-warning-text').innerText(), /names people/)
    assert.ok((await report.sectionHeadings()).length >= 3)
    await checkPage(page, 'auditor-report-named')

    await go(page, '/audit')
    const audit = new ListPage(page)
    assert.equal(await audit.headingText(), 'Audit trail')
    assert.ok((await audit.rows('audit-table').count()) > 0, 'the demo left an audit trail')
    await checkPage(page, 'auditor-audit')

    finish(problems)
  })

  test('administrator: the reminder log, bank holidays and staff (JavaScript on)', async () => {
    const { problems, page } = await signedInAs('admin', true)
    const home = new DashboardPage(page)
    const links = await home.linkTargets()
    for (const href of ['/staff', '/bank-holidays', '/reminders', '/audit'])
      assert.ok(links.includes(href), `home links to ${href}`)
    await checkPage(page, 'admin-home')

    await go(page, '/reminders')
    const reminders = new ListPage(page)
    assert.equal(await reminders.headingText(), 'Reminder emails')
    assert.equal(
      (await reminders.byQa('reminders-table').count()) + (await reminders.byQa('reminders-empty').count()),
      1,
      'either the log or its empty state',
    )
    await checkPage(page, 'admin-reminders')

    await go(page, '/bank-holidays')
    const holidays = new ListPage(page)
    assert.equal(await holidays.headingText(), 'Bank holidays')
    assert.equal(await holidays.byQa('load-bank-holidays').count(), 1)
    await checkPage(page, 'admin-bank-holidays')

    await go(page, '/staff')
    const staff = new ListPage(page)
    assert.equal(await staff.headingText(), 'Staff')
    assert.equal(await staff.rows('staff-table').count(), 8, 'one demo account per role')
    await checkPage(page, 'admin-staff')

    finish(problems)
  })

  test('front-line officer: the contact check from the home page (JavaScript off)', async () => {
    const { problems, page } = await signedInAs('frontline', false)
    const home = new DashboardPage(page)
    assert.equal(await home.checkForm.count(), 1, 'the contact check comes first')
    assert.equal(await page.locator('[data-qa="dashboard"]').getByText('People with restrictions in force').count(), 0)
    await checkPage(page, 'frontline-home')

    await home.check('Gary Hollis')
    assert.equal(home.path(), '/check?q=Gary+Hollis&channel=phone')
    const check = new CheckContactPage(page)
    assert.equal(await check.headingText(), 'Check a contact')
    // F6 (issue 13): restricted for Parking, checked with no service: the question comes first, never "proceed".
    assert.equal((await check.verdict.innerText()).trim(), 'Which service is this about?')
    assert.match(await page.locator('[data-qa="by-service"]').innerText(), /About Parking\s+Redirect/)
    assert.match(await page.locator('[data-qa="safety-marker"]').innerText(), /Staff safety: Do not meet alone/)
    assert.match(await check.person.innerText(), /Gary Hollis/)
    await checkPage(page, 'frontline-verdict')

    finish(problems)
  })
})
