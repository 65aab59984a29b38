import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { dateFields, pageText, signedIn } from '../../../test/helpers/app.ts'
import { rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'
import { procedureApp, proposalBody, YEAR, type PersonOptions } from '../../../test/helpers/procedure.ts'

// The proposal, decision, restriction letter and interim restriction pages (F2, F4, F5–F9, P2, P5, P6), through a
// browser that keeps cookies and CSRF tokens, without JavaScript.

const { t, c } = await procedureApp()
const head = (await signedIn(t, ['head_of_service'])).browser
const chief = (await signedIn(t, ['chief_executive'])).browser
const monitoring = (await signedIn(t, ['monitoring_officer'])).browser
after(() => t.close())

/** A case on an upheld complaint, now closed; warned (and the person carried on, F2) unless `warned` is false. */
async function openCase(options: { warned?: boolean; adjustments?: PersonOptions['adjustments'] } = {}) {
  const person = { adjustments: options.adjustments, matterClosed: 'upheld' as const }
  return (options.warned ?? true) ? c.warnedCase(person) : c.openedCase(person)
}

/** A complete form for a letters-only restriction in the Waste service. */
const letterOnly = (overrides: Record<string, string | string[]> = {}) => ({
  types: 'contact_method',
  'contact_method-channels': 'letter',
  'contact_method-scope': 'services',
  'contact_method-services': 'Waste',
  rationale: 'The abuse continued after the warning.',
  letterReasons: 'Since our letter, you have called twice more and sworn at officers.',
  alternativesConsidered: 'A named officer alone; it would not stop the calls.',
  adjustmentsConsidered: 'None recorded; none raised by the person.',
  ...dateFields('startsOn', 4, 1, 2027),
  ...dateFields('endsOn', 31, 12, 2027),
  ...dateFields('reviewOn', 30, 6, 2027),
  ...overrides,
})

async function proposeThroughPage(caseId: string, form: Record<string, string | string[]>) {
  await head.get(`/cases/${caseId}/proposals/new?types=contact_method`)
  return head.post(`/cases/${caseId}/proposals/new`, form)
}

const proposalIdOf = (location: unknown) => String(location).match(/^\/proposals\/([0-9a-f-]{36})/)?.[1] ?? ''

describe('proposing restrictions', () => {
  test('F5, F6, F7: the full form with every restriction type posts and the restrictions are stored', async () => {
    const k = await openCase()
    const first = await head.get(`/cases/${k.caseId}/proposals/new`)
    assert.equal(first.statusCode, 200)
    assert.match(pageText(first.body), /Which restrictions do you want to propose\?/)
    const types = ['contact_method', 'named_contact', 'phone_times', 'contact_agreement', 'matter_closed']
    const page = await head.get(`/cases/${k.caseId}/proposals/new?chosen=1&${types.map((x) => `types=${x}`).join('&')}`)
    assert.equal(page.statusCode, 200)
    for (const type of types) assert.match(page.body, new RegExp(`data-qa="restriction-${type}"`))
    assert.match(pageText(page.body), /At most 12 months after the start date/, 'F7: the limit is in the hint')
    assert.match(pageText(page.body), /CMP-\d{4}-\d+: Bin collections/, 'the closed matter is offered')

    const officer = c.officer.staff.id
    const deputy = c.frontline.staff.id
    const response = await head.post(`/cases/${k.caseId}/proposals/new`, {
      ...letterOnly(),
      types,
      'contact_method-channels': ['letter', 'email'],
      'contact_method-address': 'Customer Services, PO Box 1',
      'named_contact-staffUserId': officer,
      'named_contact-deputyStaffUserId': deputy,
      'named_contact-scope': 'council',
      'phone_times-tuesday-from': '9:30',
      'phone_times-tuesday-to': '11:00',
      'phone_times-thursday-from': '14:00',
      'phone_times-thursday-to': '15:00',
      'phone_times-maxCallMinutes': '20',
      'phone_times-scope': 'services',
      'phone_times-services': 'Waste, Housing',
      'contact_agreement-terms': 'One email a week, answered within ten working days.',
      ...dateFields('contact_agreement-agreedOn', 20, 12, 2026),
      'contact_agreement-scope': 'services',
      'contact_agreement-services': 'Waste',
      'matter_closed-matterId': k.matterId,
      'matter_closed-reply': 'file_without_acknowledgement',
      'matter_closed-scope': 'services',
      'matter_closed-services': 'Waste',
    })
    assert.equal(response.statusCode, 303, pageText(response.body).slice(0, 2000))
    const proposalId = proposalIdOf(response.headers.location)
    assert.ok(proposalId)
    const rows = await rowsWhere(t, 'restriction', { proposal_id: proposalId })
    const byType = new Map(rows.map((r) => [r.type, r]))
    assert.equal(rows.length, 5)
    assert.deepEqual(byType.get('contact_method')?.terms, {
      channels: ['letter', 'email'],
      address: 'Customer Services, PO Box 1',
    })
    assert.equal(byType.get('named_contact')?.council_wide, true)
    assert.deepEqual(byType.get('named_contact')?.terms, { staffUserId: officer, deputyStaffUserId: deputy })
    assert.deepEqual(byType.get('phone_times')?.terms, {
      windows: [
        { day: 'tuesday', from: '09:30', to: '11:00' },
        { day: 'thursday', from: '14:00', to: '15:00' },
      ],
      maxCallMinutes: 20,
    })
    assert.deepEqual(byType.get('phone_times')?.services, ['Waste', 'Housing'])
    assert.equal((byType.get('contact_agreement')?.terms as { agreedOn?: string }).agreedOn, '2026-12-20')
    assert.deepEqual(byType.get('matter_closed')?.terms, {
      matterId: k.matterId,
      reply: 'file_without_acknowledgement',
    })
    assert.equal(byType.get('matter_closed')?.ends_on, '2027-12-31')

    const shown = await head.get(String(response.headers.location))
    assert.equal(shown.statusCode, 200)
    const text = pageText(shown.body)
    assert.match(text, /Proposal sent to the Chief Executive and the Monitoring Officer/)
    assert.match(text, /You can contact us by letter or by email only, to Customer Services, PO Box 1\./)
    assert.match(text, new RegExp(`Please contact only ${c.officer.staff.name}, your named officer`))
    assert.match(text, /Each call can last up to 20 minutes/)
  })

  test('F7: a variation decided at a review is proposed as a new decision that replaces the restriction it varies', async () => {
    const k = await openCase()
    const existing = await c.propose(k.caseId, proposalBody(...YEAR))
    const old = existing.restrictionIds[0] ?? ''
    const chooser = await head.get(`/cases/${k.caseId}/proposals/new?supersedes=${old}`)
    assert.match(pageText(chooser.body), /it replaces: You can contact us by letter only/)
    assert.match(chooser.body, new RegExp(`name="supersedes" value="${old}"`))
    const page = await head.get(`/cases/${k.caseId}/proposals/new?chosen=1&types=contact_method&supersedes=${old}`)
    assert.match(page.body, new RegExp(`name="supersedes" value="${old}"`))
    const response = await head.post(`/cases/${k.caseId}/proposals/new`, {
      ...letterOnly({ 'contact_method-channels': ['letter', 'email'] }),
      supersedes: old,
    })
    assert.equal(response.statusCode, 303)
    const stored = await rowWhere(t, 'proposal', { id: proposalIdOf(response.headers.location) })
    assert.deepEqual(stored.supersedes, [old])
  })

  test('F5: choosing no restriction type says so on the first page', async () => {
    const k = await openCase()
    const page = await head.get(`/cases/${k.caseId}/proposals/new?chosen=1`)
    assert.equal(page.statusCode, 422)
    assert.match(page.body, /href="#types"/)
    assert.match(pageText(page.body), /Choose at least one restriction/)
  })

  test('validation errors keep what was typed and link to each field', async () => {
    const k = await openCase()
    await head.get(`/cases/${k.caseId}/proposals/new?types=contact_method&types=phone_times`)
    const response = await head.post(`/cases/${k.caseId}/proposals/new`, {
      ...letterOnly(),
      types: ['contact_method', 'phone_times'],
      'contact_method-channels': [],
      'contact_method-address': 'Typed address',
      'phone_times-tuesday-from': '10:00',
      'phone_times-tuesday-to': '09:00',
      'phone_times-scope': 'council',
      ...dateFields('endsOn', 31, 2, 2027),
      alternativesConsidered: '',
    })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /<title>Error: /)
    for (const href of [
      '#contact_method-channels',
      '#phone_times-tuesday-to',
      '#endsOn-day',
      '#alternativesConsidered',
    ]) {
      assert.match(response.body, new RegExp(`href="${href}"`), `the error summary links to ${href}`)
    }
    for (const id of ['contact_method-channels', 'phone_times-tuesday-to', 'endsOn-day', 'alternativesConsidered']) {
      assert.match(response.body, new RegExp(`id="${id}"`), `${id} is on the page`)
    }
    const text = pageText(response.body)
    assert.match(text, /Choose at least one way the person may still contact the council/)
    assert.match(text, /The window must end after it starts/)
    assert.match(text, /The end date must be a real date/)
    assert.match(response.body, />The abuse continued after the warning\.<\/textarea>/, 'the rationale is kept')
    assert.match(response.body, />Typed address<\/textarea>/)
    assert.match(response.body, /name="phone_times-tuesday-from"[^>]*value="10:00"/)
    assert.match(response.body, /name="endsOn-day"[^>]*value="31"/)
    assert.match(response.body, /value="council" checked/, 'the scope chosen stays chosen')
  })

  test('F2: without a warning, the proposal is refused with the rule, unless an immediate risk is explained (F8)', async () => {
    const k = await openCase({ warned: false })
    const response = await proposeThroughPage(k.caseId, letterOnly())
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /href="#immediateRiskJustification"/)
    assert.match(pageText(response.body), /A restriction follows a written warning\..*\(rule F2\)/)
    const risky = await proposeThroughPage(
      k.caseId,
      letterOnly({
        immediateRiskJustification: 'Threatened to harm an officer.',
        immediateRiskIncidentId: await c.immediateRiskIncident(k.personId),
        policeReference: 'NP-123',
      }),
    )
    assert.equal(risky.statusCode, 303)
  })

  test('F7: an end date more than 12 months after the start is refused with the rule, linked to the end date', async () => {
    const k = await openCase()
    const response = await proposeThroughPage(k.caseId, letterOnly(dateFields('endsOn', 5, 1, 2028)))
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /href="#endsOn-day"/)
    assert.match(pageText(response.body), /A restriction can last at most 12 months.*\(rule F7\)/)
  })

  test('P5: a restriction that conflicts with an agreed adjustment needs a justification', async () => {
    const k = await openCase({
      adjustments: [{ need: 'Dyslexia', agreedAdjustment: 'Telephone contact instead of letters' }],
    })
    const page = await head.get(`/cases/${k.caseId}/proposals/new?types=contact_method`)
    assert.match(pageText(page.body), /Telephone contact instead of letters/, 'the agreed adjustments are shown')
    const response = await head.post(`/cases/${k.caseId}/proposals/new`, letterOnly())
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /href="#adjustmentConflictJustification"/)
    assert.match(pageText(response.body), /relies on telephone.*\(rule P5\)/)
    const justified = await head.post(
      `/cases/${k.caseId}/proposals/new`,
      letterOnly({ adjustmentConflictJustification: 'Calls were used to abuse staff; letters are read aloud.' }),
    )
    assert.equal(justified.statusCode, 303)
  })
})

describe('deciding', () => {
  test('P2, F4: the decision page shows the counterweights and hides the form from the proposer, saying why', async () => {
    const k = await openCase()
    const proposalId = proposalIdOf((await proposeThroughPage(k.caseId, letterOnly())).headers.location)
    const page = await head.get(`/proposals/${proposalId}`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Distinct matters raised 1 Complaints 1 Complaints upheld 1 Complaints partly upheld 0/)
    assert.match(text, /Called the officer names/, 'the incident the case relies on')
    // F2: the call recorded after the warning (the cast's person carried on) is shown to the decision-makers.
    assert.match(
      text,
      /Since the warning: 1 contact and 0 incidents recorded\. Contacts since the warning .* Called again about the bins/,
    )
    assert.match(text, /You proposed this restriction, so you cannot decide on it.*\(rule F4\)/)
    assert.doesNotMatch(page.body, /data-qa="decision-form"/)
    const asChief = await chief.get(`/proposals/${proposalId}`)
    assert.match(asChief.body, /data-qa="decision-form"/)
    assert.match(pageText(asChief.body), /Your decision as Chief Executive/)
  })

  test('F4: a decision needs reasons; the error keeps the choice and links to the field', async () => {
    const k = await openCase()
    const proposalId = proposalIdOf((await proposeThroughPage(k.caseId, letterOnly())).headers.location)
    await chief.get(`/proposals/${proposalId}`)
    const response = await chief.post(`/proposals/${proposalId}/decisions`, { decision: 'approve', reasons: '' })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /href="#reasons"/)
    assert.match(response.body, /value="approve" checked/)
  })

  test('F4, F9: two approvals, then the notice page issues the restriction letter', async () => {
    const k = await openCase()
    const proposalId = proposalIdOf((await proposeThroughPage(k.caseId, letterOnly())).headers.location)

    const early = await head.get(`/proposals/${proposalId}/notice`)
    assert.equal(early.statusCode, 200)
    assert.match(pageText(early.body), /must both approve before the restriction letter is issued \(rule F4\)/)
    assert.doesNotMatch(early.body, /data-qa="issue-notice"/)

    await chief.get(`/proposals/${proposalId}`)
    const first = await chief.post(`/proposals/${proposalId}/decisions`, {
      decision: 'approve',
      counterweightsConsidered: 'One complaint, upheld; the abuse of staff is not explained by it (P2).',
      reasons: 'Proportionate.',
    })
    assert.equal(first.statusCode, 303)
    const again = await chief.get(`/proposals/${proposalId}`)
    assert.match(pageText(again.body), /You have already recorded your decision on this proposal \(rule F4\)/)
    const otherChief = (await signedIn(t, ['chief_executive'])).browser
    const roleDecided = pageText((await otherChief.get(`/proposals/${proposalId}`)).body)
    assert.match(roleDecided, /The Chief Executive has already decided on this proposal \(rule F4\)/)
    await monitoring.get(`/proposals/${proposalId}`)
    const second = await monitoring.post(`/proposals/${proposalId}/decisions`, {
      decision: 'approve',
      counterweightsConsidered: 'One complaint, upheld; the abuse of staff is not explained by it (P2).',
      reasons: 'Lawful.',
    })
    assert.equal(second.statusCode, 303)

    const decided = pageText((await head.get(`/proposals/${proposalId}`)).body)
    assert.match(decided, /Chief Executive: approved .* Proportionate\./)
    assert.match(decided, /Monitoring Officer: approved .* Lawful\./)

    const notice = await head.get(`/proposals/${proposalId}/notice`)
    const text = pageText(notice.body)
    assert.match(text, /In force from 4 January 2027 Ends 31 December 2027 First review 30 June 2027/)
    assert.match(text, /Chief Executive and .*Monitoring Officer/)
    const preview = await head.post(`/proposals/${proposalId}/notice`, { largePrint: 'yes' })
    assert.equal(preview.statusCode, 200)
    assert.match(pageText(preview.body), /Check the letter before you issue it/)
    assert.match(pageText(preview.body), /We are limiting how you can contact us/)
    assert.equal((await rowWhere(t, 'proposal', { id: proposalId })).notice_letter_id, null, 'not yet issued')
    const issued = await head.post(`/proposals/${proposalId}/notice`, { largePrint: 'yes', letter: 'issue' })
    assert.equal(issued.statusCode, 303)
    assert.match(String(issued.headers.location), /\?done=notice$/, 'the letter page says the letter was issued')
    const letterId = String(issued.headers.location).replace('/letters/', '').replace('?done=notice', '')
    const proposal = await rowWhere(t, 'proposal', { id: proposalId })
    assert.equal(proposal.notice_letter_id, letterId)
    const letter = await t.services.db
      .selectFrom('letter')
      .select(['type', 'large_print'])
      .where('id', '=', letterId)
      .executeTakeFirstOrThrow()
    assert.deepEqual(letter, { type: 'restriction', large_print: true })
    const twice = await head.post(`/proposals/${proposalId}/notice`, { letter: 'issue' })
    assert.equal(twice.statusCode, 422)
    assert.match(pageText(twice.body), /already been issued \(rule F9\)/)
  })

  test('F8: an interim restriction is imposed at once, with the ratify-by date, and the decision page counts down', async () => {
    const k = await openCase({ warned: false })
    const proposed = await proposeThroughPage(
      k.caseId,
      letterOnly({
        immediateRiskJustification: 'Threatened to harm an officer at the office.',
        immediateRiskIncidentId: await c.immediateRiskIncident(k.personId),
      }),
    )
    const proposalId = proposalIdOf(proposed.headers.location)
    const asProposer = await head.get(`/proposals/${proposalId}`)
    assert.match(pageText(asProposer.body), /Threatened to harm an officer at the office\./)

    const page = await chief.get(`/proposals/${proposalId}/interim`)
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /within 10 working days, by 18 January 2027/)
    const preview = await chief.post(`/proposals/${proposalId}/interim`, {})
    assert.equal(preview.statusCode, 200)
    assert.match(pageText(preview.body), /Check the letter before you issue it/)
    assert.equal((await rowWhere(t, 'proposal', { id: proposalId })).interim_imposed_on, null, 'not yet imposed')
    const imposed = await chief.post(`/proposals/${proposalId}/interim`, { letter: 'issue' })
    assert.equal(imposed.statusCode, 303)
    assert.match(String(imposed.headers.location), /^\/letters\/[0-9a-f-]{36}\?done=interim$/)

    const countdown = pageText((await monitoring.get(`/proposals/${proposalId}`)).body)
    assert.match(countdown, /Both decision-makers must confirm it by 18 January 2027: 10 working days left\./)
    const again = await chief.get(`/proposals/${proposalId}/interim`)
    assert.match(pageText(again.body), /The interim restriction is already in place \(rule F8\)/)
    assert.doesNotMatch(again.body, /data-qa="impose-interim"/)
  })
})
