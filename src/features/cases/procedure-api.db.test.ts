import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { apiAs, type Api } from '../../../test/helpers/app.ts'
import { requiredSections, sectionHeadings } from '../../domain/letters.ts'
import { caseBody, ok, procedureApp, proposalBody, warningBody } from '../../../test/helpers/procedure.ts'

// The formal procedure through the API, one test per rule id (F1–F12, P5, P6, S2, S3).

const { t, c } = await procedureApp()
after(() => t.close())

/** A review of a restriction, asked of the API by this member of staff. */
const review = (api: Api, restrictionId: string, body: Record<string, string>) =>
  api.post(`/api/v1/restrictions/${restrictionId}/reviews`, body)

/** A decision on a challenge, asked of the API by this member of staff. */
const decide = (api: Api, challengeId: string, outcome: string, reasons: string) =>
  api.post(`/api/v1/challenges/${challengeId}/decision`, { outcome, reasons })

/** A file (a letter's PDF or Word document) downloaded with the Head of Service's token. */
const download = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: c.head.authorization } })

describe('opening a case', () => {
  test('F1: a Head of Service opens a case stating the measures tried and the evidence', async () => {
    const p = await c.personWithHistory()
    const response = await c.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId]))
    assert.equal(response.status, 201)
    assert.match(response.body.reference, /^CASE-2027-\d{6}$/)
    assert.equal(response.body.status, 'open')
  })

  test('F1: only a Head of Service opens a case, and a case needs evidence', async () => {
    const p = await c.personWithHistory()
    assert.equal((await c.officer.post('/api/v1/cases', caseBody(p.personId, [p.incidentId]))).status, 403)
    const empty = await c.head.post('/api/v1/cases', caseBody(p.personId, []))
    assert.equal(empty.status, 422)
    assert.equal(empty.body.error.rule, 'F1')
    const missing = await c.head.post('/api/v1/cases', { personId: p.personId })
    assert.equal(missing.status, 400)
    assert.ok(missing.body.error.fields.businessAsUsualMeasures)
    assert.ok(missing.body.error.fields.adjustmentsConsidered, 'P5: how adjustments were considered is required')
  })

  test('S2: a councillor cannot be the subject of a case; the refusal says where it goes', async () => {
    const p = await c.personWithHistory({ fullName: 'Cllr Ann Other', isCouncillor: true })
    const response = await c.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId]))
    assert.equal(response.status, 422)
    assert.equal(response.body.error.rule, 'S2')
    assert.match(response.body.error.message, /Standards Committee/)
  })

  test('S3: a case resting only on FOI/EIR requests is refused and pointed to the statutory process', async () => {
    const p = await c.personWithHistory({ matterType: 'foi' })
    const response = await c.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId]))
    assert.equal(response.status, 422)
    assert.equal(response.body.error.rule, 'S3')
    assert.match(response.body.error.message, /section 14/)
  })
})

describe('warning', () => {
  test('F2, F3: the warning is written to the person, with the monitoring period (8 weeks by default)', async () => {
    const w = await c.warnedCase()
    const kase = ok<{ warnings: { monitoringEndsOn: string; letterId: string }[] }>(
      await c.head.get(`/api/v1/cases/${w.caseId}`),
      200,
    )
    assert.equal(kase.warnings[0]?.monitoringEndsOn, '2027-03-01')
    const letter = ok<{ type: string; sections: { key: string }[] }>(
      await c.head.get(`/api/v1/letters/${w.warningLetterId}`),
      200,
    )
    assert.equal(letter.type, 'warning')
    for (const key of [
      'what_happened',
      'why_a_problem',
      'what_we_ask',
      'what_may_happen',
      'monitoring',
      'facts_wrong',
    ]) {
      assert.ok(
        letter.sections.some((s) => s.key === key),
        `F3: the warning letter has ${key}`,
      )
    }
  })

  test('F3: a warning can be challenged on its facts (F10)', async () => {
    const w = await c.warnedCase()
    const response = await c.officer.post(`/api/v1/warnings/${w.warningId}/challenges`, {
      receivedOn: '2027-01-04',
      grounds: 'I was not the caller on 2 November.',
    })
    assert.equal(response.status, 201)
    assert.equal(response.body.respondBy, '2027-01-18')
  })
})

describe('proposal', () => {
  test('F2: no restriction without a prior warning, unless the immediate risk is recorded (F8)', async () => {
    const opened = await c.openedCase()
    const kase = { id: opened.caseId }
    const body = proposalBody('2027-01-04', '2027-12-31', '2027-06-30')
    const refused = await c.head.post(`/api/v1/cases/${kase.id}/proposals`, body)
    assert.equal(refused.status, 422)
    assert.equal(refused.body.error.rule, 'F2')
    const immediate = await c.head.post(`/api/v1/cases/${kase.id}/proposals`, {
      ...body,
      immediateRisk: {
        justification: 'Threatened to harm an officer at the office.',
        incidentId: await c.immediateRiskIncident(opened.personId),
        policeReference: 'NP-2027-1',
      },
    })
    assert.equal(immediate.status, 201)
    assert.equal(immediate.body.status, 'awaiting_decision')
  })

  test('F7: the end at most 12 months after the start, the first review within 6 months', async () => {
    const w = await c.warnedCase()
    const tooLong = await c.head.post(
      `/api/v1/cases/${w.caseId}/proposals`,
      proposalBody('2027-01-04', '2028-01-05', '2027-06-30'),
    )
    assert.equal(tooLong.status, 422)
    assert.equal(tooLong.body.error.rule, 'F7')
    assert.ok(tooLong.body.error.fields.endsOn)
    const lateReview = await c.head.post(
      `/api/v1/cases/${w.caseId}/proposals`,
      proposalBody('2027-01-04', '2027-12-31', '2027-07-05'),
    )
    assert.equal(lateReview.status, 422)
    assert.ok(lateReview.body.error.fields.reviewOn)
    const exact = await c.head.post(
      `/api/v1/cases/${w.caseId}/proposals`,
      proposalBody('2027-01-04', '2028-01-04', '2027-07-04'),
    )
    assert.equal(exact.status, 201, 'exactly 12 and 6 months is allowed')
  })

  test('F5, F6: each restriction type is stored with its scope and read back as the contract writes it', async () => {
    const staff = c.officer.staff.id
    const w = await c.restrictedCase({
      notice: false,
      restrictions: [
        { type: 'contact_method', channels: ['letter', 'email'], address: 'PO Box 1', scope: { services: ['Waste'] } },
        { type: 'named_contact', staffUserId: staff, scope: { councilWide: true } },
        {
          type: 'phone_times',
          windows: [{ day: 'tuesday', from: '10:00', to: '12:00' }],
          maxCallMinutes: 20,
          scope: { councilWide: true },
        },
        { type: 'contact_agreement', terms: 'One email a week', scope: { services: ['Housing', 'Waste'] } },
      ],
    })
    const kase = ok<{
      restrictions: { type: string; scope: unknown; channels?: string[]; windows?: unknown[]; staffUserId?: string }[]
    }>(await c.head.get(`/api/v1/cases/${w.caseId}`), 200)
    assert.deepEqual(kase.restrictions.map((r) => r.type).sort(), [
      'contact_agreement',
      'contact_method',
      'named_contact',
      'phone_times',
    ])
    const method = kase.restrictions.find((r) => r.type === 'contact_method')
    assert.deepEqual(method?.channels, ['letter', 'email'])
    assert.deepEqual(method?.scope, { services: ['Waste'] })
    assert.equal(kase.restrictions.find((r) => r.type === 'named_contact')?.staffUserId, staff)
  })

  test('F11, S3: correspondence can be closed only on a closed matter, never on an FOI request', async () => {
    const w = await c.warnedCase()
    const open = await c.head.post(
      `/api/v1/cases/${w.caseId}/proposals`,
      proposalBody('2027-01-04', '2027-12-31', '2027-06-30', [
        { type: 'matter_closed', matterId: w.matterId, reply: 'acknowledge', scope: { councilWide: true } },
      ]),
    )
    assert.equal(open.status, 422)
    assert.equal(open.body.error.rule, 'F11')
    ok(
      await c.officer.post(`/api/v1/matters/${w.matterId}/close`, { outcome: 'not_upheld', processExhausted: true }),
      200,
    )
    const closed = await c.head.post(
      `/api/v1/cases/${w.caseId}/proposals`,
      proposalBody('2027-01-04', '2027-12-31', '2027-06-30', [
        {
          type: 'matter_closed',
          matterId: w.matterId,
          reply: 'file_without_acknowledgement',
          scope: { councilWide: true },
        },
      ]),
    )
    assert.equal(closed.status, 201)
  })

  test('P5: a restriction that takes away an agreed adjustment needs an explicit justification', async () => {
    const w = await c.warnedCase({
      adjustments: [{ need: 'Dyslexia', agreedAdjustment: 'Telephone contact rather than letters' }],
    })
    const kase = { id: w.caseId }
    const body = proposalBody('2027-01-04', '2027-12-31', '2027-06-30')
    const refused = await c.head.post(`/api/v1/cases/${kase.id}/proposals`, body)
    assert.equal(refused.status, 422)
    assert.equal(refused.body.error.rule, 'P5')
    assert.match(refused.body.error.message, /telephone/i)
    const justified = await c.head.post(`/api/v1/cases/${kase.id}/proposals`, {
      ...body,
      adjustmentConflictJustification: 'A weekly call from the named officer keeps the adjustment; other calls stop.',
    })
    assert.equal(justified.status, 201)
  })

  test('P6: the alternatives considered are required', async () => {
    const w = await c.warnedCase()
    const body = { ...proposalBody('2027-01-04', '2027-12-31', '2027-06-30'), alternativesConsidered: '  ' }
    const response = await c.head.post(`/api/v1/cases/${w.caseId}/proposals`, body)
    assert.equal(response.status, 400)
    assert.ok(response.body.error.fields.alternativesConsidered)
  })
})

describe('decision and notice', () => {
  test('F4: the proposer may not decide; a second decision in the same role is a conflict', async () => {
    const w = await c.warnedCase()
    const dualHead = await import('../../../test/helpers/app.ts').then((m) =>
      m.apiAs(t, ['head_of_service', 'chief_executive']),
    )
    const proposal = ok(
      await dualHead.post(
        `/api/v1/cases/${w.caseId}/proposals`,
        proposalBody('2027-01-04', '2027-12-31', '2027-06-30'),
      ),
    )
    const own = await dualHead.post(`/api/v1/proposals/${proposal.id}/decisions`, {
      decision: 'approve',
      reasons: 'Mine.',
    })
    assert.equal(own.status, 403)
    assert.equal(own.body.error.rule, 'F4')
    ok(await c.chief.post(`/api/v1/proposals/${proposal.id}/decisions`, { decision: 'approve', reasons: 'Yes.' }))
    const again = await c.chief.post(`/api/v1/proposals/${proposal.id}/decisions`, {
      decision: 'approve',
      reasons: 'Yes.',
    })
    assert.equal(again.status, 409)
    const otherChief = await apiAs(t, ['chief_executive'])
    const sameRole = await otherChief.post(`/api/v1/proposals/${proposal.id}/decisions`, {
      decision: 'approve',
      reasons: 'Me too.',
    })
    assert.equal(sameRole.status, 409)
    assert.equal(
      (await c.frontline.post(`/api/v1/proposals/${proposal.id}/decisions`, { decision: 'approve', reasons: 'x' }))
        .status,
      403,
    )
  })

  test('F4: either decision-maker can reject, and a rejected proposal never comes into force', async () => {
    const w = await c.warnedCase()
    const proposal = await c.propose(w.caseId, proposalBody('2027-01-04', '2027-12-31', '2027-06-30'))
    const rejected = ok<{ proposalStatus: string }>(
      await c.monitoring.post(`/api/v1/proposals/${proposal.id}/decisions`, {
        decision: 'reject',
        reasons: 'Not proportionate.',
      }),
    )
    assert.equal(rejected.proposalStatus, 'rejected')
    const notice = await c.officer.post(`/api/v1/proposals/${proposal.id}/notice`, {})
    assert.equal(notice.status, 422)
    const restriction = ok<{ status: string }>(
      await c.head.get(`/api/v1/restrictions/${proposal.restrictionIds[0]}`),
      200,
    )
    assert.equal(restriction.status, 'rejected')
  })

  test('F9: a restriction is in force only once the letter is issued, from its start date', async () => {
    const w = await c.warnedCase()
    const proposal = await c.propose(w.caseId, proposalBody('2027-01-04', '2027-12-31', '2027-06-30'))
    const early = await c.officer.post(`/api/v1/proposals/${proposal.id}/notice`, {})
    assert.equal(early.status, 422, 'F9: not before both have approved')
    await c.approve(proposal.id)
    const url = `/api/v1/restrictions/${proposal.restrictionIds[0]}`
    assert.equal(ok<{ status: string }>(await c.head.get(url), 200).status, 'approved', 'approved is not yet in force')
    const notice = await c.issueNotice(proposal.id)
    assert.equal(ok<{ status: string }>(await c.head.get(url), 200).status, 'active')
    const letter = ok<{ type: string; sections: { key: string }[] }>(
      await c.head.get(`/api/v1/letters/${notice.letterId}`),
      200,
    )
    assert.equal(letter.type, 'restriction')
    for (const key of ['why', 'what_we_are_doing', 'how_long', 'how_to_contact', 'how_to_challenge', 'ombudsman']) {
      assert.ok(
        letter.sections.some((s) => s.key === key),
        `F9: the restriction letter has ${key}`,
      )
    }
    assert.equal((await c.officer.post(`/api/v1/proposals/${proposal.id}/notice`, {})).status, 409, 'issued once')
    // The PDF the person receives: its text holds every required section, both decision-makers and the dates.
    const pdf = await download(`/api/v1/letters/${notice.letterId}/pdf`)
    const { extractText, getDocumentProxy } = await import('unpdf')
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })
    for (const key of requiredSections.restriction) {
      assert.ok(text.includes(sectionHeadings[key] ?? key), `F9: the PDF has “${sectionHeadings[key]}”`)
    }
    assert.match(text, /Page 1 of \d/)
    assert.match(text, /End of letter/)
    assert.match(text, /31 December 2027/, 'the end date written out')
    assert.ok(text.includes(c.chief.staff.name) && text.includes(c.monitoring.staff.name), 'F4: both sign')
  })

  test('F7: a restriction past its end date reads lapsed with no job having run', async () => {
    const a = await c.restrictedCase()
    const url = `/api/v1/restrictions/${a.restrictionId}`
    t.clock.now = new Date('2027-12-31T23:30:00Z')
    assert.equal(ok<{ status: string }>(await c.head.get(url), 200).status, 'active', 'in force on its last day')
    t.clock.now = new Date('2028-01-01T00:30:00Z')
    assert.equal(ok<{ status: string }>(await c.head.get(url), 200).status, 'lapsed')
    t.clock.now = new Date('2027-01-04T10:00:00Z')
  })
})

describe('interim restriction', () => {
  test('F8: imposed at once by a decision-maker, written to the person, and lapses if not ratified within 10 working days', async () => {
    const k = await c.openedCase()
    const proposal = await c.proposeInterim(k.caseId, {
      justification: 'Came to the office with a weapon.',
      policeReference: 'NP-1',
    })
    assert.equal((await c.officer.post(`/api/v1/proposals/${proposal.id}/interim`, {})).status, 403)
    const interim = ok<{ letterId: string; ratifyBy: string }>(
      await c.chief.post(`/api/v1/proposals/${proposal.id}/interim`, {}),
    )
    assert.equal(interim.ratifyBy, '2027-01-18')
    const url = `/api/v1/restrictions/${proposal.restrictionIds[0]}`
    assert.equal(ok<{ status: string }>(await c.head.get(url), 200).status, 'active')
    const letter = ok<{ type: string }>(await c.head.get(`/api/v1/letters/${interim.letterId}`), 200)
    assert.equal(letter.type, 'interim_restriction')
    t.clock.now = new Date('2027-01-19T10:00:00Z')
    assert.equal(ok<{ status: string }>(await c.head.get(url), 200).status, 'lapsed', 'F8: not ratified in time')
    const late = await c.monitoring.post(`/api/v1/proposals/${proposal.id}/decisions`, {
      decision: 'approve',
      reasons: 'Late.',
    })
    assert.equal(late.status, 409)
    assert.equal(late.body.error.rule, 'F8')
    t.clock.now = new Date('2027-01-04T10:00:00Z')
  })

  test('F8: ratified by both in time, the interim restriction stays in force', async () => {
    const k = await c.openedCase()
    const proposal = await c.proposeInterim(k.caseId, { justification: 'Threats to kill.' })
    ok(await c.monitoring.post(`/api/v1/proposals/${proposal.id}/interim`, {}))
    await c.approve(proposal.id, { chief: 'Ratified.', monitoring: 'Ratified.' })
    t.clock.now = new Date('2027-02-01T10:00:00Z')
    assert.equal(
      ok<{ status: string }>(await c.head.get(`/api/v1/restrictions/${proposal.restrictionIds[0]}`), 200).status,
      'active',
    )
    t.clock.now = new Date('2027-01-04T10:00:00Z')
  })
})

describe('review and challenge', () => {
  test('F7: a review continues (with the next review date) or lifts, each written to the person', async () => {
    const a = await c.restrictedCase()
    const noDate = await review(c.head, a.restrictionId, { outcome: 'continue', reasons: 'Still needed.' })
    assert.equal(noDate.status, 422)
    assert.equal(noDate.body.error.rule, 'F7')
    const cont = ok<{ letterId: string }>(
      await review(c.head, a.restrictionId, {
        outcome: 'continue',
        reasons: 'Still needed.',
        nextReviewOn: '2027-05-01',
      }),
    )
    assert.equal(ok<{ type: string }>(await c.head.get(`/api/v1/letters/${cont.letterId}`), 200).type, 'review_outcome')
    assert.equal(
      ok<{ reviewOn: string }>(await c.head.get(`/api/v1/restrictions/${a.restrictionId}`), 200).reviewOn,
      '2027-05-01',
    )
    ok(await review(c.chief, a.restrictionId, { outcome: 'lift', reasons: 'Behaviour has changed.' }))
    assert.equal(
      ok<{ status: string }>(await c.head.get(`/api/v1/restrictions/${a.restrictionId}`), 200).status,
      'lifted',
    )
  })

  test('F10: the answer is due in 10 working days, counted from the day after receipt, around bank holidays', async () => {
    const a = await c.restrictedCase()
    t.clock.now = new Date('2027-03-26T10:00:00Z')
    // Received Thursday 25 March 2027: Good Friday (26th) and Easter Monday (29th) do not count.
    const challenge = await c.challenge('restrictions', a.restrictionId, {
      receivedOn: '2027-03-25',
      grounds: 'Unfair.',
    })
    assert.equal(challenge.respondBy, '2027-04-12')
    assert.equal(challenge.inTime, false, 'received long after the 10 working days from the letter')
    const notReviewer = await decide(c.chief, challenge.id, 'upheld', 'x')
    assert.equal(notReviewer.status, 403)
    t.clock.now = new Date('2027-01-04T10:00:00Z')
  })

  test('F10: a senior reviewer who took part may not decide; one who did not decides, and the outcome is written', async () => {
    const w = await c.warnedCase()
    const involved = await apiAs(t, ['monitoring_officer', 'senior_reviewer'])
    const proposal = await c.propose(w.caseId, proposalBody('2027-01-04', '2027-12-31', '2027-06-30'))
    ok(await c.chief.post(`/api/v1/proposals/${proposal.id}/decisions`, { decision: 'approve', reasons: 'Yes.' }))
    ok(await involved.post(`/api/v1/proposals/${proposal.id}/decisions`, { decision: 'approve', reasons: 'Yes.' }))
    await c.issueNotice(proposal.id)
    const restrictionId = proposal.restrictionIds[0] ?? ''
    const challenge = await c.challenge('restrictions', restrictionId, { receivedOn: '2027-01-04', grounds: 'Unfair.' })
    const refused = await decide(involved, challenge.id, 'upheld', 'x')
    assert.equal(refused.status, 403)
    assert.equal(refused.body.error.rule, 'F10')
    const upheld = ok<{ letterId: string }>(await decide(c.reviewer, challenge.id, 'upheld', 'The facts were wrong.'))
    assert.equal(
      ok<{ type: string }>(await c.head.get(`/api/v1/letters/${upheld.letterId}`), 200).type,
      'challenge_outcome',
    )
    assert.equal(
      ok<{ status: string }>(await c.head.get(`/api/v1/restrictions/${restrictionId}`), 200).status,
      'lifted',
    )
    const twice = await decide(c.reviewer, challenge.id, 'not_upheld', 'x')
    assert.equal(twice.status, 409)
  })
})

describe('letters', () => {
  test('F9: letters are served as PDF and Word, fixed and hashed', async () => {
    const w = await c.warnedCase()
    const pdf = await download(`/api/v1/letters/${w.warningLetterId}/pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
    const docx = await download(`/api/v1/letters/${w.warningLetterId}/docx?largePrint=true`)
    assert.equal(docx.statusCode, 200)
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK')
    await assert.rejects(
      t.services.db.updateTable('letter').set({ large_print: true }).where('id', '=', w.warningLetterId).execute(),
      /cannot be changed/,
    )
  })

  test('F9: a person with no postal address cannot be sent a letter, and nothing is stored', async () => {
    const person = ok(await c.officer.post('/api/v1/people', { fullName: 'No Address', phones: ['07700 900999'] }))
    const contact = ok(
      await c.officer.post('/api/v1/contacts', {
        personId: person.id,
        channel: 'phone',
        direction: 'inbound',
        at: '2026-12-01T10:00:00+00:00',
        summary: 'Abusive call',
      }),
    )
    const kase = ok(await c.head.post('/api/v1/cases', { ...caseBody(person.id, []), contactIds: [contact.id] }))
    const refused = await c.officer.post(`/api/v1/cases/${kase.id}/warnings`, warningBody)
    assert.equal(refused.status, 422)
    assert.match(refused.body.error.message, /postal address/)
    const file = ok<{ warnings: unknown[] }>(await c.head.get(`/api/v1/cases/${kase.id}`), 200)
    assert.equal(file.warnings.length, 0)
  })

  test('letters guidance: a correction is a new letter naming the one it corrects; the original never changes', async () => {
    const w = await c.warnedCase()
    const before = ok<{ sha256: string; sections: { key: string; paragraphs: string[] }[] }>(
      await c.head.get(`/api/v1/letters/${w.warningLetterId}`),
      200,
    )
    const corrected = await c.officer.post(`/api/v1/letters/${w.warningLetterId}/corrections`, {
      reason: 'The date of the call was wrong.',
      sections: [
        { key: 'what_happened', paragraphs: ['On 3 November 2026 you shouted at an officer on the telephone.'] },
      ],
    })
    assert.equal(corrected.status, 201)
    assert.equal(corrected.body.corrects, w.warningLetterId)
    const after = ok<{ corrects: string; sections: { key: string; paragraphs: string[] }[]; type: string }>(
      await c.head.get(`/api/v1/letters/${corrected.body.id}`),
      200,
    )
    assert.equal(after.corrects, w.warningLetterId)
    assert.equal(after.type, 'warning')
    assert.deepEqual(after.sections.find((x) => x.key === 'what_happened')?.paragraphs, [
      'On 3 November 2026 you shouted at an officer on the telephone.',
    ])
    const original = ok<{ sha256: string }>(await c.head.get(`/api/v1/letters/${w.warningLetterId}`), 200)
    assert.equal(original.sha256, before.sha256, 'the original is untouched')
    const unknown = await c.officer.post(`/api/v1/letters/${w.warningLetterId}/corrections`, {
      reason: 'x',
      sections: [{ key: 'no_such_section', paragraphs: ['x'] }],
    })
    assert.equal(unknown.status, 422)
    const emptied = await c.officer.post(`/api/v1/letters/${w.warningLetterId}/corrections`, {
      reason: 'x',
      sections: [{ key: 'why_a_problem', paragraphs: [] }],
    })
    assert.equal(emptied.status, 422, 'F3: a required section cannot be corrected away')
    const same = await c.officer.post(`/api/v1/letters/${w.warningLetterId}/corrections`, { reason: 'x', sections: [] })
    assert.equal(same.status, 422)
    assert.equal(
      (await c.frontline.post(`/api/v1/letters/${w.warningLetterId}/corrections`, { reason: 'x', sections: [] }))
        .status,
      403,
    )
  })
})
