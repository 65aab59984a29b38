import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { extractText } from 'unpdf'
import { openAs, pageText, signedIn } from '../../../test/helpers/app.ts'
import { ok, procedureApp, proposalBody } from '../../../test/helpers/procedure.ts'
import { buildReport } from './report.service.ts'

// K5: the report's figures reconciled against a hand-built dataset, built through the API with the clock moved, then
// every figure checked by hand; the members' version names no one in any format.

const { t, c } = await procedureApp({ now: '2026-11-02T15:00:00Z' })
const names: string[] = []
const references: string[] = []
const personIds: string[] = []
const Q1 = { from: '2027-01-01', to: '2027-03-31' }

const at = (day: string, time = '10:00:00') => {
  t.clock.now = new Date(`${day}T${time}Z`)
}

/** A person with a case opened, whose name, case reference and id no report to members may show. */
async function person(fullName: string, adjustments: { need: string; agreedAdjustment: string }[] = []) {
  const k = await c.openedCase({ fullName, adjustments })
  names.push(fullName)
  references.push(k.reference)
  personIds.push(k.personId)
  return k
}

const review = async (restrictionId: string, nextReviewOn: string) =>
  ok(
    await c.head.post(`/api/v1/restrictions/${restrictionId}/reviews`, {
      outcome: 'continue',
      reasons: 'Still needed.',
      nextReviewOn,
    }),
  )

/** These proposals follow their warnings the same day, nothing recorded in between: each says why (F2). */
const quietSince = <T extends object>(body: T) => ({
  ...body,
  sinceWarningJustification: 'The calls stopped only because the office was closed; they resumed by letter.',
})

before(async () => {
  // Autumn 2026. Frank: a warning never followed by a restriction. Harriet: a warning followed the same day by a
  // restriction that lapsed on 20 December 2026, before the period. Both warnings' follow-up time (8 weeks of
  // monitoring, to 28 December, and 3 months) ends on 28 March 2027, in the period.
  const frank = await person('Frank Fenwick')
  await c.warn(frank.caseId)
  const harriet = await person('Harriet Hale')
  await c.warn(harriet.caseId)
  const h = await c.propose(harriet.caseId, quietSince(proposalBody('2026-11-02', '2026-12-20', '2026-12-01')))
  await c.approve(h.id)
  await c.issueNotice(h.id)

  // 4 January 2027. Alice: letters only for Waste, first review due 1 February. Bernard: two restrictions, named
  // officer council-wide and set call times for Housing and Waste, ending 28 February. Ellen: an agreed adjustment
  // relies on the telephone, so letters only needs a justification (P5); approved now, in force from 1 March.
  at('2027-01-04')
  const alice = await person('Alice Amberley')
  await c.warn(alice.caseId)
  const a = await c.propose(alice.caseId, quietSince(proposalBody('2027-01-04', '2027-12-31', '2027-02-01')))
  await c.approve(a.id)
  await c.issueNotice(a.id)
  const bernard = await person('Bernard Bexley')
  await c.warn(bernard.caseId)
  const b = await c.propose(
    bernard.caseId,
    quietSince(
      proposalBody('2027-01-04', '2027-02-28', '2027-02-15', [
        { type: 'named_contact', staffUserId: c.officer.staff.id, scope: { councilWide: true } },
        {
          type: 'phone_times',
          windows: [{ day: 'tuesday', from: '10:00', to: '12:00' }],
          scope: { services: ['Housing', 'Waste'] },
        },
      ]),
    ),
  )
  await c.approve(b.id)
  const ellen = await person('Ellen Eastwood', [
    { need: 'Dyslexia', agreedAdjustment: 'Telephone contact rather than letters' },
  ])
  const ellenWarning = await c.warn(ellen.caseId)
  const e = await c.propose(ellen.caseId, {
    ...quietSince(proposalBody('2027-03-01', '2027-12-31', '2027-06-01')),
    adjustmentConflictJustification: 'A weekly call from the named officer keeps the adjustment.',
  })
  await c.approve(e.id)

  at('2027-01-05')
  await c.issueNotice(b.id) // Bernard's restrictions are in force from 5 January

  at('2027-01-06')
  // Ellen challenges her warning on the facts; respond by 20 January; decided only after the period.
  const ellenChallenge = await c.challenge('warnings', ellenWarning.warningId, {
    receivedOn: '2027-01-06',
    grounds: 'I was not the caller.',
  })
  assert.equal(ellenChallenge.respondBy, '2027-01-20')

  // 11 January: Cora, an interim restriction (F8) for Housing with no warning, never ratified: it lapses after
  // 25 January (10 working days).
  at('2027-01-11')
  const cora = await person('Cora Crane')
  const cp = await c.propose(cora.caseId, {
    ...proposalBody('2027-01-11', '2027-07-11', '2027-04-11', [
      { type: 'contact_method', channels: ['letter'], scope: { services: ['Housing'] } },
    ]),
    immediateRisk: {
      justification: 'Threatened an officer at the office.',
      incidentId: await c.immediateRiskIncident(cora.personId),
    },
  })
  const coraInterim = ok<{ ratifyBy: string }>(await c.chief.post(`/api/v1/proposals/${cp.id}/interim`, {}))
  assert.equal(coraInterim.ratifyBy, '2027-01-25')

  // 1 February: Dev, an interim restriction for Housing, ratified by both on 3 February; his challenge of 5 February
  // is upheld on 8 February, which lifts it.
  at('2027-02-01')
  const dev = await person('Dev Dunmore')
  const dp = await c.propose(dev.caseId, {
    ...proposalBody('2027-02-01', '2027-08-01', '2027-05-01', [
      { type: 'named_contact', staffUserId: c.officer.staff.id, scope: { services: ['Housing'] } },
    ]),
    immediateRisk: {
      justification: 'Came to the office with a weapon.',
      incidentId: await c.immediateRiskIncident(dev.personId, 'Came to the office with a weapon'),
    },
  })
  ok(await c.monitoring.post(`/api/v1/proposals/${dp.id}/interim`, {}))

  at('2027-02-03')
  await c.approve(dp.id)
  await review(a.restrictionIds[0] ?? '', '2027-03-01') // Alice's review: due 1 February, done late

  at('2027-02-05')
  const devChallenge = await c.challenge('restrictions', dp.restrictionIds[0] ?? '', {
    receivedOn: '2027-02-05',
    grounds: 'Unfair.',
  })
  assert.equal(devChallenge.respondBy, '2027-02-19')
  at('2027-02-08')
  ok(await c.reviewer.post(`/api/v1/challenges/${devChallenge.id}/decision`, { outcome: 'upheld', reasons: 'Wrong.' }))

  at('2027-02-15')
  for (const id of b.restrictionIds) await review(id, '2027-02-26') // on time

  at('2027-03-01')
  await c.issueNotice(e.id)

  // After the period: none of this is counted in it.
  at('2027-04-05')
  ok(
    await c.reviewer.post(`/api/v1/challenges/${ellenChallenge.id}/decision`, {
      outcome: 'not_upheld',
      reasons: 'The facts are right.',
    }),
  )
  at('2027-04-10')
})
after(() => t.close())

describe('figures', () => {
  test('K5: every figure for the first quarter of 2027, reconciled by hand', async () => {
    const { figures } = await buildReport(t.services.db, Q1, { named: true })
    const counts = (imposed: number, inForce: number, lifted: number, lapsed: number) => ({
      imposed,
      inForce,
      lifted,
      lapsed,
    })
    assert.deepEqual(figures.restrictions, {
      // Alice, Bernard ×2, Cora, Dev, Ellen; Harriet's ended in 2026.
      ...counts(6, 6, 1, 3),
      inForceAtEnd: 2, // Alice, Ellen
      peopleInForce: 5,
      replaced: 0,
      notRatified: 1, // Cora
      byType: [
        { type: 'contact_method', ...counts(3, 3, 0, 1) }, // Alice, Cora, Ellen
        { type: 'named_contact', ...counts(2, 2, 1, 1) }, // Bernard, Dev
        { type: 'phone_times', ...counts(1, 1, 0, 1) }, // Bernard
        { type: 'contact_agreement', ...counts(0, 0, 0, 0) },
        { type: 'matter_closed', ...counts(0, 0, 0, 0) },
      ],
      byService: [
        { service: 'Council-wide', ...counts(1, 1, 0, 1) }, // Bernard's named officer
        { service: 'Housing', ...counts(3, 3, 1, 2) }, // Bernard's call times, Cora, Dev
        { service: 'Waste', ...counts(3, 3, 0, 1) }, // Alice, Bernard's call times, Ellen
      ],
      // Days in force: Dev 1–8 Feb = 7, Cora 11–26 Jan = 15, Bernard's two 5 Jan–1 Mar = 55 each.
      ended: 4,
      medianDaysInForce: 35,
    })
    // Alice's review was due 1 February and done 3 February; Bernard's two on the day. Alice's next, due 1 March, was
    // not done by 31 March.
    assert.deepEqual(figures.reviews, { done: 3, onTime: 2, late: 1, overdueAtEnd: 1 })
    assert.deepEqual(figures.warnings, {
      issued: 3, // Alice, Bernard, Ellen
      withdrawn: 0,
      followUpEnded: 2, // Frank, Harriet
      ledToRestriction: 1, // Harriet
      ledToNoRestriction: 1, // Frank
    })
    assert.deepEqual(figures.challenges, {
      received: 2,
      ofWarnings: 1, // Ellen
      ofRestrictions: 1, // Dev
      receivedOutOfTime: 0,
      decided: 1,
      upheld: 1,
      varied: 0,
      notUpheld: 0, // Ellen's was decided in April
      answeredByRespondBy: 1,
      answeredLate: 0,
      awaitingAtEnd: 1,
      awaitingPastRespondBy: 1,
    })
    assert.deepEqual(figures.interim, { imposed: 2, ratifiedInTime: 1, notRatified: 1, awaitingAtEnd: 0 })
    assert.deepEqual(figures.adjustments, {
      casesOpened: 5,
      casesWithAdjustments: 1, // Ellen
      proposalsMade: 5,
      proposalsWithAdjustments: 1,
      conflictsJustified: 1,
    })
  })

  test('K5: the last quarter of 2026 counts Harriet’s restriction and nothing of 2027', async () => {
    const { figures } = await buildReport(t.services.db, { from: '2026-10-01', to: '2026-12-31' }, { named: true })
    assert.equal(figures.restrictions.imposed, 1)
    assert.equal(figures.restrictions.lapsed, 1)
    assert.equal(figures.restrictions.medianDaysInForce, 49) // 2 November to 21 December
    assert.equal(figures.warnings.issued, 2)
    assert.equal(figures.challenges.received, 0)
  })
})

describe('pages', () => {
  test('K5: the default period is the last complete quarter; the members’ version shows small numbers as "fewer than 3"', async () => {
    const { browser, page: response } = await openAs(t, ['senior_reviewer'], '/report')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /1 January 2027 to 31 March 2027/)
    assert.match(text, /Imposed in the period \(restriction letter issued, or interim restriction imposed\) 6 /)
    assert.match(text, /In force at the end of the period fewer than 3 /)
    assert.match(text, /Median time in force of the restrictions that ended 35 days/)
    assert.match(text, /Contact by one method only 3 3 0 fewer than 3/)
    assert.match(text, /fewer than 3/)
    assert.match(response.body, /<svg role="img" aria-labelledby="chart-by-type-title"/)
    assert.match(response.body, /value="2027" /, 'the period is filled in on the form')
    assert.match(response.body, /href="\/report.pdf\?from-day=1&amp;from-month=1&amp;from-year=2027/)
    assert.equal((await browser.get('/report/named')).statusCode, 403, 'K6: names only for report.read')
  })

  test('K5: the named version lists each restriction with the person’s name, a link and the case', async () => {
    const { browser, page: response } = await openAs(t, ['head_of_service'], '/report/named')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    for (const name of ['Alice Amberley', 'Bernard Bexley', 'Cora Crane', 'Dev Dunmore', 'Ellen Eastwood'])
      assert.ok(text.includes(name), name)
    assert.ok(!text.includes('Frank Fenwick'), 'Frank had no restriction')
    assert.ok(!text.includes('Harriet Hale'), 'Harriet’s restriction ended before the period')
    assert.match(text, /In force at the end of the period 2 /, 'exact figures in the named version')
    assert.ok(response.body.includes(`href="/people/${personIds[2]}"`))
    const csv = await browser.get('/report/named.csv')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-disposition']), /named-report-to-members-2027-01-01-to-2027-03-31\.csv/)
    assert.match(csv.body, /Restrictions,In force at the end of the period,Number,2/)
    assert.match(csv.body, /Restrictions named,Alice Amberley,CASE-2027-\d{6}/)
    const { browser: member } = await signedIn(t, ['senior_reviewer'])
    assert.equal((await member.get('/report/named.csv')).statusCode, 403, 'K6: names only for report.read')
  })

  test('K5: the members’ version names no one, in the page, the CSV, the XLSX or the PDF', async () => {
    const { browser } = await signedIn(t, ['auditor'])
    const html = (await browser.get('/report')).body
    const csv = await browser.get('/report.csv')
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8')
    assert.match(String(csv.headers['content-disposition']), /report-to-members-2027-01-01-to-2027-03-31\.csv/)
    assert.match(csv.body, /Restrictions,In force at the end of the period,Number,fewer than 3/)

    const xlsx = await browser.get('/report.xlsx')
    assert.equal(xlsx.statusCode, 200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheets = workbook.worksheets.map((s) => s.name)
    assert.deepEqual(sheets, [
      'About',
      'Restrictions',
      'Restrictions by type',
      'Restrictions by service',
      'Reviews',
      'Warnings',
      'Challenges',
      'Interim restrictions',
      'Reasonable adjustments consider',
    ])
    const cells: string[] = []
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))))
    const xlsxText = cells.join('\n')
    assert.match(xlsxText, /In force at any time in the period\n6/)

    const pdf = await browser.get('/report.pdf')
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })
    const pages = text.replace(/\s+/g, ' ')
    assert.match(pages, /Report to members: 1 January 2027 to 31 March 2027/)
    assert.match(pages, /fewer than 3/)
    assert.match(pdf.rawPayload.toString('latin1'), /\/Lang \(en-GB\)/)
    assert.match(pdf.rawPayload.toString('latin1'), /\/StructTreeRoot/)

    for (const [format, body] of [
      ['HTML', html],
      ['CSV', csv.body],
      ['XLSX', xlsxText],
      ['PDF', pages],
    ] as const) {
      for (const secret of [...names, ...references, ...personIds])
        assert.ok(!body.includes(secret), `${format} must not contain ${secret}`)
      assert.ok(!/CASE-\d{4}/.test(body), `${format} has no case reference`)
    }
  })

  test('K5: a chosen period is shown, and bad dates are refused with GOV.UK errors that keep what was typed', async () => {
    const { browser } = await signedIn(t, ['chief_executive'])
    const chosen = await browser.get(
      '/report?from-day=1&from-month=10&from-year=2026&to-day=31&to-month=12&to-year=2026',
    )
    assert.equal(chosen.statusCode, 200)
    assert.match(pageText(chosen.body), /1 October 2026 to 31 December 2026/)

    const cases: [string, string, RegExp][] = [
      ['from-day=31&from-month=2&from-year=2027&to-day=1&to-month=3&to-year=2027', '#from-day', /must be a real date/],
      ['from-day=1&from-month=3&from-year=2027&to-day=1&to-month=2&to-year=2027', '#to-day', /same as or after/],
      ['from-day=1&from-month=3&from-year=2027&to-day=1&to-month=5&to-year=2027', '#to-day', /today or in the past/],
      ['from-day=1&from-month=3&from-year=2027', '#to-day', /Enter the end of the period/],
      ['from-day=1&from-month=1&from-year=2020&to-day=1&to-month=3&to-year=2027', '#from-day', /5 years or shorter/],
    ]
    for (const [query, href, message] of cases) {
      const response = await browser.get(`/report?${query}`)
      assert.equal(response.statusCode, 422, query)
      assert.match(response.body, /govuk-error-summary/)
      assert.ok(response.body.includes(`href="${href}"`), `${query} links to ${href}`)
      assert.match(pageText(response.body), message)
      assert.ok(!response.body.includes('data-qa="table-restrictions"'), 'no figures for a bad period')
    }
    const typed = await browser.get('/report?from-day=31&from-month=2&from-year=2027&to-day=1&to-month=3&to-year=2027')
    assert.match(typed.body, /name="from-day" type="text" value="31"/)
    assert.equal((await browser.get('/report.csv?from-day=31&from-month=2&from-year=2027')).statusCode, 422)
  })
})
