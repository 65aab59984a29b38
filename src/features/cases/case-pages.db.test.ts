import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { extractText } from 'unpdf'
import { openAs, pageText, signedIn } from '../../../test/helpers/app.ts'
import { rowCount, rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'
import { ok, procedureApp, warningBody } from '../../../test/helpers/procedure.ts'

// The case pages (F1–F12, S2, S3, P5): opening a case, the case page, the warning, the letter, the case file and
// closing a case, each as the roles that may and may not act.

const { t, c } = await procedureApp()
after(() => t.close())

const openCaseForm = (p: { incidentId: string; contactId?: string }) => ({
  service: 'Waste',
  reason: 'Abuse of staff continued after business-as-usual measures.',
  businessAsUsualMeasures: 'One officer handled every call for three months.',
  incidentIds: [p.incidentId],
  adjustmentsConsidered: 'None recorded; asked on 1 October whether any were needed.',
})

/** A restriction in force, with the decisions' reasons the case page and the case file show. */
const decidedCase = () =>
  c.restrictedCase({
    reasons: { chief: 'Proportionate to the abuse of staff.', monitoring: 'Lawful and the least restrictive measure.' },
  })

const letterRef = async (id: string) =>
  (await t.services.db.selectFrom('letter').select('reference').where('id', '=', id).executeTakeFirstOrThrow())
    .reference

describe('opening a case', () => {
  test('F1: a Head of Service opens a case from the person page, choosing the measures and evidence', async () => {
    const p = await c.personWithHistory()
    const { browser, page: person } = await openAs(t, ['head_of_service'], `/people/${p.personId}`)
    assert.match(person.body, new RegExp(`href="/people/${p.personId}/cases/new"`), 'the Open a case button')
    const form = await browser.get(`/people/${p.personId}/cases/new`)
    assert.equal(form.statusCode, 200)
    const text = pageText(form.body)
    assert.match(text, /Aggressive or abusive behaviour \(high\)/, 'incidents with category and severity')
    assert.match(text, /Shouted at the officer/, 'recent contacts')
    assert.match(text, /How reasonable adjustments were considered/)
    const response = await browser.post(`/people/${p.personId}/cases/new`, {
      ...openCaseForm(p),
      contactIds: [p.contactId],
    })
    assert.equal(response.statusCode, 303)
    const location = String(response.headers.location)
    assert.match(location, /^\/cases\/[0-9a-f-]{36}\?done=opened$/)
    const row = await rowWhere(t, 'procedure_case', { person_id: p.personId })
    assert.deepEqual([row.incident_ids, row.contact_ids, row.service], [[p.incidentId], [p.contactId], 'Waste'])
    const page = pageText((await browser.get(location)).body)
    assert.match(page, /Case opened/)
    assert.match(page, new RegExp(row.reference))
    // F12: the case is listed on the person's page.
    assert.match((await browser.get(`/people/${p.personId}`)).body, new RegExp(`href="/cases/${row.id}"`))
  })

  test('F1: validation errors keep what was typed, with the GOV.UK error summary', async () => {
    const p = await c.personWithHistory()
    const { browser } = await signedIn(t, ['head_of_service'])
    await browser.get(`/people/${p.personId}/cases/new`)
    const response = await browser.post(`/people/${p.personId}/cases/new`, {
      ...openCaseForm(p),
      reason: 'Kept reason text',
      businessAsUsualMeasures: '',
      incidentIds: [],
    })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#businessAsUsualMeasures"/)
    assert.match(response.body, /Kept reason text/, 'what the user typed is kept')
    const none = await browser.post(`/people/${p.personId}/cases/new`, { ...openCaseForm(p), incidentIds: [] })
    assert.equal(none.statusCode, 422)
    assert.match(pageText(none.body), /Choose the incidents or contacts the case relies on \(F1\) \(rule F1\)/)
    assert.match(none.body, /href="#incidentIds"/)
  })

  test('S2: a councillor: refused on the form with the rule, saying where it goes instead', async () => {
    const p = await c.personWithHistory({ fullName: 'Cllr Ann Other', isCouncillor: true })
    const { browser, page: form } = await openAs(t, ['head_of_service'], `/people/${p.personId}/cases/new`)
    assert.match(pageText(form.body), /Standards Committee/)
    const response = await browser.post(`/people/${p.personId}/cases/new`, openCaseForm(p))
    assert.equal(response.statusCode, 422)
    const text = pageText(response.body)
    assert.match(text, /There is a problem .*Standards Committee.*\(rule S2\)/)
    assert.match(response.body, /Abuse of staff continued/, 'what was typed is kept')
  })

  test('S3: evidence only about FOI/EIR requests: refused on the form with the rule', async () => {
    const p = await c.personWithHistory({ matterType: 'foi' })
    const { browser, page: form } = await openAs(t, ['head_of_service'], `/people/${p.personId}/cases/new`)
    // Issue 13: FOI evidence is not offered, and the page says why, before anything is chosen.
    assert.match(pageText(form.body), /Not offered here: 1 contact about FOI or EIR requests\. .*\(S3\)/)
    const response = await browser.post(`/people/${p.personId}/cases/new`, openCaseForm(p))
    assert.equal(response.statusCode, 422)
    assert.match(pageText(response.body), /section 14.*\(rule S3\)/)
    assert.match(response.body, /href="#incidentIds"/)
  })

  test('F1: only a Head of Service sees the Open a case button; front-line staff do not see the cases (K6)', async () => {
    const p = await c.personWithHistory()
    const officer = await signedIn(t, ['case_officer'])
    const page = await officer.browser.get(`/people/${p.personId}`)
    assert.doesNotMatch(page.body, /cases\/new/)
    assert.match(pageText(page.body), /Cases under the procedure/)
    const frontline = await signedIn(t, ['frontline'])
    assert.doesNotMatch(pageText((await frontline.browser.get(`/people/${p.personId}`)).body), /Cases under/)
  })
})

describe('the case page', () => {
  test('F1–F10: the task list shows where the case stands; a case officer gets the warning link', async () => {
    const k = await c.openedCase()
    const { page } = await openAs(t, ['case_officer'], `/cases/${k.caseId}`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, new RegExp(`Gary Hollis ${k.reference}`), 'caption and h1')
    for (const step of [
      'Case opened',
      'Issue a warning',
      'Proposal',
      'Decisions',
      'Restriction letter',
      'Reviews',
      'Challenges',
    ])
      assert.match(text, new RegExp(step), step)
    assert.match(page.body, new RegExp(`href="/cases/${k.caseId}/warnings/new"`))
    assert.match(page.body, new RegExp(`href="/cases/${k.caseId}/proposals/new"`))
    assert.doesNotMatch(page.body, new RegExp(`href="/cases/${k.caseId}/close"`), 'a case officer cannot close')
  })

  test('K6: a Chief Executive sees no Issue a warning link; an auditor sees the case but no action links', async () => {
    const k = await decidedCase()
    const chief = await signedIn(t, ['chief_executive'])
    const page = await chief.browser.get(`/cases/${k.caseId}`)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(pageText(page.body), /Issue a warning/)
    assert.doesNotMatch(page.body, /warnings\/new|proposals\/new|challenges\/new/)
    const auditor = await signedIn(t, ['auditor'])
    const seen = await auditor.browser.get(`/cases/${k.caseId}`)
    assert.equal(seen.statusCode, 200)
    const text = pageText(seen.body)
    assert.match(text, /Proportionate to the abuse of staff/, 'the decisions with reasons')
    assert.match(text, /You can contact us by letter only/, 'the restriction in plain English')
    assert.match(text, /Active/)
    for (const action of [
      '/warnings/new',
      '/proposals/new',
      '/reviews/new',
      '/challenges/new',
      '/notice',
      '/interim',
      '/close',
    ])
      assert.ok(!seen.body.includes(action), `no ${action} link for an auditor`)
    assert.match(seen.body, new RegExp(`href="/letters/${k.noticeLetterId}"`), 'letters are linked')
    assert.match(seen.body, new RegExp(`href="/cases/${k.caseId}/file"`))
  })

  test('F7, F10: a Head of Service may review the restriction and record a challenge; a senior reviewer may not', async () => {
    const k = await decidedCase()
    const head = await signedIn(t, ['head_of_service'])
    const body = (await head.browser.get(`/cases/${k.caseId}`)).body
    assert.match(body, /\/restrictions\/[0-9a-f-]+\/reviews\/new/)
    assert.match(body, /\/restrictions\/[0-9a-f-]+\/challenges\/new/)
    assert.match(body, /\/warnings\/[0-9a-f-]+\/challenges\/new/)
    const reviewer = await signedIn(t, ['senior_reviewer'])
    const seen = (await reviewer.browser.get(`/cases/${k.caseId}`)).body
    assert.doesNotMatch(seen, /reviews\/new|challenges\/new/)
  })

  test('F8: an interim restriction shows the ratify-by date and the working days left', async () => {
    const k = await c.openedCase()
    const proposal = await c.proposeInterim(k.caseId, {
      justification: 'Came to the office with a weapon.',
      policeReference: 'NP-1',
    })
    ok(await c.chief.post(`/api/v1/proposals/${proposal.id}/interim`, {}))
    t.clock.now = new Date('2027-01-08T10:00:00Z') // Friday: 6 working days to Monday 18 January
    try {
      const { page } = await openAs(t, ['monitoring_officer'], `/cases/${k.caseId}`)
      const text = pageText(page.body)
      assert.match(text, /Must be ratified by 18 January 2027 — 6 working days left/)
      assert.match(text, /Not needed if immediate risk/)
      assert.match(page.body, new RegExp(`href="/proposals/${proposal.id}"`), 'the decision link for a decider')
    } finally {
      t.clock.now = new Date('2027-01-04T10:00:00Z')
    }
  })

  test('an unknown case is not found', async () => {
    const { browser } = await signedIn(t, ['head_of_service'])
    assert.equal((await browser.get('/cases/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    assert.equal((await browser.get('/cases/not-a-case')).statusCode, 404)
  })
})

describe('the warning', () => {
  test('F2, F3, F9: form → the letter to check → letter page with "Warning issued" → the PDF downloads', async () => {
    const k = await c.openedCase()
    const { browser, page: form } = await openAs(t, ['case_officer'], `/cases/${k.caseId}/warnings/new`)
    const lettersBefore = await rowCount(t, 'letter')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /name="monitoringWeeks"[^>]*value="8"/, 'the monitoring setting by default')
    assert.doesNotMatch(form.body, /name="largePrint"[^>]*checked/)
    const form6 = { ...warningBody, monitoringWeeks: '6' }
    // F9: first the letter as it will be sent, and nothing issued yet; the officer can go back with all they typed.
    const preview = await browser.post(`/cases/${k.caseId}/warnings/new`, form6)
    assert.equal(preview.statusCode, 200)
    assert.match(pageText(preview.body), /Check the letter before you issue it/)
    assert.match(pageText(preview.body), /On 2 November 2026 you shouted at and swore at an officer/)
    assert.equal(await rowCount(t, 'letter'), lettersBefore, 'nothing is issued by the preview')
    assert.equal((await rowsWhere(t, 'warning', { case_id: k.caseId })).length, 0)
    assert.match(preview.body, /name="monitoringWeeks" value="6"/, 'what was typed is carried')
    const back = await browser.post(`/cases/${k.caseId}/warnings/new`, { ...form6, letter: 'change' })
    assert.equal(back.statusCode, 200)
    assert.match(back.body, /name="monitoringWeeks"[^>]*value="6"/)
    assert.match(back.body, /On 2 November 2026 you shouted at and swore at an officer/)
    const response = await browser.post(`/cases/${k.caseId}/warnings/new`, { ...form6, letter: 'issue' })
    assert.equal(response.statusCode, 303)
    const location = String(response.headers.location)
    assert.match(location, /^\/letters\/[0-9a-f-]{36}\?done=warning$/)
    const letter = await browser.get(location)
    assert.equal(letter.statusCode, 200)
    const text = pageText(letter.body)
    assert.match(text, /Warning issued/)
    assert.match(text, /What happened/)
    assert.match(text, /On 2 November 2026 you shouted at and swore at an officer/)
    assert.match(text, /Fingerprint \(SHA-256\) [0-9a-f]{64}/)
    const id = location.split('/')[2]?.split('?')[0] ?? ''
    for (const href of [`/letters/${id}/pdf`, `/letters/${id}/docx`, `/letters/${id}/pdf?largePrint=true`])
      assert.ok(letter.body.includes(`href="${href}"`), href)
    const pdf = await browser.get(`/letters/${id}/pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF')
    assert.match(String(pdf.headers['content-disposition']), /attachment; filename="LTR-\d{4}-\d{6}\.pdf"/)
    const large = await browser.get(`/letters/${id}/docx?largePrint=true`)
    assert.equal(large.statusCode, 200)
    assert.match(String(large.headers['content-disposition']), /-large-print\.docx"/)
    const warning = await rowWhere(t, 'warning', { case_id: k.caseId })
    assert.equal(warning.monitoring_weeks, 6)
  })

  test('P5: large print is ticked when the agreed adjustments ask for it', async () => {
    const k = await c.openedCase({
      adjustments: [{ need: 'Sight loss', agreedAdjustment: 'Letters in large print' }],
    })
    const kase = { id: k.caseId }
    const { page: form } = await openAs(t, ['case_officer'], `/cases/${kase.id}/warnings/new`)
    assert.match(form.body, /name="largePrint" type="checkbox" value="true" checked/)
  })

  test('F3: validation errors keep what was typed', async () => {
    const k = await c.openedCase()
    const { browser } = await signedIn(t, ['case_officer'])
    await browser.get(`/cases/${k.caseId}/warnings/new`)
    const response = await browser.post(`/cases/${k.caseId}/warnings/new`, {
      ...warningBody,
      consequences: '',
      monitoringWeeks: '99',
    })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /href="#consequences"/)
    assert.match(response.body, /href="#monitoringWeeks"/)
    assert.match(pageText(response.body), /52 weeks or fewer/)
    assert.match(response.body, /Please speak to staff politely/)
    assert.match(response.body, /name="monitoringWeeks"[^>]*value="99"/)
  })

  test('K6: a Chief Executive may not issue a warning', async () => {
    const k = await c.openedCase()
    const { browser } = await signedIn(t, ['chief_executive'])
    assert.equal((await browser.get(`/cases/${k.caseId}/warnings/new`)).statusCode, 403)
  })
})

describe('correcting a letter', () => {
  test('letters guidance: staff correct a section; a new letter names the old one, which never changes', async () => {
    const kase = await c.openedCase()
    const warning = ok<{ letterId: string }>(await c.officer.post(`/api/v1/cases/${kase.caseId}/warnings`, warningBody))
    const { browser, page } = await openAs(t, ['case_officer'], `/letters/${warning.letterId}`)
    assert.match(page.body, /href="\/letters\/[0-9a-f-]{36}\/correct"/)
    const form = await browser.get(`/letters/${warning.letterId}/correct`)
    assert.equal(form.statusCode, 200)
    assert.match(pageText(form.body), /Correct this letter/)
    const noReason = await browser.post(`/letters/${warning.letterId}/correct`, {
      reason: '',
      'section-what_happened': 'On 3 November 2026 you shouted at an officer.',
    })
    assert.equal(noReason.statusCode, 422)
    assert.match(pageText(noReason.body), /There is a problem/)
    assert.match(noReason.body, /On 3 November 2026 you shouted at an officer\./, 'what was typed is kept')
    const corrected = await browser.post(`/letters/${warning.letterId}/correct`, {
      reason: 'The date was wrong.',
      'section-what_happened': 'On 3 November 2026 you shouted at an officer.',
    })
    assert.equal(corrected.statusCode, 303)
    const location = String(corrected.headers.location)
    assert.match(location, /^\/letters\/[0-9a-f-]{36}\?done=correction$/)
    const shown = pageText((await browser.get(location)).body)
    assert.match(shown, /Corrected letter issued/)
    assert.match(shown, /This letter corrects LTR-/)
    assert.match(shown, /On 3 November 2026 you shouted at an officer\./)
    const { browser: auditor } = await signedIn(t, ['auditor'])
    assert.doesNotMatch(
      (await auditor.get(`/letters/${warning.letterId}`)).body,
      /\/correct"/,
      'K4: auditors change nothing',
    )
    assert.equal((await auditor.get(`/letters/${warning.letterId}/correct`)).statusCode, 403)
  })
})

describe('the case file', () => {
  test('F1–F12: one printable page and one PDF with the decisions’ reasons and the letters’ references', async () => {
    const k = await decidedCase()
    const { browser, page } = await openAs(t, ['auditor'], `/cases/${k.caseId}/file`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    const warningRef = await letterRef(k.warningLetterId)
    const noticeRef = await letterRef(k.noticeLetterId)
    for (const expected of [
      'Incident: Aggressive or abusive behaviour',
      `Case ${k.reference} opened`,
      'Warning issued',
      'Restrictions proposed',
      'Proportionate to the abuse of staff',
      'Lawful and the least restrictive measure',
      warningRef,
      noticeRef,
    ])
      assert.ok(text.includes(expected), expected)
    assert.ok(text.indexOf('Incident:') < text.indexOf('Warning issued'), 'in date order')
    assert.ok(text.indexOf('Warning issued') < text.indexOf('Restrictions proposed'))

    const pdf = await browser.get(`/cases/${k.caseId}/file.pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF')
    const { text: pages } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })
    const flat = pages.replace(/\s+/g, ' ')
    for (const expected of [
      'Proportionate to the abuse of staff',
      'Lawful and the least restrictive measure',
      warningRef,
      noticeRef,
      'Page 1 of',
    ])
      assert.ok(flat.includes(expected), `PDF has ${expected}`)
  })
})

describe('closing a case', () => {
  test('F7: a case with a restriction in force cannot be closed: the refusal is shown with the rule', async () => {
    const k = await decidedCase()
    const { browser, page: form } = await openAs(t, ['head_of_service'], `/cases/${k.caseId}/close`)
    assert.equal(form.statusCode, 200)
    const response = await browser.post(`/cases/${k.caseId}/close`, { reason: 'Behaviour improved.' })
    assert.equal(response.statusCode, 422)
    assert.match(pageText(response.body), /lift it at a review first \(rule F7\)/)
    assert.match(response.body, /Behaviour improved\./)
  })

  test('F12: a closed case stays listed on the person page, and the case page says why it closed', async () => {
    const k = await c.openedCase()
    const { browser } = await signedIn(t, ['head_of_service'])
    await browser.get(`/cases/${k.caseId}/close`)
    const empty = await browser.post(`/cases/${k.caseId}/close`, { reason: '' })
    assert.equal(empty.statusCode, 422)
    assert.match(empty.body, /href="#reason"/)
    const response = await browser.post(`/cases/${k.caseId}/close`, { reason: 'The behaviour stopped.' })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/cases/${k.caseId}?done=closed`)
    const page = pageText((await browser.get(`/cases/${k.caseId}?done=closed`)).body)
    assert.match(page, /Case closed/)
    assert.match(page, /The behaviour stopped\./)
    const person = await browser.get(`/people/${k.personId}`)
    assert.match(person.body, new RegExp(`href="/cases/${k.caseId}"`))
    assert.match(pageText(person.body), /A closed case stays listed/)
  })
})
