import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { dateFields, pageText, signedIn } from '../../../test/helpers/app.ts'
import { rowWhere } from '../../../test/helpers/rows.ts'
import { recordApp } from './record-pages.fixtures.ts'

const { t, f } = await recordApp()
after(() => t.close())

describe('opening and closing matters', () => {
  test('S3: the form says FOI and EIR requests have their own statutory process; an FOI request is recorded and audited', async () => {
    const { browser, staff, personId } = await f.signedInWithPerson(['case_officer'])
    const page = await browser.get(`/people/${personId}/matters/new`)
    assert.match(pageText(page.body), /refused under section 14, never under this procedure \(S3\)/)
    assert.match(pageText(page.body), /refused under regulation 12\(4\)\(b\), never under this procedure \(S3\)/)
    const response = await browser.post(`/people/${personId}/matters/new`, {
      type: 'foi',
      subject: 'Spending on consultants',
      service: 'Finance',
    })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/people/${personId}?done=matter`)
    const row = await rowWhere(t, 'matter', { person_id: personId })
    assert.deepEqual(
      [row.type, row.subject, row.service, row.status],
      ['foi', 'Spending on consultants', 'Finance', 'open'],
    )
    assert.match(row.reference, /^FOI-2026-\d{6}$/)
    const entry = await f.latestAudit('matter.opened')
    assert.equal(entry.object_id, row.id)
    assert.equal(entry.actor_id, staff.id)
  })

  test('missing or forged matter input gets GOV.UK messages, and nothing is stored', async () => {
    const { browser, personId } = await f.signedInWithPerson(['case_officer'])
    const before = await f.counts()
    const empty = await browser.post(`/people/${personId}/matters/new`, {})
    assert.equal(empty.statusCode, 422)
    assert.deepEqual(
      [...empty.body.matchAll(/<a href="(#[^"]+)">/g)].map((m) => m[1]),
      ['#type', '#subject', '#service'],
    )
    const forged = await browser.post(`/people/${personId}/matters/new`, {
      type: 'restriction',
      subject: 'x'.repeat(501),
      service: 'Waste\u0000',
    })
    assert.match(forged.body, /href="#type">Select the type of matter/)
    assert.match(forged.body, /href="#subject">What the matter is about must be 500 characters or fewer/)
    assert.match(forged.body, /href="#service">The service concerned contains characters that cannot be stored/)
    assert.deepEqual(await f.counts(), before)
  })

  test('F11: closing a complaint offers all five outcomes and asks whether it completed the complaints process', async () => {
    const { browser, staff, personId } = await f.signedInWithPerson(['case_officer'])
    const matterId = await f.newMatter(personId, 'complaint')
    const page = await browser.get(`/matters/${matterId}/close`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Has the complaint completed the complaints process\?/)
    assert.deepEqual(
      [...page.body.matchAll(/name="outcome" type="radio" value="([^"]+)"/g)].map((m) => m[1]),
      ['upheld', 'partly_upheld', 'not_upheld', 'resolved', 'withdrawn'],
    )
    const unanswered = await browser.post(`/matters/${matterId}/close`, { outcome: 'upheld' })
    assert.equal(unanswered.statusCode, 422)
    assert.match(
      unanswered.body,
      /href="#processExhausted">Select yes if the complaint has completed the complaints process/,
    )
    const response = await browser.post(`/matters/${matterId}/close`, {
      outcome: 'partly_upheld',
      processExhausted: 'yes',
    })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/people/${personId}?done=matter-closed`)
    const row = await rowWhere(t, 'matter', { id: matterId })
    assert.deepEqual(
      [row.status, row.outcome, row.process_exhausted, row.complaint_stage],
      ['closed', 'partly_upheld', true, 'closed'],
    )
    const entry = await f.latestAudit('matter.closed')
    assert.equal(entry.object_id, matterId)
    assert.equal(entry.actor_id, staff.id)
    assert.deepEqual(entry.after, { status: 'closed', outcome: 'partly_upheld', processExhausted: true })
  })

  test('F11: anything but a complaint is only resolved or withdrawn, and never exhausts the complaints process', async () => {
    const { browser } = await signedIn(t, ['case_officer'])
    const matterId = await f.newMatter(await f.newPerson(), 'enquiry')
    const page = await browser.get(`/matters/${matterId}/close`)
    assert.deepEqual(
      [...page.body.matchAll(/name="outcome" type="radio" value="([^"]+)"/g)].map((m) => m[1]),
      ['resolved', 'withdrawn'],
    )
    assert.doesNotMatch(page.body, /processExhausted/)
    const forged = await browser.post(`/matters/${matterId}/close`, { outcome: 'upheld' })
    assert.equal(forged.statusCode, 422)
    assert.match(forged.body, /href="#outcome">Select the outcome/)
    const ok = await browser.post(`/matters/${matterId}/close`, { outcome: 'withdrawn', processExhausted: 'yes' })
    assert.equal(ok.statusCode, 303)
    const row = await rowWhere(t, 'matter', { id: matterId })
    assert.deepEqual([row.status, row.outcome, row.process_exhausted], ['closed', 'withdrawn', false])
  })

  test('F11: a closed matter is explained, with no form; posting again changes nothing', async () => {
    const { browser } = await signedIn(t, ['case_officer'])
    const matterId = await f.newMatter(await f.newPerson(), 'complaint')
    await browser.post(`/matters/${matterId}/close`, { outcome: 'not_upheld', processExhausted: 'yes' })
    const page = await browser.get(`/matters/${matterId}/close`)
    assert.equal(page.statusCode, 200)
    assert.match(
      pageText(page.body),
      /was closed on .* with the outcome: not upheld\. The complaint had completed the complaints process \(F11\)/,
    )
    assert.doesNotMatch(page.body, /data-qa="close-matter"/)
    const before = await f.counts()
    const again = await browser.post(`/matters/${matterId}/close`, { outcome: 'upheld', processExhausted: 'no' })
    assert.equal(again.statusCode, 409)
    assert.deepEqual(await f.counts(), before)
    const row = await rowWhere(t, 'matter', { id: matterId })
    assert.equal(row.outcome, 'not_upheld')
  })
})

describe('adding a safety marker', () => {
  test('K3: a marker is stored with its precautions, reason and review date, and audited', async () => {
    const { browser, staff, personId } = await f.signedInWithPerson(['case_officer'])
    const response = await browser.post(`/people/${personId}/safety-markers/new`, {
      precautions: 'Two staff at any meeting',
      reason: 'Threatened an officer on 3 March 2026',
      ...dateFields('reviewOn', 1, 6, 2027),
    })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/people/${personId}?done=safety-marker`)
    const row = await rowWhere(t, 'safety_marker', { person_id: personId })
    assert.deepEqual(
      [row.precautions, row.reason, row.review_on],
      ['Two staff at any meeting', 'Threatened an officer on 3 March 2026', '2027-06-01'],
    )
    const entry = await f.latestAudit('safety_marker.added')
    assert.equal(entry.object_id, row.id)
    assert.equal(entry.actor_id, staff.id)
  })

  test('K3: a review date is required, real, and not in the past; nothing is stored otherwise', async () => {
    const { browser, personId } = await f.signedInWithPerson(['case_officer'])
    const before = await f.counts()
    const empty = await browser.post(`/people/${personId}/safety-markers/new`, {})
    assert.deepEqual(
      [...empty.body.matchAll(/<a href="(#[^"]+)">([^<]+)</g)].map((m) => `${m[1]} ${m[2]}`),
      [
        '#precautions Enter the precautions staff must take',
        '#reason Enter the reason for the marker',
        '#reviewOn-day Enter the review date',
      ],
    )
    const fields = { precautions: 'Meet in pairs', reason: 'Threats' }
    const date = (day: string, month: string, year: string) => ({
      'reviewOn-day': day,
      'reviewOn-month': month,
      'reviewOn-year': year,
    })
    const unreal = await browser.post(`/people/${personId}/safety-markers/new`, {
      ...fields,
      ...date('30', '2', '2027'),
    })
    assert.match(unreal.body, /href="#reviewOn-day">The review date must be a real date/)
    const partial = await browser.post(`/people/${personId}/safety-markers/new`, {
      ...fields,
      ...date('1', '', '2027'),
    })
    assert.match(partial.body, /href="#reviewOn-day">The review date must include a month/)
    const past = await browser.post(`/people/${personId}/safety-markers/new`, { ...fields, ...date('1', '1', '2026') })
    assert.equal(past.statusCode, 422)
    assert.match(past.body, /href="#reviewOn-day">The review date must be today or in the future/)
    assert.match(past.body, /value="Meet in pairs"|>Meet in pairs</, 'what was typed is kept')
    assert.deepEqual(await f.counts(), before)
  })
})
