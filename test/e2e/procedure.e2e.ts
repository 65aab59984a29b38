// The formal procedure (issue 4) in the browser, from opening a case to a restriction in force and its letter, signed
// in as each role in turn, each in a fresh browser: the Head of Service opens the case (F1, P5), the case officer
// warns (F2, F3), the Head of Service proposes (F5–F7, P6), the Chief Executive and the Monitoring Officer each
// decide with reasons (F4), the case officer issues the restriction letter (F9), and the register lists the person
// (K2). The restriction letter's PDF is read back and its required sections checked. axe-core on every page.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { extractText, getDocumentProxy } from 'unpdf'
import { requiredSections, sectionHeadings } from '../../src/domain/letters.ts'
import { londonDate } from '../../src/domain/london-time.ts'
import { addMonths } from '../../src/domain/working-days.ts'
import { recordContact, recordIncident } from '../../src/features/contacts/contacts.service.ts'
import { createMatter } from '../../src/features/matters/matters.service.ts'
import { createPerson } from '../../src/features/people/people.service.ts'
import { SignInPage, summaryList } from './pages/auth.ts'
import { FindPersonPage } from './pages/people.ts'
import {
  CasePage,
  dateParts,
  DecisionPage,
  LetterPage,
  NoticePage,
  OpenCasePage,
  PersonCasesPage,
  ProposePage,
  RegisterPage,
  WarningPage,
} from './pages/procedure.ts'
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
const checkPage = pageChecker('procedure')

before(async () => {
  ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
})

after(async () => {
  await browser?.close()
  await running?.close()
})

const SERVICE = 'Waste'
const PERSON = 'Marcus Bellweather'

/** One member of staff, signed in in a fresh browser (no cookies), with the page checks watching it. */
async function signedIn(
  staff: { email: string; password: string },
  who: string,
): Promise<{
  context: BrowserContext
  page: Page
  problems: PageProblems
}> {
  const context = await newContext(browser, { javaScriptEnabled: true })
  const problems = new PageProblems()
  problems.watch(context)
  const page = await context.newPage()
  const signIn = new SignInPage(page)
  await signIn.open(running.baseUrl)
  await checkPage(page, `${who}-sign-in`)
  await signIn.signIn(staff.email, staff.password)
  assert.equal(new URL(page.url()).pathname, '/', `${staff.email} is signed in`)
  await checkPage(page, `${who}-home`)
  return { context, page, problems }
}

/**
 * The end of one person's turn: nothing went wrong in their browser. Their context is left open, and closed with the
 * browser: the Chromium build runs as a single process, where closing one context can take the next one down with it.
 */
function done(session: { problems: PageProblems }): void {
  session.problems.assertNone()
}

test(
  'F1–F9, K2: from opening a case to a restriction in force and its letter, each role in its own browser',
  { timeout: 240_000 },
  async () => {
    const [head, officer, chief, monitoring] = await Promise.all([
      createStaff(running, 'Helen Okafor', 'helen.okafor@testshire.example', ['head_of_service']),
      createStaff(running, 'Callum Reid', 'callum.reid@testshire.example', ['case_officer']),
      createStaff(running, 'Dame Priscilla Vane', 'priscilla.vane@testshire.example', ['chief_executive']),
      createStaff(running, 'Tobias Marr', 'tobias.marr@testshire.example', ['monitoring_officer']),
    ])
    const actor = { id: officer.id, label: officer.name }
    const now = new Date()
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()
    const personId = await running.services.db.transaction().execute(async (trx) => {
      const id = await createPerson(trx, actor, {
        fullName: PERSON,
        aliases: [],
        emails: ['marcus.b@example.org'],
        phones: ['+447700900456'],
        addresses: [{ line1: '7 Tanner Row', town: 'Northampton', postcode: 'NN2 6JD' }],
        isCouncillor: false,
        adjustments: [],
      })
      const matter = await createMatter(
        trx,
        actor,
        { personId: id, type: 'complaint', subject: 'Bins not collected on Tanner Row', service: SERVICE },
        now,
      )
      const contactId = await recordContact(
        trx,
        actor,
        {
          personId: id,
          channel: 'phone',
          direction: 'inbound',
          at: new Date(daysAgo(3)),
          matterId: matter.id,
          summary: 'Rang the waste team eleven times in one morning about the same missed collection',
          minutesSpent: 95,
        },
        now,
      )
      await recordIncident(
        trx,
        actor,
        {
          personId: id,
          at: new Date(daysAgo(3)),
          category: 'aggressive_or_abusive',
          severity: 'high',
          description: 'Swore repeatedly at the call handler and threatened to come to the depot',
          contactId,
        },
        now,
      )
      return id
    })

    const today = londonDate(new Date())
    const startsOn = dateParts(today)
    const endsOn = dateParts(addMonths(today, 6))
    const reviewOn = dateParts(addMonths(today, 3))
    const tooLate = dateParts(addMonths(today, 13))

    // 1. The Head of Service finds the person and opens a case (F1, P5).
    let caseUrl: string
    let kaseReference: string
    {
      const session = await signedIn(head, 'hos')
      const { page } = session
      const find = new FindPersonPage(page)
      await page.goto(`${running.baseUrl}/people`)
      await checkPage(page, 'hos-find-person')
      await find.search('marcus belweather')
      await checkPage(page, 'hos-search-results')
      await find.open(PERSON)
      const person = new PersonCasesPage(page)
      assert.equal(person.path(), `/people/${personId}`)
      assert.equal(await person.cases.count(), 0, 'no case yet')
      await checkPage(page, 'hos-person')

      await person.openCase()
      const open = new OpenCasePage(page)
      assert.equal(await open.headingText(), 'Open a case')
      await checkPage(page, 'hos-open-case')
      await open.open({
        service: SERVICE,
        reason: 'Abuse of the call handlers, and calls that take the waste team away from other residents',
        incident: /Aggressive or abusive behaviour \(high\)/,
        contact: /Phone from them/,
        measures:
          'A single point of contact in the waste team for two months; calls still came to every line, up to eleven a morning.',
        adjustmentsConsidered:
          'No adjustments are recorded. We asked Mr Bellweather in writing whether he needs any and he did not say so.',
      })

      const kase = new CasePage(page)
      assert.match(kase.path(), /^\/cases\/[0-9a-f-]{36}\?done=opened$/)
      caseUrl = page.url().replace(/\?.*$/, '')
      kaseReference = (await kase.reference.innerText()).trim()
      assert.match(await kase.successBanner.innerText(), /Case opened/)
      const opened = await kase.task('Case opened')
      assert.equal(opened.status, 'Completed')
      assert.match(opened.hint, /by Helen Okafor\. Evidence: 2 incidents and contacts/)
      // The Head of Service may warn too, but the warning is the case officer's step here: it is offered as an action.
      assert.equal((await kase.task('Issue a warning')).status, 'Not started')
      await checkPage(page, 'hos-case-opened')
      done(session)
    }

    // 2. The case officer issues a warning (F2, F3) and lands on the warning letter.
    {
      const session = await signedIn(officer, 'officer')
      const { page } = session
      await page.goto(caseUrl)
      const kase = new CasePage(page)
      assert.equal((await kase.task('Case opened')).status, 'Completed')
      assert.equal(
        (await kase.task('Propose restrictions')).status,
        'Cannot start yet',
        'normally after a warning (F2)',
      )
      await checkPage(page, 'officer-case')
      await kase.startTask('Issue a warning')

      const warning = new WarningPage(page)
      assert.equal(await warning.headingText(), 'Issue a warning')
      await warning.submit(page.locator('[data-qa="issue-warning"]'))
      assert.ok((await warning.errorSummaryMessages()).length >= 4, 'an empty warning is refused with a summary')
      await checkPage(page, 'officer-warning-errors')
      await warning.issue({
        behaviour: `On ${new Date(daysAgo(3)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })} you swore repeatedly at a call handler and threatened to come to the depot.`,
        whyUnacceptable: 'Our staff have a right to do their jobs without being sworn at or threatened.',
        changeRequested: 'Please speak to staff politely, and call no more than once a day about the same matter.',
        consequences: 'We may limit how you can contact us.',
        monitoringWeeks: '4',
      })

      const letter = new LetterPage(page)
      assert.match(letter.path(), /^\/letters\/[0-9a-f-]{36}\?done=warning$/)
      assert.match(await letter.headingText(), /^Warning letter /)
      assert.match(await letter.doneBanner.innerText(), /Warning issued/)
      const headings = await letter.sectionHeadings()
      for (const key of requiredSections.warning) assert.ok(headings.includes(sectionHeadings[key] ?? key), key)
      await checkPage(page, 'officer-warning-letter')
      done(session)
    }

    // F2: he carried on: another abusive call after the warning, recorded by the case officer.
    await running.services.db.transaction().execute((trx) =>
      recordContact(
        trx,
        actor,
        {
          personId,
          channel: 'phone',
          direction: 'inbound',
          at: new Date(),
          summary: 'Rang again the day after the warning and swore at the call handler',
          minutesSpent: 20,
        },
        new Date(),
      ),
    )

    // 3. The Head of Service proposes letters only, for the case's service (F5a, F6, F7, P6). An end date more than
    // 12 months after the start is refused with a GOV.UK error summary, then corrected.
    let proposalUrl: string
    {
      const session = await signedIn(head, 'hos2')
      const { page } = session
      await page.goto(caseUrl)
      const kase = new CasePage(page)
      assert.equal((await kase.task('Warning')).status, 'Issued')
      await checkPage(page, 'hos-case-warned')
      await kase.startTask('Propose restrictions')

      const propose = new ProposePage(page)
      assert.equal(await propose.headingText(), 'Propose restrictions')
      await checkPage(page, 'hos-choose-restrictions')
      await propose.chooseTypes(['Contact by one method only'])
      await checkPage(page, 'hos-proposal-form')
      assert.deepEqual(
        await propose.scopeOf(propose.contactMethod),
        { onlyServices: true, services: SERVICE },
        'scoped to the case’s own service to begin with (P6)',
      )
      await propose.limitTo(['Letter'])
      await propose.fillReasons({
        rationale: 'The abuse continued after the warning: two more calls with swearing in the monitoring period.',
        letter: 'Since our letter, you have called us twice more and sworn at the officers who answered.',
        alternatives: 'A named officer was tried for two months and did not work; set call times would not stop abuse.',
        adjustments: 'No adjustments are recorded or asked for; a letter is accessible to him.',
      })
      await propose.fillDates({ startsOn, endsOn: tooLate, reviewOn })
      await propose.send()

      const errors = await propose.errorSummaryMessages()
      assert.equal(errors.length, 1, JSON.stringify(errors))
      assert.match(errors[0]?.text ?? '', /A restriction can last at most 12 months.*\(rule F7\)/)
      assert.equal(errors[0]?.href, '#endsOn-day', 'the message links to the end date')
      assert.match(await propose.fieldError('endsOn'), /at most 12 months/)
      assert.match(await page.getByLabel('Why is restriction needed?').inputValue(), /abuse continued/, 'kept')
      await checkPage(page, 'hos-proposal-f7-error')

      await propose.fillDates({ startsOn, endsOn, reviewOn })
      await propose.send()

      const decision = new DecisionPage(page)
      assert.match(decision.path(), /^\/proposals\/[0-9a-f-]{36}\?done=proposed$/)
      proposalUrl = page.url().replace(/\?.*$/, '')
      assert.match(
        await decision.doneBanner.innerText(),
        /Proposal sent to the Chief Executive and the Monitoring Officer/,
      )
      assert.equal(await decision.status(), 'Awaiting decision')
      const restriction = await summaryList(decision.restrictions.first())
      assert.match(restriction['What the person will be told'] ?? '', /letter/i)
      assert.match(restriction['Applies to'] ?? '', new RegExp(SERVICE))
      // F4: the proposer may not decide: no form, and the reason why.
      assert.equal(await decision.decisionForm.count(), 0, 'no decision form for the proposer')
      assert.match(await decision.whyNot.innerText(), /You proposed this restriction, so you cannot decide on it.*F4/)
      await checkPage(page, 'hos-proposed')
      done(session)
    }

    // 4. The Chief Executive approves, with reasons (F4).
    const ceReasons = 'Necessary and proportionate: letters only, for the waste service alone, for six months.'
    {
      const session = await signedIn(chief, 'ce')
      const { page } = session
      await page.goto(caseUrl)
      const kase = new CasePage(page)
      const step = await kase.task('Record your decision')
      assert.equal(step.status, 'Awaiting decisions')
      await checkPage(page, 'ce-case')
      await kase.startTask('Record your decision')

      const decision = new DecisionPage(page)
      assert.equal(page.url(), proposalUrl)
      assert.equal(await decision.decisionForm.count(), 1)
      assert.match(await decision.decisionForm.innerText(), /Your decision as Chief Executive/)
      await checkPage(page, 'ce-decision')
      await decision.submit(page.locator('[data-qa="decide"]'))
      assert.ok((await decision.errorSummaryMessages()).length >= 1, 'a decision without a choice is refused')
      await checkPage(page, 'ce-decision-errors')
      await decision.decide('Approve the restrictions', ceReasons)
      assert.match(await decision.doneBanner.innerText(), /Decision recorded/)
      assert.equal(await decision.status(), 'Awaiting decision', 'one of two decided')
      assert.equal(await decision.decisionForm.count(), 0, 'the Chief Executive has decided')
      assert.match(await decision.whyNot.innerText(), /already/)
      await checkPage(page, 'ce-decided')
      done(session)
    }

    // 5. The Monitoring Officer approves, with reasons (F4).
    const moReasons = 'Lawful and the least restrictive measure that will work; the warning was clear and was ignored.'
    {
      const session = await signedIn(monitoring, 'mo')
      const { page } = session
      await page.goto(proposalUrl)
      const decision = new DecisionPage(page)
      assert.match(await decision.decisionForm.innerText(), /Your decision as Monitoring Officer/)
      const first = await summaryList(decision.decisions.first())
      assert.equal(first['Decided by'], chief.name)
      await checkPage(page, 'mo-decision')
      await decision.decide('Approve the restrictions', moReasons)
      assert.equal(await decision.status(), 'Approved')
      assert.equal(await decision.decisions.count(), 2)
      await checkPage(page, 'mo-decided')
      done(session)
    }

    // 6. The case officer issues the restriction letter (F9); the restriction is in force from today.
    let letterPdf: string
    {
      const session = await signedIn(officer, 'officer2')
      const { page } = session
      await page.goto(caseUrl)
      const kase = new CasePage(page)
      assert.equal((await kase.task('Decisions (Chief Executive, Monitoring Officer)')).status, 'Both approved')
      assert.equal((await kase.task('Issue the restriction letter')).status, 'Ready to issue')
      assert.deepEqual(await kase.restrictionTags(), ['Approved'], 'not in force before the letter (F9)')
      await checkPage(page, 'officer-case-approved')
      await kase.startTask('Issue the restriction letter')

      const notice = new NoticePage(page)
      assert.equal(await notice.headingText(), 'Issue the restriction letter')
      const facts = await summaryList(notice.facts)
      assert.equal(facts['Signed by'], `${chief.name}, Chief Executive and ${monitoring.name}, Monitoring Officer`)
      await checkPage(page, 'officer-notice')
      await notice.issue()

      const letter = new LetterPage(page)
      assert.match(letter.path(), /^\/letters\/[0-9a-f-]{36}\?done=notice$/)
      assert.match(await letter.headingText(), /^Restriction letter /)
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Restriction letter issued/)
      const headings = await letter.sectionHeadings()
      for (const key of requiredSections.restriction) assert.ok(headings.includes(sectionHeadings[key] ?? key), key)
      const text = await letter.letter.innerText()
      assert.match(text, new RegExp(chief.name))
      assert.match(text, new RegExp(monitoring.name))
      await checkPage(page, 'officer-restriction-letter')
      letterPdf = await letter.downloadUrl('PDF')

      // The PDF, fetched as the signed-in case officer: its text has every required section and both signatories.
      const response = await page.request.get(letterPdf)
      assert.equal(response.status(), 200)
      assert.equal(response.headers()['content-type'], 'application/pdf')
      const pdf = await getDocumentProxy(new Uint8Array(await response.body()))
      const { text: pdfText } = await extractText(pdf, { mergePages: true })
      const flat = pdfText.replace(/\s+/g, ' ')
      for (const key of requiredSections.restriction) {
        const heading = sectionHeadings[key]
        assert.ok(heading, `a heading for ${key}`)
        assert.ok(flat.includes(heading), `the PDF has the section "${heading}"`)
      }
      assert.ok(flat.includes(chief.name), 'the Chief Executive signs the letter (F4)')
      assert.ok(flat.includes(monitoring.name), 'the Monitoring Officer signs the letter (F4)')
      assert.ok(flat.includes(PERSON), 'addressed to the person')

      // The case page: the restriction is active, the letter is listed, and the reviews step is due.
      await navigate(page, () => page.getByRole('link', { name: kaseReference, exact: true }).click())
      assert.equal(page.url(), caseUrl)
      assert.deepEqual(await kase.restrictionTags(), ['Active'])
      assert.equal((await kase.task('Restriction letter')).status, 'Issued')
      assert.match((await kase.task('Restriction letter')).hint, /In force from/)
      assert.match((await kase.taskList()).find((t) => /^Review/.test(t.title))?.status ?? '', /^Due /)
      assert.equal(await kase.letters.count(), 2, 'the warning letter and the restriction letter')
      await checkPage(page, 'officer-case-active')

      // The register lists the person, in force, with when they were told (K2).
      const register = new RegisterPage(page)
      await register.openFromNavigation()
      assert.equal(await register.headingText(), 'Register of restricted people')
      assert.equal(await register.entries.count(), 1)
      const entry = await summaryList(register.entries.first())
      assert.equal(entry['Person'], PERSON)
      assert.equal(entry['Status'], 'In force')
      assert.match(entry['Applies to'] ?? '', new RegExp(SERVICE))
      assert.match(entry['Person told'] ?? '', /^Written to on /)
      await checkPage(page, 'officer-register')
      await register.filterByName('Nobody Like This')
      assert.equal(await register.entries.count(), 0)
      await checkPage(page, 'officer-register-filtered')
      done(session)
    }

    // 7. The case file, as the Head of Service: one page with the whole history, and a PDF of it.
    {
      const session = await signedIn(head, 'hos3')
      const { page } = session
      await page.goto(caseUrl)
      const kase = new CasePage(page)
      assert.deepEqual(await kase.restrictionTags(), ['Active'])
      await checkPage(page, 'hos-case-active')
      await kase.submit(page.locator('[data-qa="case-file"]'))
      const file = await page.locator('main').innerText()
      for (const expected of [ceReasons, moReasons, PERSON]) assert.ok(file.includes(expected), expected)
      await checkPage(page, 'hos-case-file')
      done(session)
    }
  },
)
