import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { dateFields, openAs, pageText, signedIn, testApp, type TestApp } from '../../../test/helpers/app.ts'
import { auditActions } from '../../../test/helpers/rows.ts'
import { multipartBody } from '../../../test/helpers/multipart.ts'
import { ok, procedureApp } from '../../../test/helpers/procedure.ts'
import type { Role } from '../../domain/roles.ts'

// The pages for reviews (F7), challenges (F10), the register (K2) and bank holidays (F8, F10).

const { t, c } = await procedureApp()
const monday = new Date('2027-01-04T10:00:00Z')
after(() => t.close())

const restrictionRow = (id: string) =>
  t.services.db
    .selectFrom('restriction')
    .select(['review_on', 'lifted_on'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

/** A restriction in force, and its review form opened by a new user with this role. */
async function reviewForm(role: Role) {
  const r = await c.restrictedCase()
  const { browser } = await signedIn(t, [role])
  const url = `/restrictions/${r.restrictionId}/reviews/new`
  return { r, browser, url, page: await browser.get(url) }
}

describe('reviews (F7)', () => {
  test('F7: the review page shows the restriction in plain English, its dates and what happened since it started', async () => {
    const r = await c.restrictedCase()
    const { page } = await openAs(t, ['head_of_service'], `/restrictions/${r.restrictionId}/reviews/new`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Review a restriction/)
    assert.match(text, /You can contact us by letter only\./)
    assert.match(text, /In force/)
    assert.match(text, /Ends 31 December 2027/)
    assert.match(text, /This is the first review/)
    assert.match(text, /No later than 4 July 2027/, 'the hint gives the limit (6 months from today)')
    for (const roles of [['chief_executive'], ['monitoring_officer']] as const) {
      const other = (await signedIn(t, [...roles])).browser
      assert.equal((await other.get(`/restrictions/${r.restrictionId}/reviews/new`)).statusCode, 200)
    }
    const officer = (await signedIn(t, ['case_officer'])).browser
    assert.equal((await officer.get(`/restrictions/${r.restrictionId}/reviews/new`)).statusCode, 403)
  })

  test('F7: continuing needs the next review date; the form keeps what was typed, then the letter is issued', async () => {
    const { r, browser, url } = await reviewForm('head_of_service')
    const missing = await browser.post(url, { outcome: 'continue', reasons: 'Calls are still abusive.' })
    assert.equal(missing.statusCode, 422)
    assert.match(missing.body, /href="#nextReviewOn-day"/)
    assert.match(missing.body, /Calls are still abusive\./, 'nothing typed is lost')
    const tooLate = await browser.post(url, {
      outcome: 'continue',
      reasons: 'Calls are still abusive.',
      ...dateFields('nextReviewOn', 1, 12, 2027),
    })
    assert.equal(tooLate.statusCode, 422)
    assert.match(pageText(tooLate.body), /The next review must be on or before/)
    const form = {
      outcome: 'continue',
      reasons: 'Calls are still abusive.',
      ...dateFields('nextReviewOn', 1, 5, 2027),
      largePrint: 'yes',
    }
    // F9: the letter first, as it will be sent; nothing is recorded until it is issued.
    const preview = await browser.post(url, form)
    assert.equal(preview.statusCode, 200)
    assert.match(pageText(preview.body), /Check the letter before you issue it/)
    assert.match(pageText(preview.body), /Calls are still abusive\./)
    assert.equal((await restrictionRow(r.restrictionId)).review_on, '2027-06-30', 'not yet recorded')
    const done = await browser.post(url, { ...form, letter: 'issue' })
    assert.equal(done.statusCode, 303)
    assert.match(String(done.headers.location), /^\/letters\/[0-9a-f-]{36}\?done=review$/)
    assert.equal((await restrictionRow(r.restrictionId)).review_on, '2027-05-01')
    const letter = await t.services.db
      .selectFrom('letter')
      .select(['type', 'large_print'])
      .where('id', '=', String(done.headers.location).split('/')[2]?.split('?')[0] ?? '')
      .executeTakeFirstOrThrow()
    assert.deepEqual(letter, { type: 'review_outcome', large_print: true })
    assert.match(pageText((await browser.get(url)).body), /Reviewed on 4 January 2027 Outcome Continued/)
  })

  test('F7: lifting ends the restriction today; it can no longer be reviewed', async () => {
    const { r, browser, url } = await reviewForm('chief_executive')
    const done = await browser.post(url, { outcome: 'lift', reasons: 'Behaviour has improved.', letter: 'issue' })
    assert.equal(done.statusCode, 303)
    assert.match(String(done.headers.location), /^\/letters\//)
    assert.equal((await restrictionRow(r.restrictionId)).lifted_on, '2027-01-04')
    const after = pageText((await browser.get(url)).body)
    assert.match(after, /Only a restriction in force can be reviewed/)
  })

  test('F7, F4: varying records the review and points to proposing the varied restriction', async () => {
    const { r, browser, url, page } = await reviewForm('head_of_service')
    const form = pageText(page.body)
    assert.match(form, /A variation is a new decision: the Chief Executive and the Monitoring Officer decide/)
    const done = await browser.post(url, { outcome: 'vary', reasons: 'Email would now be enough.' })
    assert.equal(done.statusCode, 303)
    assert.match(String(done.headers.location), /^\/reviews\?varied=/)
    const next = await browser.get(String(done.headers.location))
    assert.match(next.body, new RegExp(`href="/cases/${r.caseId}/proposals/new\\?supersedes=${r.restrictionId}"`))
    assert.match(pageText(next.body), /is to be varied/)
  })

  test('F7: reviews due lists restrictions in force by review date, overdue first and tagged, due soon tagged', async () => {
    const soon = await c.restrictedCase({ fullName: 'Ruth Soon', reviewOn: '2027-02-10' })
    const later = await c.restrictedCase({ fullName: 'Ruth Later', reviewOn: '2027-06-30' })
    const overdue = await c.restrictedCase({ fullName: 'Ruth Overdue', reviewOn: '2027-01-15' })
    await c.restrictedCase({ fullName: 'Ruth Unnotified', reviewOn: '2027-01-10', notice: false })
    t.clock.now = new Date('2027-02-01T10:00:00Z')
    try {
      const { page } = await openAs(t, ['monitoring_officer'], '/reviews')
      assert.equal(page.statusCode, 200)
      const text = pageText(page.body)
      const at = (name: string) => text.indexOf(name)
      assert.ok(at('Ruth Overdue') > 0 && at('Ruth Overdue') < at('Ruth Soon') && at('Ruth Soon') < at('Ruth Later'))
      assert.equal(at('Ruth Unnotified'), -1, 'F9: not in force until the letter is issued')
      assert.match(text, /15 January 2027 Overdue Ruth Overdue/)
      assert.match(text, /10 February 2027 Due soon Ruth Soon/)
      assert.match(text, /30 June 2027 Ruth Later/)
      for (const r of [soon, later, overdue])
        assert.match(page.body, new RegExp(`/restrictions/${r.restrictionId}/reviews/new`))
    } finally {
      t.clock.now = monday
    }
  })

  test('F7: with nothing in force the worklist says so', async () => {
    const fresh = await testApp()
    try {
      const browser = (await signedInOn(fresh, 'head_of_service')).browser
      const page = await browser.get('/reviews')
      assert.match(pageText(page.body), /No restrictions are in force, so no reviews are due/)
    } finally {
      await fresh.close()
    }
  })
})

async function signedInOn(app: TestApp, role: 'head_of_service') {
  return signedIn(app, [role])
}

describe('challenges (F10)', () => {
  test('F10: a challenge received before Easter 2027 is answered 10 working days on, skipping Good Friday and Easter Monday', async () => {
    const r = await c.restrictedCase()
    t.clock.now = new Date('2027-03-26T10:00:00Z')
    try {
      const { browser } = await signedIn(t, ['case_officer'])
      const url = `/restrictions/${r.restrictionId}/challenges/new`
      const form = await browser.get(url)
      assert.equal(form.statusCode, 200)
      assert.match(pageText(form.body), /a challenge received by 18 January 2027 is in time/)
      const missing = await browser.post(url, { grounds: 'I was only asking about my bins.' })
      assert.equal(missing.statusCode, 422)
      assert.match(missing.body, /href="#receivedOn-day"/)
      assert.match(missing.body, /I was only asking about my bins\./)
      const done = await browser.post(url, {
        ...dateFields('receivedOn', 25, 3, 2027),
        grounds: 'I was only asking about my bins.',
      })
      assert.equal(done.statusCode, 303)
      assert.match(String(done.headers.location), /^\/challenges\/[0-9a-f-]{36}\?recorded=yes$/)
      const confirmation = pageText((await browser.get(String(done.headers.location))).body)
      assert.match(confirmation, /Challenge recorded Respond by 12 April 2027/)
      assert.match(confirmation, /arrived after the challenge period had ended/)
    } finally {
      t.clock.now = monday
    }
  })

  test('F10, F3: a warning is challenged on its facts', async () => {
    const w = await c.warnedCase()
    const { browser } = await signedIn(t, ['head_of_service'])
    const url = `/warnings/${w.warningId}/challenges/new`
    assert.match(pageText((await browser.get(url)).body), /Record a challenge to a warning/)
    const done = await browser.post(url, {
      ...dateFields('receivedOn', 4, 1, 2027),
      grounds: 'I did not swear.',
    })
    assert.equal(done.statusCode, 303)
    const page = pageText((await browser.get(String(done.headers.location))).body)
    assert.match(page, /Respond by 18 January 2027/)
    assert.match(page, /It arrived in time/)
    assert.match(page, /Not decided yet/, 'a case officer sees that a senior reviewer decides')
  })

  test('F10: a senior reviewer who took part sees why they cannot decide; one who did not decides and the letter follows', async () => {
    const r = await c.restrictedCase()
    const involved = await signedIn(t, ['monitoring_officer', 'senior_reviewer'])
    // Taking part: this senior reviewer reviews the restriction as Monitoring Officer.
    const reviewUrl = `/restrictions/${r.restrictionId}/reviews/new`
    await involved.browser.get(reviewUrl)
    const reviewed = await involved.browser.post(reviewUrl, {
      outcome: 'continue',
      reasons: 'Still needed.',
      ...dateFields('nextReviewOn', 1, 6, 2027),
      letter: 'issue',
    })
    assert.equal(reviewed.statusCode, 303)
    const challenge = ok<{ id: string }>(
      await c.officer.post(`/api/v1/restrictions/${r.restrictionId}/challenges`, {
        receivedOn: '2027-01-04',
        grounds: 'Unfair.',
      }),
    )
    const url = `/challenges/${challenge.id}`
    const seen = await involved.browser.get(url)
    assert.equal(seen.statusCode, 200)
    assert.match(
      pageText(seen.body),
      /You took part in this case, so another senior reviewer must decide the challenge \(F10\)/,
    )
    assert.doesNotMatch(seen.body, /data-qa="decide-challenge"/)
    const refused = await involved.browser.post(url, { outcome: 'upheld', reasons: 'x' })
    assert.equal(refused.statusCode, 422)
    assert.match(pageText(refused.body), /You took part in this case/)

    const reviewer = (await signedIn(t, ['senior_reviewer'])).browser
    const form = await reviewer.get(url)
    assert.match(form.body, /data-qa="decide-challenge"/)
    const empty = await reviewer.post(url, { reasons: 'The facts were wrong.' })
    assert.equal(empty.statusCode, 422)
    assert.match(empty.body, /href="#outcome"/)
    assert.match(empty.body, /The facts were wrong\./)
    const preview = await reviewer.post(url, { outcome: 'upheld', reasons: 'The facts were wrong.' })
    assert.equal(preview.statusCode, 200)
    assert.match(pageText(preview.body), /Check the letter before you issue it/)
    assert.equal((await restrictionRow(r.restrictionId)).lifted_on, null, 'nothing is decided by the preview')
    const decided = await reviewer.post(url, { outcome: 'upheld', reasons: 'The facts were wrong.', letter: 'issue' })
    assert.equal(decided.statusCode, 303)
    assert.match(String(decided.headers.location), /^\/letters\//)
    assert.ok((await restrictionRow(r.restrictionId)).lifted_on, 'an upheld challenge lifts the restriction')
    const after = pageText((await reviewer.get(url)).body)
    assert.match(after, /Outcome Upheld Reasons The facts were wrong\./)
    const auditor = (await signedIn(t, ['auditor'])).browser
    assert.equal((await auditor.get(url)).statusCode, 200, 'cases.read: the auditor may read it')
    assert.equal((await auditor.post(url, { outcome: 'upheld', reasons: 'x' })).statusCode, 403)
  })
})

describe('register (K2)', () => {
  test('K2: the register shows who, what, where, when the person and services were told, and how to respond', async () => {
    const r = await c.restrictedCase({
      fullName: 'Kim Register',
      restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { services: ['Housing'] } }],
    })
    const { page } = await openAs(t, ['auditor'], '/register?name=kim+register')
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(page.body, new RegExp(`href="/people/${r.personId}"`))
    assert.match(text, /Kim Register: Contact by one method only/)
    assert.match(text, /Restriction You can contact us by letter only\./)
    assert.match(text, /Applies to Housing/)
    assert.match(text, /Starts 4 January 2027 Ends 31 December 2027 Review due 30 June 2027/)
    assert.match(text, /Person told Written to on 4 January 2027/)
    assert.match(text, /Services in scope \(Housing\) were told on 4 January 2027 through this register/)
    assert.match(text, /How necessary contact happens By letter only\./)
    assert.match(
      text,
      /Explain politely that they can only contact us by letter; do not discuss the matter in any other way/,
    )
    const frontline = (await signedIn(t, ['frontline'])).browser
    assert.equal((await frontline.get('/register')).statusCode, 403, 'K7: front-line staff use the contact check')
  })

  test('K2: filters by service, type, name and status work as a plain GET form', async () => {
    await c.restrictedCase({
      fullName: 'Fay Filter',
      restrictions: [{ type: 'contact_method', channels: ['email'], scope: { services: ['Parking'] } }],
    })
    await c.restrictedCase({
      fullName: 'Fay Waiting',
      notice: false,
      restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { services: ['Parking'] } }],
    })
    const { browser } = await signedIn(t, ['head_of_service'])
    const names = async (query: string) => {
      const text = pageText((await browser.get(`/register?${query}`)).body)
      return ['Fay Filter', 'Fay Waiting'].filter((n) => text.includes(`${n}:`))
    }
    assert.deepEqual(await names('name=fay'), ['Fay Filter'], 'in force only, by default')
    assert.deepEqual(await names('name=fay&status=approved'), ['Fay Waiting'])
    assert.deepEqual(await names('name=fay&status=both'), ['Fay Filter', 'Fay Waiting'])
    assert.deepEqual(await names('name=fay&service=Parking&status=both'), ['Fay Filter', 'Fay Waiting'])
    assert.deepEqual(await names('name=fay&service=Waste&status=both'), [])
    assert.deepEqual(await names('name=fay&type=named_contact'), [])
    assert.deepEqual(await names('name=fay&type=contact_method'), ['Fay Filter'])
    assert.match(
      pageText((await browser.get('/register?name=nobody-at-all')).body),
      /No restrictions match these filters/,
    )
  })

  test('K2: the CSV has a header row, follows the filters, and neutralises spreadsheet formulas', async () => {
    await c.restrictedCase({ fullName: '=HYPERLINK("http://evil.example","Click")' })
    await c.restrictedCase({ fullName: 'Plain Csv' })
    const { page: response } = await openAs(t, ['case_officer'], '/register.csv?name=hyperlink')
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/csv/)
    assert.match(
      String(response.headers['content-disposition']),
      /attachment; filename="register-of-restricted-people-2027-01-04\.csv"/,
    )
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
    assert.equal(lines.length, 2, 'the header and the one matching restriction')
    assert.match(
      lines[0] ?? '',
      /^Person,Case,Status,Restriction type,Restriction,Applies to,Starts,Ends,Review due,Person told,Services told/,
    )
    assert.match(lines[1] ?? '', /^"'=HYPERLINK\(""http:\/\/evil\.example"",""Click""\)",CASE-2027-\d{6},In force,/)
    assert.doesNotMatch(response.body, /Plain Csv/)
  })
})

describe('bank holidays (F8, F10)', () => {
  const holidays = () => t.services.db.selectFrom('bank_holiday').select(['on', 'title']).orderBy('on').execute()
  const govUk = (events: { date: string; title: string }[]) =>
    JSON.stringify({ 'england-and-wales': { division: 'england-and-wales', events }, scotland: { events: [] } })

  async function upload(browser: Awaited<ReturnType<typeof signedIn>>['browser'], content: string) {
    const { payload, contentType } = multipartBody({ _csrf: browser.csrf }, { filename: 'bank-holidays.json', content })
    return t.app.inject({
      method: 'POST',
      url: '/bank-holidays',
      headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
      payload,
    })
  }

  test('F10: an administrator sees the bank holidays held; other roles may not', async () => {
    const { page } = await openAs(t, ['admin'], '/bank-holidays')
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /26 March 2027 Good Friday/)
    const head = (await signedIn(t, ['head_of_service'])).browser
    assert.equal((await head.get('/bank-holidays')).statusCode, 403)
  })

  test('F10, K4: a file not in GOV.UK format is refused and nothing changes', async () => {
    const { browser } = await signedIn(t, ['admin'])
    await browser.get('/bank-holidays')
    const before = await holidays()
    const audited = (await auditActions(t)).length
    for (const bad of [
      'not json',
      JSON.stringify({ scotland: { events: [] } }),
      govUk([{ date: '2027-02-30', title: 'Nope' }]),
    ]) {
      const response = await upload(browser, bad)
      assert.equal(response.statusCode, 422)
      assert.match(pageText(response.body), /not in the format of GOV\.UK’s bank holidays file/)
      assert.match(response.body, /href="#file"/)
    }
    const pasted = await browser.post('/bank-holidays', { json: '{"england-and-wales": {}}' })
    assert.equal(pasted.statusCode, 422)
    assert.match(pasted.body, /href="#json"/)
    assert.match(
      pasted.body,
      /england-and-wales&quot;: \{\}\}|england-and-wales&#34;: \{\}\}|england-and-wales/,
      'the pasted text is kept',
    )
    assert.deepEqual(await holidays(), before)
    assert.equal((await auditActions(t)).length, audited)
  })

  test('F10, K4: GOV.UK’s file replaces the holidays of the years it covers, in one audited change', async () => {
    const { browser } = await signedIn(t, ['admin'])
    await browser.get('/bank-holidays')
    const kept2028 = (await holidays()).filter((h) => h.on.startsWith('2028'))
    const response = await upload(
      browser,
      govUk([
        { date: '2027-01-01', title: 'New Year’s Day' },
        { date: '2027-03-26', title: 'Good Friday' },
        { date: '2027-06-07', title: 'Extra bank holiday' },
        { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
      ]),
    )
    assert.equal(response.statusCode, 303)
    const location = String(response.headers.location)
    assert.match(location, /^\/bank-holidays\?added=1&changed=\d+&removed=\d+$/)
    const held = await holidays()
    assert.deepEqual(
      held.filter((h) => h.on.startsWith('2027')).map((h) => h.on),
      ['2027-01-01', '2027-03-26', '2027-06-07', '2027-12-27'],
    )
    assert.deepEqual(
      held.filter((h) => h.on.startsWith('2028')),
      kept2028,
      'years the file does not cover are kept',
    )
    assert.equal((await auditActions(t)).at(-1), 'bank_holidays.loaded')
    const page = pageText((await browser.get(location)).body)
    assert.match(page, /Bank holidays loaded: 1 added, \d+ renamed, \d+ removed/)
    assert.match(page, /7 June 2027 Extra bank holiday/)
  })
})
