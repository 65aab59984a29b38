import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { pageText, signedIn } from '../../../test/helpers/app.ts'
import { rowsWhere } from '../../../test/helpers/rows.ts'
import { ok, procedureApp, UNTIL_JUNE } from '../../../test/helpers/procedure.ts'

// Issue 13: at the moment of contact, the answer never misleads (F6, F11, S2, S3, V1-V5, P4, K3).

const { t, c } = await procedureApp()
after(() => t.close())
const check = (body: Record<string, unknown>) => c.frontline.post('/api/v1/contact-checks', body)
const frontline = (await signedIn(t, ['frontline'])).browser

/** The default cast restriction: letters only, for Waste. */
const wasteLettersOnly = (fullName: string) =>
  c.restrictedCase({
    ...UNTIL_JUNE,
    fullName,
    restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { services: ['Waste'] } }],
  })

describe('F6: unknown service, scoped restriction', () => {
  test('F6: checked by phone with no service, someone restricted for Waste is never "no restriction": the answer asks which service, says what applies to each, and its verdict is the most restrictive', async () => {
    const k = await wasteLettersOnly('Gary Scoped')
    const response = await check({ personId: k.personId, channel: 'phone' })
    assert.equal(response.status, 200)
    const answer = response.body
    assert.equal(answer.verdict, 'redirect')
    assert.equal(answer.serviceNeeded, true)
    assert.deepEqual(
      answer.byService.map((s: { service: string; verdict: string }) => [s.service, s.verdict]),
      [['Waste', 'redirect']],
    )
    assert.equal(answer.otherServicesVerdict, 'proceed')
    assert.equal(answer.reasons[0].rule, 'F6')
    assert.ok(!answer.reasons.some((r: { rule: string }) => r.rule === 'V1'), 'no "No formal restriction applies"')

    const withService = (await check({ personId: k.personId, channel: 'phone', service: 'Parking' })).body
    assert.equal(withService.verdict, 'proceed', 'told the service, only what applies to it')
    assert.equal(withService.serviceNeeded, undefined)
  })

  test('F6: the page leads with the question and says what applies for each service and for anything else', async () => {
    const k = await wasteLettersOnly('Page Scoped')
    const text = pageText((await frontline.get(`/check?q=${encodeURIComponent(k.matterReference)}&channel=phone`)).body)
    // The reference is the Waste complaint's: the service is known from the matter, so the answer is for Waste.
    assert.match(text, /Redirect/)
    const page = pageText((await frontline.get(`/check?q=Page+Scoped+NN1+1AA&channel=phone`)).body)
    assert.match(page, /Which service is this about\?/)
    assert.match(page, /About Waste .*Redirect/)
    assert.match(page, /About anything else .*Proceed/)
    assert.doesNotMatch(page, /No formal restriction applies/)
  })
})

describe('what the contact is about comes first (S2, S3, V5)', () => {
  test('S3: a letters-only person emailing a new FOI request is not_this_procedure, never redirected', async () => {
    const k = await c.restrictedCase({
      ...UNTIL_JUNE,
      fullName: 'Fiona Foi',
      restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { councilWide: true } }],
    })
    const plain = (await check({ personId: k.personId, channel: 'email' })).body
    assert.equal(plain.verdict, 'redirect')
    const foi = (await check({ personId: k.personId, channel: 'email', regarding: 'foi_request' })).body
    assert.equal(foi.verdict, 'not_this_procedure')
    assert.deepEqual(
      foi.reasons.map((r: { rule: string }) => r.rule),
      ['S3'],
    )
    assert.match(foi.script, /Freedom of Information Act 2000/)
    const eir = (await check({ personId: k.personId, channel: 'email', regarding: 'eir_request' })).body
    assert.equal(eir.verdict, 'not_this_procedure')
    const bad = await check({ personId: k.personId, channel: 'email', regarding: 'complaint' })
    assert.equal(bad.status, 400)
  })

  test('F11: a matter reference identifies the matter as well as the person: correspondence on a closed matter reaches the queue', async () => {
    const k = await c.closedMatter('acknowledge', { fullName: 'Rex Reference' })
    const answer = (await check({ reference: k.matterReference, channel: 'email' })).body
    assert.equal(answer.matterId, k.matterId)
    assert.equal(answer.verdict, 'read_and_file')
    const recorded = await c.officer.post('/api/v1/contact-checks', {
      reference: k.matterReference,
      channel: 'email',
      record: true,
      summary: 'More about the bins',
    })
    assert.equal(recorded.body.queued, true)
    assert.equal((await rowsWhere(t, 'closed_matter_item', { person_id: k.personId })).length, 1)
  })
})

describe('uncertain identity is safe (P4, K3)', () => {
  test('P4, K3: two records share a phone number and one has a "Never visit alone" marker: the marker is shown, its view recorded, and the verdict is not plain proceed', async () => {
    const phone = '07700 900999'
    const one = ok<{ id: string }>(
      await c.officer.post('/api/v1/people', {
        fullName: 'Sam Shared',
        phones: [phone],
        dateOfBirth: '1970-03-02',
        addresses: [{ line1: '1 High St', town: 'Northampton', postcode: 'NN3 2AB' }],
      }),
    )
    const two = ok<{ id: string }>(
      await c.officer.post('/api/v1/people', { fullName: 'Samantha Shared', phones: [phone] }),
    )
    const marker = await c.safetyMarker(two.id, {
      precautions: 'Never visit alone',
      reason: 'Threatened an officer at the door',
      reviewOn: '2027-06-01',
    })
    const views = async () =>
      (await rowsWhere(t, 'audit_entry', { action: 'safety_marker.viewed' })).filter((e) => e.object_id === marker.id)
    const before = (await views()).length
    const answer = (await check({ phone, channel: 'phone' })).body
    assert.equal(answer.person, null)
    assert.equal(answer.identityUncertain, true)
    assert.equal(answer.verdict, 'proceed_with_conditions')
    assert.deepEqual(
      answer.safetyMarkers.map((m: { precautions: string }) => m.precautions),
      ['Never visit alone'],
    )
    assert.doesNotMatch(JSON.stringify(answer), /Threatened an officer/, 'K7: never the reason')
    assert.equal((await views()).length, before + 1, 'K3: the view is recorded')
    const sam = answer.candidates.find((x: { id: string }) => x.id === one.id)
    assert.equal(sam.postcodeArea, 'NN3')
    assert.equal(sam.birthYear, 1970)
    const samantha = answer.candidates.find((x: { id: string }) => x.id === two.id)
    assert.deepEqual(samantha.tag, { services: [], safetyMarker: true }, 'the candidate list shows the marker')

    const page = pageText((await frontline.get(`/check?q=${encodeURIComponent(phone)}&channel=phone`)).body)
    assert.match(
      page,
      /One of these people has a staff-safety marker: follow its precautions until you know who this is/,
    )
    assert.match(page, /Never visit alone/)
    assert.match(page, /Sam Shared .*NN3.*1970/)
  })

  test('P4: when a candidate is restricted, the verdict is the most restrictive of the candidates’', async () => {
    const k = await c.restrictedCase({
      ...UNTIL_JUNE,
      fullName: 'Rita Restricted',
      restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { councilWide: true } }],
    })
    // Everyone the cast creates shares one phone number: Rita is one of several candidates.
    assert.ok(k.personId)
    const answer = (await check({ phone: '07700 900456', channel: 'phone' })).body
    assert.ok(answer.candidates.length > 1)
    assert.equal(answer.identityUncertain, true)
    assert.equal(answer.verdict, 'redirect')
    assert.equal(answer.person, null)
    const rita = answer.candidates.find((x: { id: string }) => x.id === k.personId)
    assert.equal(rita.tag.services, 'council', 'a "Restricted" tag for the candidate')
    const page = await frontline.get('/check?q=07700+900456&channel=phone')
    assert.match(pageText(page.body), /Rita Restricted : check again as this person Restricted: whole council/)
  })
})

const officer = (await signedIn(t, ['case_officer'])).browser

describe('one click, once (K1, V3)', () => {
  const formOf = (html: string, marker: string) => {
    const form =
      html.match(
        new RegExp(
          `<form method="post" action="/check/record"[^>]*>(?:(?!</form>)[\\s\\S])*${marker}[\\s\\S]*?</form>`,
        ),
      )?.[0] ?? ''
    const fields: Record<string, string> = {}
    for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
      if (m[1] && m[1] !== '_csrf') fields[m[1]] = (m[2] ?? '').replace(/&amp;/g, '&')
    return fields
  }

  test('K1: after recording an attempt the page says it is recorded and offers no second button', async () => {
    const k = await wasteLettersOnly('Rhona Recorded')
    const url = `/check?q=${encodeURIComponent(k.matterReference)}&channel=phone`
    const page = await officer.get(url)
    assert.match(page.body, /data-qa="record-attempt"/)
    const recorded = await officer.post('/check/record', { ...formOf(page.body, 'record-attempt'), summary: 'Bins' })
    assert.equal(recorded.statusCode, 303)
    const after = await officer.get(String(recorded.headers.location))
    assert.match(pageText(after.body), /Contact recorded/)
    assert.doesNotMatch(after.body, /data-qa="record-attempt"/, 'no second button')
    assert.match(pageText(after.body), /This attempt is dealt with/)
  })

  test('V3, K1: a redirected attempt not recorded needs a reason, which is audited', async () => {
    const k = await wasteLettersOnly('Nora Notrecorded')
    const page = await officer.get(`/check?q=${encodeURIComponent(k.matterReference)}&channel=phone`)
    assert.match(pageText(page.body), /Not recording this attempt\?/)
    const form = formOf(page.body, 'not-recorded')
    assert.equal(form.notRecorded, 'yes')
    const missing = await officer.post('/check/record', { ...form, notRecordedReason: '' })
    assert.equal(missing.statusCode, 422)
    assert.match(missing.body, /href="#notRecordedReason">Say why you are not recording this attempt/)
    const contactsBefore = (await rowsWhere(t, 'contact', { person_id: k.personId })).length
    const done = await officer.post('/check/record', {
      ...form,
      notRecordedReason: 'He rang back at once; the first call is recorded',
    })
    assert.equal(done.statusCode, 303)
    assert.match(
      pageText((await officer.get(String(done.headers.location))).body),
      /Not recorded\. Your reason is kept/,
    )
    const entries = (await rowsWhere(t, 'audit_entry', { action: 'contact.attempt_not_recorded' })).filter(
      (e) => e.object_id === k.personId,
    )
    assert.equal(entries.length, 1)
    assert.equal(entries[0]?.reason, 'He rang back at once; the first call is recorded')
    assert.equal((await rowsWhere(t, 'contact', { person_id: k.personId })).length, contactsBefore)
  })

  test('S3: the page asks what the contact is about; a new FOI request is not this procedure', async () => {
    const k = await c.restrictedCase({
      ...UNTIL_JUNE,
      fullName: 'Page Foi',
      restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { councilWide: true } }],
    })
    const form = await frontline.get('/check')
    assert.match(pageText(form.body), /What is it about\?/)
    const text = pageText(
      (await frontline.get(`/check?q=${encodeURIComponent(k.matterReference)}&channel=email&regarding=foi_request`))
        .body,
    )
    assert.match(text, /Not this procedure/)
    assert.match(text, /Freedom of Information Act 2000/)
  })
})
