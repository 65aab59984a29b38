import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { dateFields, pageText, signedIn } from '../../../test/helpers/app.ts'
import { caseBody, ok, procedureApp, proposalBody, warningBody, YEAR } from '../../../test/helpers/procedure.ts'

// Issue 11: every outcome is true. What the record holds, the letter says, and the contact check applies.

const { t, c } = await procedureApp()
after(() => t.close())

/** The proposal page's form for letters only, council-wide, for 2027, with these reasons. */
const lettersOnlyForm = (reasons: { rationale: string; letterReasons?: string }) => ({
  types: 'contact_method',
  'contact_method-channels': 'letter',
  'contact_method-scope': 'council',
  ...reasons,
  alternativesConsidered: 'A named officer',
  adjustmentsConsidered: 'None needed',
  ...dateFields('startsOn', 4, 1, 2027),
  ...dateFields('endsOn', 31, 12, 2027),
  ...dateFields('reviewOn', 30, 6, 2027),
})

describe('the notice (F9)', () => {
  test('F9: the restriction letter is issued with no body and no content type, as the contract writes it', async () => {
    const k = await c.restrictedCase({ notice: false })
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${k.proposalId}/notice`,
      headers: { authorization: c.officer.authorization },
    })
    assert.equal(response.statusCode, 201, response.body)
    const restriction = await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)
    assert.equal(restriction.body.status, 'active')
  })
})

describe('closing correspondence (F11)', () => {
  test('F11: a matter_closed restriction on a complaint closed before its process was exhausted is refused (422)', async () => {
    const w = await c.warnedCase()
    ok(
      await c.officer.post(`/api/v1/matters/${w.matterId}/close`, { outcome: 'not_upheld', processExhausted: false }),
      200,
    )
    const response = await c.head.post(
      `/api/v1/cases/${w.caseId}/proposals`,
      proposalBody(...YEAR, [
        { type: 'matter_closed', matterId: w.matterId, reply: 'acknowledge', scope: { councilWide: true } },
      ]),
    )
    assert.equal(response.status, 422)
    assert.equal(response.body.error.rule, 'F11')
    assert.equal(response.body.error.code, 'complaint_not_exhausted')
  })

  test('F11: accepted once the complaint is closed with the process exhausted', async () => {
    const k = await c.closedMatter('acknowledge')
    const restriction = await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)
    assert.equal(restriction.body.status, 'active')
  })
})

const lettersOf = async (personId: string) =>
  Number(
    (
      await t.services.db
        .selectFrom('letter')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow()
    ).n,
  )
const checkCall = async (personId: string) =>
  (await c.frontline.post('/api/v1/contact-checks', { personId, channel: 'phone', service: 'Waste' })).body
const lettersAndPhone = [{ type: 'contact_method', channels: ['letter', 'phone'], scope: { services: ['Waste'] } }]

describe('varying a restriction at its review (F7, F4)', () => {
  test('F7: a review that varies needs the new terms through the API (422)', async () => {
    const k = await c.restrictedCase()
    const response = await c.head.post(`/api/v1/restrictions/${k.restrictionId}/reviews`, {
      outcome: 'vary',
      reasons: 'Calls would now be manageable.',
    })
    assert.equal(response.status, 422)
    assert.equal(response.body.error.rule, 'F7')
  })

  test('F7, F4, F9: a variation is proposed with the new terms; nothing changes, and no letter claims a change, until its restriction letter ends the old terms', async () => {
    const k = await c.restrictedCase({ fullName: 'Vera Varied' })
    const before = await lettersOf(k.personId)
    const review = ok<{ id: string; proposalId: string; letterId: string | null }>(
      await c.head.post(`/api/v1/restrictions/${k.restrictionId}/reviews`, {
        outcome: 'vary',
        reasons: 'Calls would now be manageable.',
        variation: { restrictions: lettersAndPhone },
      }),
    )
    assert.ok(review.proposalId)
    assert.equal(review.letterId, null)
    assert.equal(await lettersOf(k.personId), before, 'no letter until the variation is decided')
    // The old terms stay in force while the decision-makers decide.
    assert.equal((await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body.status, 'active')
    assert.equal((await checkCall(k.personId)).verdict, 'redirect')

    await c.approve(review.proposalId)
    assert.equal((await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body.status, 'active')
    const notice = await c.issueNotice(review.proposalId)
    // The new restriction letter ends the old terms in the same transaction.
    const old = (await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body
    assert.equal(old.status, 'lifted')
    assert.equal(old.liftedReason, 'Replaced by a new decision')
    const kase = (await c.officer.get(`/api/v1/cases/${k.caseId}`)).body
    const varied = kase.restrictions.find((r: { proposalId: string }) => r.proposalId === review.proposalId)
    assert.equal(varied.status, 'active')
    assert.deepEqual(varied.channels, ['letter', 'phone'])
    assert.notEqual((await checkCall(k.personId)).verdict, 'redirect', 'the check applies the new terms')
    assert.equal(await lettersOf(k.personId), before + 1)
    assert.ok(notice.letterId)
  })

  test('F7: the reviews worklist says a variation is under way, and links to it rather than to another review', async () => {
    const k = await c.restrictedCase({ fullName: 'Wanda Worklist' })
    const review = ok<{ proposalId: string }>(
      await c.head.post(`/api/v1/restrictions/${k.restrictionId}/reviews`, {
        outcome: 'vary',
        reasons: 'Calls would now be manageable.',
        variation: { restrictions: lettersAndPhone },
      }),
    )
    const head = (await signedIn(t, ['head_of_service'], { services: ['Waste'] })).browser
    const row = async () => {
      const page = await head.get('/reviews')
      const rows = page.body.split('data-qa="review-row"').filter((r) => r.includes('Wanda Worklist'))
      return rows.map((r) => pageText(r)).join(' ')
    }
    const awaiting = await row()
    assert.match(awaiting, /Variation awaiting decision/)
    assert.match(awaiting, /See the variation/)
    assert.doesNotMatch(awaiting, /Review the restriction on Wanda/)
    await c.approve(review.proposalId)
    assert.match(await row(), /Variation approved: letter to issue/)
    await c.issueNotice(review.proposalId)
    const after = await row()
    assert.doesNotMatch(after, /Variation/, 'in force: the varied restriction is reviewed in its turn')
    assert.match(after, /Review/)
  })

  test('F4: the decision-makers may not propose the variation they will decide (403)', async () => {
    const k = await c.restrictedCase({ fullName: 'Chief Varies' })
    const response = await c.chief.post(`/api/v1/restrictions/${k.restrictionId}/reviews`, {
      outcome: 'vary',
      reasons: 'Calls would now be manageable.',
      variation: { restrictions: lettersAndPhone },
    })
    assert.equal(response.status, 403)
    assert.equal(response.body.error.rule, 'F4')
    assert.equal((await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body.status, 'active')
  })
})

describe('a challenge outcome is what it says (F10)', () => {
  const challenged = async (fullName: string) => {
    const k = await c.restrictedCase({ fullName })
    const challenge = await c.challenge('restrictions', k.restrictionId, {
      receivedOn: '2027-01-04',
      grounds: 'I need to phone about my bins.',
    })
    return { ...k, challengeId: challenge.id }
  }
  const decide = (challengeId: string, body: Record<string, unknown>) =>
    c.reviewer.post(`/api/v1/challenges/${challengeId}/decision`, body)

  test('F10: upheld lifts the restriction with the outcome letter, at once in the API and the check', async () => {
    const k = await challenged('Una Upheld')
    ok(await decide(k.challengeId, { outcome: 'upheld', reasons: 'Letters alone were not proportionate.' }))
    const restriction = (await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body
    assert.equal(restriction.status, 'lifted')
    assert.equal((await checkCall(k.personId)).verdict, 'proceed')
  })

  test('F10: varied puts lesser terms in force with the outcome letter and ends the challenged ones', async () => {
    const k = await challenged('Vic Varied')
    const decided = ok<{ letterId: string; restrictionId: string }>(
      await decide(k.challengeId, {
        outcome: 'varied',
        reasons: 'Calls are allowed as well as letters.',
        variation: { restrictions: lettersAndPhone, endsOn: '2027-09-30' },
      }),
    )
    const old = (await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body
    assert.equal(old.status, 'lifted')
    const lesser = (await c.officer.get(`/api/v1/restrictions/${decided.restrictionId}`)).body
    assert.equal(lesser.status, 'active')
    assert.deepEqual(lesser.channels, ['letter', 'phone'])
    assert.equal(lesser.endsOn, '2027-09-30')
    assert.equal(lesser.noticeIssuedOn, '2027-01-04')
    assert.notEqual((await checkCall(k.personId)).verdict, 'redirect')
    const letter = (await c.officer.get(`/api/v1/letters/${decided.letterId}`)).body
    const text = JSON.stringify(letter.sections)
    assert.match(text, /by letter or by telephone/i)
    assert.match(text, /30 September 2027/)
  })

  test('F10: varied may only lessen: more restrictive terms, a wider scope or a later end are refused, and nothing changes', async () => {
    const k = await challenged('Stella Stricter')
    for (const variation of [
      { restrictions: [{ type: 'contact_method', channels: ['email'], scope: { services: ['Waste'] } }] },
      { restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { councilWide: true } }] },
      { restrictions: lettersAndPhone, endsOn: '2028-01-31' },
      { restrictions: [{ type: 'contact_agreement', terms: 'Weekly call', scope: { services: ['Waste'] } }] },
    ]) {
      const response = await decide(k.challengeId, { outcome: 'varied', reasons: 'Changed.', variation })
      assert.equal(response.status, 422, JSON.stringify(variation))
      assert.equal(response.body.error.rule, 'F10')
    }
    assert.equal((await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body.status, 'active')
    const challenge = await t.services.db
      .selectFrom('challenge')
      .select('outcome')
      .where('id', '=', k.challengeId)
      .executeTakeFirstOrThrow()
    assert.equal(challenge.outcome, null)
  })

  test('F10: not upheld changes nothing', async () => {
    const k = await challenged('Ned Notupheld')
    ok(await decide(k.challengeId, { outcome: 'not_upheld', reasons: 'The restriction is proportionate.' }))
    assert.equal((await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body.status, 'active')
    assert.equal((await checkCall(k.personId)).verdict, 'redirect')
  })

  test('F10: a late challenge is recorded; the reviewer must say whether it is heard anyway and why, and the letter says so', async () => {
    const k = await c.restrictedCase({ fullName: 'Laura Late' })
    t.clock.now = new Date('2027-03-01T10:00:00Z')
    try {
      const late = await c.challenge('restrictions', k.restrictionId, {
        receivedOn: '2027-03-01',
        grounds: 'I was in hospital when the letter came.',
      })
      assert.equal(late.inTime, false)
      const refused = await decide(late.id, { outcome: 'upheld', reasons: 'No longer needed.' })
      assert.equal(refused.status, 422)
      assert.equal(refused.body.error.rule, 'F10')
      const heard = ok<{ letterId: string }>(
        await decide(late.id, {
          outcome: 'not_upheld',
          reasons: 'The restriction is still needed.',
          heardLate: true,
          heardLateReason: 'They were in hospital when the letter arrived.',
        }),
      )
      const letter = JSON.stringify((await c.officer.get(`/api/v1/letters/${heard.letterId}`)).body.sections)
      assert.match(letter, /after the time we allow for challenges, but we have looked at it anyway/)
      assert.match(letter, /in hospital when the letter arrived/)
    } finally {
      t.clock.now = new Date('2027-01-04T10:00:00Z')
    }
  })

  test('F10, F7: a review letter that continues a restriction says how to challenge it, and a challenge to it is in time', async () => {
    const k = await c.restrictedCase({ fullName: 'Connie Continued' })
    t.clock.now = new Date('2027-03-01T10:00:00Z')
    try {
      const review = ok<{ letterId: string }>(
        await c.head.post(`/api/v1/restrictions/${k.restrictionId}/reviews`, {
          outcome: 'continue',
          reasons: 'The calls have not stopped.',
          nextReviewOn: '2027-06-30',
        }),
      )
      const letter = (await c.officer.get(`/api/v1/letters/${review.letterId}`)).body
      assert.ok(letter.sections.some((s: { key: string }) => s.key === 'how_to_challenge'))
      // Eight weeks after the restriction letter, but within the window the review letter opened.
      t.clock.now = new Date('2027-03-05T10:00:00Z')
      const challenge = await c.challenge('restrictions', k.restrictionId, {
        receivedOn: '2027-03-05',
        grounds: 'Things have changed since January.',
      })
      assert.equal(challenge.inTime, true)
    } finally {
      t.clock.now = new Date('2027-01-04T10:00:00Z')
    }
  })
})

describe('the challenge page (F10)', () => {
  test('F10: a senior reviewer varies a challenged restriction on the page: the lesser terms, then the outcome letter', async () => {
    const k = await c.restrictedCase({ fullName: 'Paula Page' })
    const challenge = await c.challenge('restrictions', k.restrictionId, {
      receivedOn: '2027-01-04',
      grounds: 'Unfair.',
    })
    const reviewer = (await signedIn(t, ['senior_reviewer'])).browser
    const url = `/challenges/${challenge.id}`
    const form = await reviewer.get(url)
    assert.match(form.body, /If you vary it: the lesser terms/)
    assert.match(form.body, /name="variedChannels" type="checkbox" value="letter" checked/)
    const stricter = await reviewer.post(url, {
      outcome: 'varied',
      reasons: 'Changed.',
      variedChannels: 'email',
      variedServices: 'Waste',
    })
    assert.equal(stricter.statusCode, 422)
    assert.match(
      pageText(stricter.body),
      /A challenge can only lessen the restriction: keep every way of contact it allowed/,
    )
    assert.match(stricter.body, /href="#variedChannels"/)
    const done = await reviewer.post(url, {
      outcome: 'varied',
      reasons: 'Calls are allowed as well as letters.',
      variedChannels: ['letter', 'phone'],
      variedServices: 'Waste',
      letter: 'issue',
    })
    assert.equal(done.statusCode, 303)
    assert.equal((await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)).body.status, 'lifted')
    assert.notEqual((await checkCall(k.personId)).verdict, 'redirect')
  })

  test('F10: on the page, call times can be widened and a day added, never narrowed', async () => {
    const k = await c.restrictedCase({
      fullName: 'Tilly Times',
      restrictions: [
        {
          type: 'phone_times',
          windows: [{ day: 'tuesday', from: '10:00', to: '12:00' }],
          scope: { services: ['Waste'] },
        },
      ],
    })
    const challenge = await c.challenge('restrictions', k.restrictionId, {
      receivedOn: '2027-01-04',
      grounds: 'Unfair.',
    })
    const reviewer = (await signedIn(t, ['senior_reviewer'])).browser
    const url = `/challenges/${challenge.id}`
    const form = await reviewer.get(url)
    assert.match(form.body, /name="variedWindows-0-from"[^>]*value="10:00"/)
    assert.match(form.body, /name="variedWindows-0-to"[^>]*value="12:00"/)
    const narrower = await reviewer.post(url, {
      outcome: 'varied',
      reasons: 'Changed.',
      variedServices: 'Waste',
      'variedWindows-0-from': '10:30',
      'variedWindows-0-to': '12:00',
    })
    assert.equal(narrower.statusCode, 422)
    assert.match(pageText(narrower.body), /keep every call time it allowed, or widen it/)
    assert.match(narrower.body, /href="#variedWindows-0-from"/)
    assert.match(narrower.body, /name="variedWindows-0-from"[^>]*value="10:30"/, 'what was typed is kept')
    const done = await reviewer.post(url, {
      outcome: 'varied',
      reasons: 'You may call for longer, and on Thursdays too.',
      variedServices: 'Waste',
      'variedWindows-0-from': '09:00',
      'variedWindows-0-to': '13:00',
      'variedExtra-day': 'thursday',
      'variedExtra-from': '14:00',
      'variedExtra-to': '16:00',
      letter: 'issue',
    })
    assert.equal(done.statusCode, 303, done.body)
    const rows = await t.services.db
      .selectFrom('restriction')
      .select('terms')
      .where('person_id', '=', k.personId)
      .where('lifted_on', 'is', null)
      .where('superseded_by', 'is', null)
      .execute()
    assert.equal(rows.length, 1, 'the lesser terms replace the old ones')
    assert.deepEqual(rows[0]?.terms, {
      windows: [
        { day: 'tuesday', from: '09:00', to: '13:00' },
        { day: 'thursday', from: '14:00', to: '16:00' },
      ],
    })
  })

  test('F10: a late challenge on the page asks whether it is heard anyway, and why', async () => {
    const k = await c.restrictedCase({ fullName: 'Lenny Late' })
    t.clock.now = new Date('2027-03-01T10:00:00Z')
    try {
      const challenge = await c.challenge('restrictions', k.restrictionId, {
        receivedOn: '2027-03-01',
        grounds: 'Late.',
      })
      const reviewer = (await signedIn(t, ['senior_reviewer'])).browser
      const url = `/challenges/${challenge.id}`
      assert.match(pageText((await reviewer.get(url)).body), /Will you hear it anyway\?/)
      const missing = await reviewer.post(url, { outcome: 'not_upheld', reasons: 'Still needed.' })
      assert.equal(missing.statusCode, 422)
      assert.match(missing.body, /href="#heardLate"/)
      const done = await reviewer.post(url, {
        outcome: 'not_upheld',
        reasons: 'Still needed.',
        heardLate: 'no',
        heardLateReason: 'Nothing explains the delay of eight weeks.',
        letter: 'issue',
      })
      assert.equal(done.statusCode, 303)
    } finally {
      t.clock.now = new Date('2027-01-04T10:00:00Z')
    }
  })
})

describe('people known only by email are written to (F9)', () => {
  test('F9: a person with no postal address but an email address is warned by email: the letter names its recipient and method', async () => {
    const person = ok(
      await c.officer.post('/api/v1/people', { fullName: 'Emma Emailonly', emails: ['emma.emailonly@example.org'] }),
    )
    const contact = ok(
      await c.officer.post('/api/v1/contacts', {
        personId: person.id,
        channel: 'email',
        direction: 'inbound',
        at: '2026-12-01T10:00:00+00:00',
        summary: 'Abusive email',
      }),
    )
    const kase = ok(await c.head.post('/api/v1/cases', { ...caseBody(person.id, []), contactIds: [contact.id] }))
    const warning = ok<{ letterId: string }>(await c.officer.post(`/api/v1/cases/${kase.id}/warnings`, warningBody))
    const letter = (await c.officer.get(`/api/v1/letters/${warning.letterId}`)).body
    assert.deepEqual(letter.recipient, {
      fullName: 'Emma Emailonly',
      method: 'email',
      addressLines: [],
      email: 'emma.emailonly@example.org',
    })
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/letters/${warning.letterId}/pdf`,
      headers: { authorization: c.officer.authorization },
    })
    const { extractText } = await import('unpdf')
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })
    assert.match(text, /By email: emma\.emailonly@example\.org/)
  })

  test('F9: a letter to someone with a postal address goes by post', async () => {
    const k = await c.warnedCase({ fullName: 'Peter Post' })
    const letter = (await c.officer.get(`/api/v1/letters/${k.warningLetterId}`)).body
    assert.equal(letter.recipient.method, 'post')
    assert.deepEqual(letter.recipient.addressLines, ['12 Mill Lane', 'Northampton', 'NN1 1AA'])
  })
})

describe('the emergency path (F8)', () => {
  test('F8: an immediate-risk proposal rests on a recorded incident of that severity, not on free text alone (422)', async () => {
    const k = await c.openedCase({ fullName: 'Ivan Immediate' })
    const body = proposalBody(...YEAR)
    const justification = 'Threatened to harm an officer at the office.'
    const none = await c.head.post(`/api/v1/cases/${k.caseId}/proposals`, { ...body, immediateRisk: { justification } })
    assert.equal(none.status, 422)
    assert.equal(none.body.error.rule, 'F8')
    assert.ok(none.body.error.fields['immediateRisk.incidentId'])
    const lower = await c.head.post(`/api/v1/cases/${k.caseId}/proposals`, {
      ...body,
      immediateRisk: { justification, incidentId: k.incidentId },
    })
    assert.equal(lower.status, 422, 'the case incident was recorded as high, not an immediate risk')
    assert.equal(lower.body.error.rule, 'F8')
    const incidentId = await c.immediateRiskIncident(k.personId)
    const made = ok<{ id: string }>(
      await c.head.post(`/api/v1/cases/${k.caseId}/proposals`, {
        ...body,
        immediateRisk: { justification, incidentId },
      }),
    )
    const stored = await t.services.db
      .selectFrom('proposal')
      .select('immediate_risk_incident_id')
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow()
    assert.equal(stored.immediate_risk_incident_id, incidentId)
  })

  test('F8: the proposal page offers the person’s immediate-risk incidents and refuses without one', async () => {
    const k = await c.openedCase({ fullName: 'Irene Incident' })
    const head = (await signedIn(t, ['head_of_service'])).browser
    const form = await head.get(`/cases/${k.caseId}/proposals/new?types=contact_method`)
    assert.match(form.body, /data-qa="no-risk-incident"/)
    const incidentId = await c.immediateRiskIncident(k.personId, 'Shouted that he would come back with a knife')
    const again = await head.get(`/cases/${k.caseId}/proposals/new?types=contact_method`)
    assert.match(again.body, new RegExp(`name="immediateRiskIncidentId" type="radio" value="${incidentId}"`))
    assert.match(pageText(again.body), /Shouted that he would come back with a knife/)
  })
})

describe('letters read as written to the person (F9)', () => {
  test('F9: the restriction letter gives the reasons written to the person, never the rationale written for the file', async () => {
    const w = await c.warnedCase({ fullName: 'Wendy Written' })
    const forFile = 'HoS view: likely vexatious; see note from Cllr Smith; officer A off sick after call'
    const toPerson =
      'Since our letter of 4 January 2027, you have telephoned the Waste team again and shouted at an officer.'
    const proposal = await c.propose(w.caseId, {
      ...proposalBody(...YEAR),
      rationale: forFile,
      letterReasons: toPerson,
    })
    await c.approve(proposal.id)
    const notice = await c.issueNotice(proposal.id)
    const text = JSON.stringify((await c.officer.get(`/api/v1/letters/${notice.letterId}`)).body.sections)
    assert.match(text, /you have telephoned the Waste team again and shouted at an officer/)
    assert.doesNotMatch(text, /vexatious|Cllr Smith|off sick/)
  })

  test("F9: the proposal page asks for the letter's reasons as words to the person, apart from the rationale for the file", async () => {
    const w = await c.warnedCase({ fullName: 'Paula Page' })
    const head = (await signedIn(t, ['head_of_service'], { services: ['Waste'] })).browser
    const page = await head.get(`/cases/${w.caseId}/proposals/new?types=contact_method`)
    const text = pageText(page.body)
    assert.match(text, /Why, as the letter will tell Paula Page/)
    assert.match(text, /Write to Paula Page, as the letter will say it/)
    assert.match(text, /This is not put in the letter\./)
    const refused = await head.post(`/cases/${w.caseId}/proposals/new`, lettersOnlyForm({ rationale: 'For the file' }))
    assert.equal(refused.statusCode, 422)
    assert.match(refused.body, /href="#letterReasons">Enter why, as the letter will tell the person/)
  })
})

describe('a restriction follows a warning that did not work (F2, F9)', () => {
  const proposalsOf = async (caseId: string) =>
    (await t.services.db.selectFrom('proposal').select('id').where('case_id', '=', caseId).execute()).length
  const letterText = async (letterId: string) =>
    JSON.stringify((await c.officer.get(`/api/v1/letters/${letterId}`)).body.sections)

  test('F2: with nothing recorded since the warning, a proposal is refused (422) unless it says why a restriction is needed all the same', async () => {
    const w = await c.warnedCase({ fullName: 'Quentin Quiet', carriedOn: false })
    const body = proposalBody(...YEAR)
    const refused = await c.head.post(`/api/v1/cases/${w.caseId}/proposals`, body)
    assert.equal(refused.status, 422)
    assert.equal(refused.body.error.rule, 'F2')
    assert.equal(refused.body.error.code, 'nothing_since_warning')
    assert.match(refused.body.error.message, /Nothing has been recorded since the warning of 4 January 2027/)
    assert.ok(refused.body.error.fields.sinceWarningJustification)
    assert.equal(await proposalsOf(w.caseId), 0, 'nothing is stored')

    const justification = 'He has stopped calling but wrote to a neighbour that he will be back at the office'
    const proposal = await c.propose(w.caseId, { ...body, sinceWarningJustification: justification })
    const stored = await t.services.db
      .selectFrom('proposal')
      .select('since_warning_justification')
      .where('id', '=', proposal.id)
      .executeTakeFirstOrThrow()
    assert.equal(stored.since_warning_justification, justification)

    // The decision-makers see it beside what was recorded since the warning (nothing) ...
    const chief = (await signedIn(t, ['chief_executive'])).browser
    const decision = pageText((await chief.get(`/proposals/${proposal.id}`)).body)
    assert.match(decision, /Since the warning: 0 contacts and 0 incidents recorded\./)
    assert.match(decision, new RegExp(justification))

    // ... and the letter says only that we wrote, never that the problems continued.
    await c.approve(proposal.id)
    const notice = await c.issueNotice(proposal.id)
    const text = await letterText(notice.letterId)
    assert.match(text, /We wrote to you on 4 January 2027 about our concerns/)
    assert.doesNotMatch(text, /problems have continued/)
  })

  test('F2: the proposal page says what was recorded since the warning, and asks why only when nothing was', async () => {
    const quiet = await c.warnedCase({ fullName: 'Olive Quiet', carriedOn: false })
    const head = (await signedIn(t, ['head_of_service'], { services: ['Waste'] })).browser
    const page = await head.get(`/cases/${quiet.caseId}/proposals/new?types=contact_method`)
    assert.match(
      pageText(page.body),
      /Since the warning of 4 January 2027: 0 contacts from Olive Quiet and 0 incidents recorded/,
    )
    assert.match(page.body, /name="sinceWarningJustification"/)
    const refused = await head.post(
      `/cases/${quiet.caseId}/proposals/new`,
      lettersOnlyForm({
        rationale: 'Abusive calls',
        letterReasons: 'You have stopped calling, but you wrote that you would come to the office.',
      }),
    )
    assert.equal(refused.statusCode, 422)
    assert.match(refused.body, /href="#sinceWarningJustification">Nothing has been recorded since the warning/)
    assert.match(refused.body, /Abusive calls/, 'what the officer typed is kept')

    const carried = await c.warnedCase({ fullName: 'Carl Carried' })
    const other = await head.get(`/cases/${carried.caseId}/proposals/new?types=contact_method`)
    assert.match(
      pageText(other.body),
      /Since the warning of 4 January 2027: 1 contact from Carl Carried and 0 incidents recorded/,
    )
    assert.doesNotMatch(other.body, /name="sinceWarningJustification"/)
  })

  test('F2: with a contact recorded since the warning, it does', async () => {
    const w = await c.warnedCase({ fullName: 'Carla Continued' })
    t.clock.now = new Date('2027-01-05T10:00:00Z')
    try {
      ok(
        await c.officer.post('/api/v1/contacts', {
          personId: w.personId,
          channel: 'phone',
          direction: 'inbound',
          at: '2027-01-05T09:00:00+00:00',
          summary: 'Shouted at the officer again',
        }),
      )
      const proposal = await c.propose(w.caseId, proposalBody('2027-01-05', '2027-12-31', '2027-06-30'))
      await c.approve(proposal.id)
      const notice = await c.issueNotice(proposal.id)
      assert.match(await letterText(notice.letterId), /Since then, the problems have continued\./)
    } finally {
      t.clock.now = new Date('2027-01-04T10:00:00Z')
    }
  })
})
