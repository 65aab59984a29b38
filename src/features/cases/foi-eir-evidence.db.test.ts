import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { pageText, signedIn } from '../../../test/helpers/app.ts'
import { rowCounts } from '../../../test/helpers/rows.ts'
import { caseBody, ok, procedureApp, proposalBody, YEAR } from '../../../test/helpers/procedure.ts'
import { contactPattern } from '../people/timeline.repository.ts'

// Issue 13, S3: FOI and EIR requests have their own statutory process (FOIA s14, EIR reg 12(4)(b)), and this procedure
// must never be used against them. A contact about one is never a case's evidence (an incident of abuse or a threat
// recorded on such a contact is behaviour towards staff, and stays citable)
// (refused even beside other evidence, naming it), is not offered as evidence, and is not persistence in the person's
// contact pattern (P2) wherever it is shown.

const { t, c } = await procedureApp() // Monday 4 January 2027
after(() => t.close())

const head = (await signedIn(t, ['head_of_service'])).browser

/**
 * A person with a complaint (an abusive call on 2 November 2026 and its incident) who also made an FOI request, with
 * a call about it on 10 November 2026 and an incident recorded on that call.
 */
async function complainantWithFoiRequest(fullName: string, type: 'foi' | 'eir' = 'foi') {
  const p = await c.personWithHistory({ fullName })
  const foi = ok<{ id: string; reference: string }>(
    await c.officer.post('/api/v1/matters', {
      personId: p.personId,
      type,
      subject: 'Spending on consultants',
      service: 'Waste',
    }),
  )
  const foiContact = ok(
    await c.officer.post('/api/v1/contacts', {
      personId: p.personId,
      channel: 'phone',
      direction: 'inbound',
      at: '2026-11-10T10:00:00+00:00',
      matterId: foi.id,
      summary: 'Asked when the request would be answered',
      minutesSpent: 15,
    }),
  ).id
  const foiIncident = ok(
    await c.officer.post('/api/v1/incidents', {
      personId: p.personId,
      at: '2026-11-10T10:05:00+00:00',
      category: 'aggressive_or_abusive',
      severity: 'immediate_risk',
      description: 'Said he would come to the office and make the officer regret it',
      contactId: foiContact,
    }),
  ).id
  return { ...p, foiId: foi.id, foiReference: foi.reference, foiContact, foiIncident }
}

const tables = ['procedure_case', 'proposal', 'restriction', 'audit_entry'] as const

describe('S3: a contact about an FOI or EIR request is never a case’s evidence', () => {
  test('S3 (issue 13): API: a case citing an FOI contact beside a complaint incident is refused, naming it', async () => {
    const p = await complainantWithFoiRequest('Frank Fielding')
    const before = await rowCounts(t, tables)
    const response = await c.head.post('/api/v1/cases', {
      ...caseBody(p.personId, [p.incidentId]),
      contactIds: [p.contactId, p.foiContact],
    })
    assert.equal(response.status, 422)
    assert.equal(response.body.error.code, 'foi_eir_evidence')
    assert.equal(response.body.error.rule, 'S3')
    assert.equal(
      response.body.error.message,
      `A contact about an FOI or EIR request cannot be evidence of unreasonable behaviour under this procedure (S3): the contact of 10 November 2026 about ${p.foiReference}. Those requests have their own statutory process (FOIA section 14, EIR regulation 12(4)(b)). Remove it from the evidence.`,
    )
    assert.deepEqual(Object.keys(response.body.error.fields), ['contactIds'])
    assert.deepEqual(await rowCounts(t, tables), before, 'nothing is stored, not even an audit entry')

    // Without it, the same case opens.
    ok(await c.head.post('/api/v1/cases', { ...caseBody(p.personId, [p.incidentId]), contactIds: [p.contactId] }))
  })

  test('S3, F8 (issue 13): API: an incident of abuse recorded on a contact about an EIR request can be cited: it is behaviour towards staff, not the request', async () => {
    const p = await complainantWithFoiRequest('Edith Ellery', 'eir')
    ok(await c.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId, p.foiIncident])))
  })

  test('S3 (issue 13): page: FOI evidence is not offered, the page says why, and one posted anyway is refused', async () => {
    const p = await complainantWithFoiRequest('Fiona Farrant')
    const form = await head.get(`/people/${p.personId}/cases/new`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, new RegExp(`value="${p.incidentId}"`), 'the complaint incident is offered')
    assert.match(form.body, new RegExp(`value="${p.contactId}"`), 'the complaint contact is offered')
    assert.doesNotMatch(form.body, new RegExp(`value="${p.foiContact}"`), 'the FOI contact is not')
    assert.match(form.body, new RegExp(`value="${p.foiIncident}"`), 'the threat made on that call is offered (P4, F8)')
    assert.match(
      pageText(form.body),
      /Not offered here: 1 contact about FOI or EIR requests\. A contact about an FOI or EIR request cannot be evidence of unreasonable behaviour under this procedure \(S3\).*Abuse or threats to staff recorded as an incident can still be cited\./,
    )

    const before = await rowCounts(t, tables)
    const response = await head.post(`/people/${p.personId}/cases/new`, {
      service: 'Waste',
      reason: 'Abuse of staff continued after business-as-usual measures.',
      businessAsUsualMeasures: 'One officer handled every call for three months.',
      incidentIds: [p.incidentId],
      contactIds: [p.foiContact],
      adjustmentsConsidered: 'None recorded; asked on 1 October whether any were needed.',
    })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#contactIds"/)
    assert.match(
      pageText(response.body),
      new RegExp(
        `There is a problem A contact about an FOI or EIR request cannot be evidence of unreasonable behaviour under this procedure \\(S3\\): the contact of 10 November 2026 about ${p.foiReference}\\.`,
      ),
    )
    assert.match(response.body, /Abuse of staff continued/, 'what was typed is kept')
    assert.deepEqual(await rowCounts(t, tables), before)
  })

  test('F8, S3 (issue 13): an immediate-risk proposal may rest on a threat made during a call about an FOI request: the threat is the ground, never the request', async () => {
    const p = await complainantWithFoiRequest('Felix Fairbairn')
    const kase = ok<{ id: string }>(await c.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId])))
    ok(
      await c.head.post(`/api/v1/cases/${kase.id}/proposals`, {
        ...proposalBody(...YEAR),
        immediateRisk: { justification: 'Threatened an officer.', incidentId: p.foiIncident },
      }),
    )
  })
})

describe('S3: an FOI request after a warning is not the warning failing (F2)', () => {
  test('S3 (issue 13), F2: a contact about an FOI request is not "recorded since the warning"', async () => {
    const w = await c.warnedCase({ fullName: 'Fenella Frost', carriedOn: false })
    const foi = ok(
      await c.officer.post('/api/v1/matters', {
        personId: w.personId,
        type: 'foi',
        subject: 'Spending on consultants',
        service: 'Waste',
      }),
    )
    ok(
      await c.officer.post('/api/v1/contacts', {
        personId: w.personId,
        channel: 'email',
        direction: 'inbound',
        at: new Date(t.clock.now.getTime() + 60_000).toISOString(),
        matterId: foi.id,
        summary: 'A new request for information',
      }),
    )
    const before = await rowCounts(t, tables)
    const refused = await c.head.post(`/api/v1/cases/${w.caseId}/proposals`, proposalBody(...YEAR))
    assert.equal(refused.status, 422, 'the FOI request does not show that the behaviour went on')
    assert.equal(refused.body.error.code, 'nothing_since_warning')
    assert.deepEqual(await rowCounts(t, tables), before)

    const page = pageText((await head.get(`/cases/${w.caseId}/proposals/new?types=contact_method`)).body)
    assert.match(
      page,
      /Since the warning of 4 January 2027: 0 contacts from Fenella Frost and 0 incidents recorded\. Contacts about FOI or EIR requests are not counted: the procedure does not apply to them \(S3\)\./,
    )
  })
})

describe('S3: FOI and EIR contacts are not persistence in the contact pattern (P2)', () => {
  const PATTERN =
    '1 contact in the last 30 days, 1 in the last 90 days and 1 in the last year; 0 contacts on matters after they closed; 3 contacts about FOI or EIR requests in the last year not counted, as the procedure does not apply to them (S3)'

  test('S3 (issue 13): the pattern counts them apart, on the case-opening page, the decision page and the case file', async () => {
    const p = await complainantWithFoiRequest('Flora Finch')
    for (const at of ['2026-12-20T10:00:00+00:00', '2026-12-28T10:00:00+00:00'])
      ok(
        await c.officer.post('/api/v1/contacts', {
          personId: p.personId,
          channel: 'email',
          direction: 'inbound',
          at,
          matterId: p.foiId,
          summary: 'Asked again for the figures',
          minutesSpent: 40,
        }),
      )
    ok(
      await c.officer.post('/api/v1/contacts', {
        personId: p.personId,
        channel: 'phone',
        direction: 'inbound',
        at: '2026-12-21T10:00:00+00:00',
        matterId: p.matterId,
        summary: 'Asked about the bins',
        minutesSpent: 10,
      }),
    )
    const pattern = await contactPattern(t.services.db, p.personId, t.clock.now)
    // The complaint: 2 November and 21 December; the FOI request: 10 November, 20 and 28 December.
    assert.deepEqual(pattern.contactsLast, { days7: 0, days30: 1, days90: 2, days365: 2 })
    assert.equal(pattern.minutesLast90Days, 25 + 10, 'their staff time is not counted either')
    assert.equal(pattern.foiEirContactsLastYear, 3)
    assert.equal(
      pattern.weeks.reduce((n, w) => n + w.contacts, 0),
      2,
      'nor are they in the weekly figures',
    )
    assert.deepEqual(
      pattern.perMatter.map((m) => [m.reference, m.contacts, m.counted]),
      [
        [p.foiReference, 3, false],
        [p.matterReference, 2, true],
      ],
      'shown apart on each matter, marked as not counted',
    )
    assert.equal(pattern.distinctMatters, 2, 'the request is still a matter the person raised (P2)')
    const inWords = PATTERN.replace(
      '1 in the last 90 days and 1 in the last year',
      '2 in the last 90 days and 2 in the last year',
    )
    assert.equal(pattern.inWords.pattern, inWords)

    const opening = pageText((await head.get(`/people/${p.personId}/cases/new`)).body)
    assert.ok(opening.includes(`Contact pattern ${inWords}`), 'the case-opening page')

    const kase = ok(await c.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId])))
    const proposal = await c.propose(kase.id, {
      ...proposalBody(...YEAR),
      immediateRisk: {
        justification: 'Threatened to harm an officer at the office.',
        incidentId: await c.immediateRiskIncident(p.personId),
      },
    })
    const chief = (await signedIn(t, ['chief_executive'])).browser
    const decision = await chief.get(`/proposals/${proposal.id}`)
    assert.equal(decision.statusCode, 200)
    const text = pageText(decision.body)
    assert.ok(text.includes(`Contact pattern: ${inWords}.`), 'the decision page')
    assert.match(
      text,
      new RegExp(`${p.foiReference}: Spending on consultants Not counted: FOI or EIR request \\(S3\\) Open 3`),
      'the FOI request’s row is marked as not counted',
    )
    assert.match(text, new RegExp(`${p.matterReference}: Bin collections Open 2`))
    assert.equal((decision.body.match(/data-qa="not-counted"/g) ?? []).length, 1)

    const file = pageText((await head.get(`/cases/${kase.id}/file`)).body)
    assert.ok(file.includes(`Contact pattern ${inWords}`), 'the case file')
  })
})
