import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { extractText } from 'unpdf'
import { pageText, signedIn } from '../../../test/helpers/app.ts'
import { rowCount, rowsWhere } from '../../../test/helpers/rows.ts'
import { caseBody, ok, procedureApp, proposalBody, UNTIL_JUNE, YEAR } from '../../../test/helpers/procedure.ts'
import { contactPattern } from '../people/timeline.repository.ts'

// P2: many genuine complaints are not unreasonable persistence. Wherever persistence is shown (the case-opening page,
// the decision page, the case file and its PDF) the distinct matters the person raised and the complaints upheld or
// partly upheld are shown beside it, and each decision-maker records how they weighed them (F4). S5: a restriction
// binds only the person it names, not their representative.

const { t, c } = await procedureApp() // Monday 4 January 2027
after(() => t.close())

const head = (await signedIn(t, ['head_of_service'])).browser
const chief = (await signedIn(t, ['chief_executive'])).browser

/**
 * A person with five matters: the complaint about bin collections (still open), a complaint upheld, one partly
 * upheld, one not upheld, and an open service request; three contacts in the year, two of them in the last 30 days.
 */
async function personWithSeveralMatters() {
  const p = await c.personWithHistory({ fullName: 'Maureen Ashby' })
  const matter = async (type: string, subject: string) =>
    ok(await c.officer.post('/api/v1/matters', { personId: p.personId, type, subject, service: 'Waste' })).id
  const close = async (id: string, outcome: string) =>
    ok(await c.officer.post(`/api/v1/matters/${id}/close`, { outcome, processExhausted: true }), 200)
  const missed = await matter('complaint', 'Missed collections in December')
  await close(missed, 'upheld')
  await close(await matter('complaint', 'Bin damaged by the crew'), 'partly_upheld')
  await close(await matter('complaint', 'The officer’s manner'), 'not_upheld')
  await matter('service_request', 'A new recycling box')
  for (const at of ['2026-12-15T11:00:00+00:00', '2026-12-28T11:00:00+00:00'])
    ok(
      await c.officer.post('/api/v1/contacts', {
        personId: p.personId,
        channel: 'email',
        direction: 'inbound',
        at,
        matterId: missed,
        summary: 'Asked again when the missed collections would be made up',
      }),
    )
  return p
}

const COUNTERWEIGHTS = 'Raised 5 distinct matters; 2 complaints upheld or partly upheld'
const PATTERN =
  '2 contacts in the last 30 days, 3 in the last 90 days and 3 in the last year; 0 contacts on matters after they closed'

const p = await personWithSeveralMatters()
const kase = ok<{ id: string }>(await c.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId])))
await c.warn(kase.id)
const proposal = await c.propose(kase.id, {
  ...proposalBody(...YEAR),
  // F2: nothing is recorded after the warning here, so the proposal says why a restriction is needed all the same.
  sinceWarningJustification: 'He wrote to the Leader the day after the warning repeating the threat.',
})

describe('P2: the counterweights beside persistence', () => {
  test('P2: the counts are right for a person with several matters, some complaints upheld, some not', async () => {
    const pattern = await contactPattern(t.services.db, p.personId, t.clock.now)
    assert.deepEqual(
      [pattern.distinctMatters, pattern.complaints, pattern.complaintsUpheld, pattern.complaintsPartlyUpheld],
      [5, 4, 1, 1],
    )
    assert.deepEqual(pattern.inWords, { pattern: PATTERN, counterweights: COUNTERWEIGHTS })
  })

  test('P2, F1: the case-opening page shows them beside the contact pattern', async () => {
    const page = await head.get(`/people/${p.personId}/cases/new`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Contact pattern and complaints upheld \(P2\)/)
    assert.ok(text.includes(`Contact pattern ${PATTERN}`), 'the pattern')
    assert.ok(text.includes(`Matters and complaints ${COUNTERWEIGHTS}`), 'the counterweights beside it')
  })

  test('P2, F4: the decision page shows them, and asks the decision-maker how they weighed them', async () => {
    const page = await chief.get(`/proposals/${proposal.id}`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.ok(text.includes(`${COUNTERWEIGHTS}.`), 'the counterweights in words')
    assert.ok(text.includes(`Contact pattern: ${PATTERN}.`), 'the pattern beside them')
    assert.match(text, /Distinct matters raised 5 Complaints 4 Complaints upheld 1 Complaints partly upheld 1/)
    assert.match(text, /How you weighed the matters raised and complaints upheld \(P2\)/)
  })

  test('P2, F4: a decision through the page without the consideration gets a GOV.UK error and stores nothing', async () => {
    const before = await rowCount(t, 'decision')
    const response = await chief.post(`/proposals/${proposal.id}/decisions`, {
      decision: 'approve',
      reasons: 'Proportionate to the abuse of staff.',
    })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#counterweightsConsidered"/)
    assert.match(pageText(response.body), /Enter how you weighed the matters raised and complaints upheld \(P2\)/)
    assert.match(response.body, /value="approve" checked/, 'the choice is kept')
    assert.match(response.body, /Proportionate to the abuse of staff\./, 'the reasons are kept')
    assert.equal(await rowCount(t, 'decision'), before, 'nothing stored')
    assert.equal((await rowsWhere(t, 'decision', { proposal_id: proposal.id })).length, 0)
  })

  test('P2, F4: with it, it is stored and shown on the decision page, the case file and its PDF', async () => {
    const weighed =
      'Two of four complaints were upheld in part or in full; the abuse of staff is not explained by them.'
    const response = await chief.post(`/proposals/${proposal.id}/decisions`, {
      decision: 'approve',
      counterweightsConsidered: weighed,
      reasons: 'Proportionate to the abuse of staff.',
    })
    assert.equal(response.statusCode, 303)
    // The contract's decision body has no such field: an API client that does not send it is still answered 201.
    ok(
      await c.monitoring.post(`/api/v1/proposals/${proposal.id}/decisions`, {
        decision: 'approve',
        reasons: 'Lawful.',
      }),
    )
    const rows = await rowsWhere(t, 'decision', { proposal_id: proposal.id })
    assert.deepEqual(
      rows.map((r) => [r.role, r.counterweights_considered]).sort(),
      [
        ['chief_executive', weighed],
        ['monitoring_officer', null],
      ],
      'stored on the decision row; null when the API did not send it',
    )

    const decided = pageText((await chief.get(`/proposals/${proposal.id}`)).body)
    assert.ok(decided.includes(`How the matters raised and complaints upheld were weighed (P2) ${weighed}`))
    assert.ok(decided.includes('How the matters raised and complaints upheld were weighed (P2) Not recorded'))

    const file = await head.get(`/cases/${kase.id}/file`)
    assert.equal(file.statusCode, 200)
    const text = pageText(file.body)
    assert.ok(text.includes(`Contact pattern ${PATTERN}`), 'the case file shows the pattern')
    assert.ok(text.includes(`Matters and complaints ${COUNTERWEIGHTS}`), 'and the counterweights beside it')
    assert.ok(text.includes(`How the matters raised and complaints upheld were weighed (P2): ${weighed}`))
    assert.ok(text.includes('How the matters raised and complaints upheld were weighed (P2): not recorded'))

    const pdf = await head.get(`/cases/${kase.id}/file.pdf`)
    assert.equal(pdf.statusCode, 200)
    const { text: pages } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })
    const flat = pages.replace(/\s+/g, ' ')
    for (const expected of [
      'Contact pattern and complaints upheld (P2)',
      `Contact pattern: ${PATTERN}.`,
      `${COUNTERWEIGHTS}.`,
      `How the matters raised and complaints upheld were weighed (P2): ${weighed}`,
    ])
      assert.ok(flat.includes(expected), `the PDF has ${expected}`)
  })
})

describe('S5: a representative is a separate party', () => {
  test('S5: a restriction binds only its person: their representative is checked and gets proceed', async () => {
    const restricted = await c.restrictedCase({
      ...UNTIL_JUNE,
      fullName: 'Dennis Hartley',
      restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { councilWide: true } }],
    })
    const representative = ok(
      await c.officer.post('/api/v1/people', {
        fullName: 'Carol Hartley',
        phones: ['07700 900789'],
        addresses: [{ line1: '3 Church Street', town: 'Northampton', postcode: 'NN2 6AB' }],
      }),
    )
    const officer = (await signedIn(t, ['case_officer'])).browser
    await officer.get(`/people/${restricted.personId}/representatives/new?representative=${representative.id}`)
    const linked = await officer.post(`/people/${restricted.personId}/representatives/new`, {
      representativeId: representative.id,
      relationship: 'Daughter',
      consent: 'yes',
    })
    assert.equal(linked.statusCode, 303)
    const person = ok<{ representatives: { id: string }[] }>(
      await c.officer.get(`/api/v1/people/${restricted.personId}`),
      200,
    )
    assert.deepEqual(
      person.representatives.map((r) => r.id),
      [representative.id],
      'she represents him',
    )

    const asked = async (body: Record<string, unknown>) =>
      ok<{ verdict: string; person: { id: string } | null; reasons: { rule: string }[] }>(
        await c.frontline.post('/api/v1/contact-checks', body),
        200,
      )
    const forHer = await asked({ personId: representative.id, channel: 'phone' })
    assert.equal(forHer.verdict, 'proceed', 'the representative is not bound by his restriction')
    assert.equal(forHer.person?.id, representative.id)
    assert.ok(!forHer.reasons.some((r) => r.rule === 'F5a'), 'none of his restriction’s reasons')
    const byHerPhone = await asked({ phone: '07700 900789', channel: 'phone' })
    assert.equal(byHerPhone.verdict, 'proceed', 'found by her own phone number: still proceed')
    assert.equal(byHerPhone.person?.id, representative.id)

    const forHim = await asked({ personId: restricted.personId, channel: 'phone' })
    assert.equal(forHim.verdict, 'redirect', 'the person himself gets his restriction')
    assert.ok(forHim.reasons.some((r) => r.rule === 'F5a'))
  })
})
