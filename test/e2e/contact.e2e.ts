// At the moment of contact (issue 5), in the browser: a front-line officer checks a caller by phone number, sees the
// redirect verdict and the script, and records the attempt (V3, F5a, K1); correspondence on a closed matter goes to
// the queue, where a case officer reads it and files it (F11). axe-core on every page.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Browser } from 'playwright-core'
import type { Role } from '../../src/domain/roles.ts'
import { londonDate } from '../../src/domain/london-time.ts'
import { hashSecret, newSecret } from '../../src/web/credentials.ts'
import { caseBody, proposalBody, warningBody } from '../helpers/procedure.ts'
import { SignInPage } from './pages/auth.ts'
import { CheckContactPage, ClosedMatterItemPage, ClosedMatterQueuePage } from './pages/contact.ts'
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
const checkPage = pageChecker('contact')

before(async () => {
  ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
})

after(async () => {
  await browser?.close()
  await running?.close()
})

let staffCount = 0
/** The integration API as a member of staff with these roles: the procedure is seeded as a council's systems would. */
async function api(roles: Role[]) {
  staffCount += 1
  const staff = await createStaff(running, `Seed ${staffCount}`, `seed${staffCount}@testshire.example`, roles)
  const token = newSecret('fc_')
  await running.services.db
    .insertInto('api_token')
    .values({ staff_user_id: staff.id, label: 'seed', token_hash: hashSecret(token), created_by: null })
    .execute()
  return async (path: string, body: unknown = {}) => {
    const response = await fetch(`${running.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const json = (await response.json()) as { id: string; reference: string }
    assert.ok(response.status < 300, `${path}: ${response.status} ${JSON.stringify(json)}`)
    return json
  }
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** A person with a complaint, an incident, and restrictions in force from today. */
async function restrictedPerson(
  fullName: string,
  phone: string,
  restrictions: (matterId: string) => unknown[],
  closeFirst = false,
) {
  const [officer, head, chief, monitoring] = await Promise.all([
    api(['case_officer']),
    api(['head_of_service']),
    api(['chief_executive']),
    api(['monitoring_officer']),
  ])
  const person = await officer('/people', {
    fullName,
    phones: [phone],
    addresses: [{ line1: '12 Mill Lane', town: 'Northampton', postcode: 'NN1 1AA' }],
    isCouncillor: false,
    adjustments: [],
  })
  const matter = await officer('/matters', {
    personId: person.id,
    type: 'complaint',
    subject: 'Bin collections',
    service: 'Waste',
  })
  const contact = await officer('/contacts', {
    personId: person.id,
    channel: 'phone',
    direction: 'inbound',
    at: new Date(Date.now() - 86_400_000 * 7).toISOString(),
    matterId: matter.id,
    summary: 'Shouted at the officer and swore repeatedly',
  })
  const incident = await officer('/incidents', {
    personId: person.id,
    at: new Date(Date.now() - 86_400_000 * 7 + 60_000).toISOString(),
    category: 'aggressive_or_abusive',
    severity: 'high',
    description: 'Called the officer names',
    contactId: contact.id,
  })
  if (closeFirst) await officer(`/matters/${matter.id}/close`, { outcome: 'not_upheld', processExhausted: true })
  const kase = await head('/cases', caseBody(person.id, [incident.id]))
  await officer(`/cases/${kase.id}/warnings`, warningBody)
  // F2: the person carried on after the warning.
  await officer('/contacts', {
    personId: person.id,
    channel: 'phone',
    direction: 'inbound',
    at: new Date().toISOString(),
    matterId: matter.id,
    summary: 'Called again and shouted at the officer',
  })
  const today = londonDate(new Date())
  const proposal = await head(
    `/cases/${kase.id}/proposals`,
    proposalBody(today, addDays(today, 180), addDays(today, 90), restrictions(matter.id)),
  )
  await chief(`/proposals/${proposal.id}/decisions`, { decision: 'approve', reasons: 'Yes.' })
  await monitoring(`/proposals/${proposal.id}/decisions`, { decision: 'approve', reasons: 'Yes.' })
  await officer(`/proposals/${proposal.id}/notice`, {})
  return { personId: person.id, matterId: matter.id, matterReference: matter.reference }
}

test(
  'V3, F5a, K1, F11: check a caller by phone number, see the redirect and the script, record the attempt; read and file what arrives on a closed matter',
  { timeout: 240_000 },
  async () => {
    const letterOnly = await restrictedPerson('Letter Only', '07700 900456', () => [
      { type: 'contact_method', channels: ['letter'], address: 'PO Box 1, Northampton', scope: { councilWide: true } },
    ])
    const closed = await restrictedPerson(
      'Closed Matter',
      '07700 900789',
      (matterId) => [
        { type: 'matter_closed', matterId, reply: 'file_without_acknowledgement', scope: { councilWide: true } },
      ],
      true,
    )
    const frontline = await createStaff(running, 'Priya Frontline', 'priya.frontline@testshire.example', ['frontline'])
    const caseOfficer = await createStaff(running, 'Colin Officer', 'colin.officer@testshire.example', ['case_officer'])

    // The front-line journey.
    const context = await newContext(browser, { javaScriptEnabled: true })
    problems.watch(context)
    const page = await context.newPage()
    const signIn = new SignInPage(page)
    await signIn.open(running.baseUrl)
    await signIn.signIn(frontline.email, frontline.password)
    const check = new CheckContactPage(page)
    assert.deepEqual((await check.navigationLinks()).slice(0, 2), ['Home', 'Check a contact'])
    await check.openFromNavigation()
    assert.equal(await check.headingText(), 'Check a contact')
    await check.assertChrome()
    await checkPage(page, 'check')

    await check.check('07700 900456', 'Phone')
    assert.equal((await check.verdict.innerText()).trim(), 'Redirect')
    assert.match(await check.person.innerText(), /Letter Only/)
    assert.match(await check.script.innerText(), /by letter, to PO Box 1, Northampton/)
    assert.match(await check.reasons.innerText(), /rule F5a/)
    assert.doesNotMatch(await page.locator('main').innerText(), /Called the officer names/, 'K7')
    await checkPage(page, 'verdict-redirect')

    await check.recordAttempt('Rang about the bins; told to write to PO Box 1')
    assert.match(await check.successBanner.innerText(), /Contact recorded/)
    assert.equal((await check.verdict.innerText()).trim(), 'Redirect')
    await checkPage(page, 'recorded')
    const recorded = await running.services.db
      .selectFrom('contact')
      .select(['summary', 'channel'])
      .where('person_id', '=', letterOnly.personId)
      .where('staff_user_id', '=', frontline.id)
      .execute()
    assert.deepEqual(recorded, [{ summary: 'Rang about the bins; told to write to PO Box 1', channel: 'phone' }])

    // An email on the closed matter: read and file (V4), recorded into the queue (F11).
    await check.check(closed.matterReference, 'Email')
    await check.chooseMatter(`${closed.matterReference}: Bin collections`)
    assert.equal((await check.verdict.innerText()).trim(), 'Read and file')
    await checkPage(page, 'verdict-read-and-file')
    await check.recordAttempt('Another email about the bin collections')
    assert.match(await check.successBanner.innerText(), /gone to the closed-matter queue/)
    await check.signOut()

    // The queue journey.
    await signIn.open(running.baseUrl)
    await signIn.signIn(caseOfficer.email, caseOfficer.password)
    const queue = new ClosedMatterQueuePage(page)
    await queue.openFromHome()
    assert.equal(await queue.headingText(), 'Closed-matter queue')
    assert.deepEqual(await queue.waiting(), ['Closed Matter'])
    await checkPage(page, 'queue')
    await queue.open('Closed Matter')
    const item = new ClosedMatterItemPage(page)
    assert.equal(await item.headingText(), 'Correspondence on a closed matter')
    assert.match(await item.summary.innerText(), /Another email about the bin collections/)
    await checkPage(page, 'item')
    await item.assess({
      read: false,
      freshEvidence: 'No',
      safeguarding: 'No',
      action: 'File it without acknowledgement',
    })
    assert.deepEqual(await item.errorSummaryMessages(), [
      { text: 'Confirm you have read it: nothing leaves the queue unread', href: '#read' },
    ])
    await checkPage(page, 'item-errors')
    await item.assess({
      read: true,
      freshEvidence: 'No',
      safeguarding: 'No',
      action: 'File it without acknowledgement',
    })
    assert.match(await item.successBanner.innerText(), /Read, and filed without acknowledgement/)
    assert.match(await item.whatWasDone.innerText(), /Colin Officer/)
    await checkPage(page, 'item-done')
    await queue.goTo('Home')
    await queue.openFromHome()
    assert.deepEqual(await queue.waiting(), [])
    await checkPage(page, 'queue-empty')

    problems.assertNone()
    await context.close()
  },
)
