import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { apiAs, dateFields, openAs, pageText, signedIn, testApp } from '../../../test/helpers/app.ts'
import { rowCount, rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'
import { closeMatter, openMatter } from '../../../test/helpers/record.ts'

const t = await testApp()
const api = await apiAs(t, ['case_officer'])
after(() => t.close())

const people = () => rowCount(t, 'person')

describe('finding and adding people', () => {
  test('one search box finds a person by a misspelt name and says what matched', async () => {
    await api.post('/api/v1/people', { fullName: 'Margaret Thornton', phones: ['07700 900456'] })
    const { browser, page: found } = await openAs(t, ['frontline'], '/people?q=margret%20thornten')
    assert.equal(found.statusCode, 200)
    assert.match(found.body, /Margaret Thornton<\/a>/)
    assert.match(found.body, /<td class="govuk-table__cell">Name<\/td>/)
    const byPhone = await browser.get('/people?q=%2B44%207700%20900456')
    assert.match(byPhone.body, /Phone number/)
    const none = await browser.get('/people?q=qqqqzzzz')
    assert.match(none.body, /No one matches/)
    const short = await browser.get('/people?q=a')
    assert.equal(short.statusCode, 422)
    assert.match(short.body, /href="#q">Enter at least 2 characters/)
  })

  test('adding a person: every identifier normalised, and line-by-line messages for bad ones', async () => {
    const { browser } = await signedIn(t, ['frontline'])
    assert.equal((await browser.get('/people/new')).statusCode, 200)
    const before = await people()
    const bad = await browser.post('/people/new', {
      fullName: 'Dev Patel',
      phones: '07700 900321\nnot a number',
      postcode: 'nowhere',
      ...dateFields('dob', 31, 2, 1980),
    })
    assert.equal(bad.statusCode, 422)
    assert.match(bad.body, /href="#phones">Line 2: Enter a phone number/)
    assert.match(bad.body, /href="#postcode">Enter a real postcode/)
    assert.match(bad.body, /href="#line1">Enter the first line of the address/)
    assert.match(bad.body, /href="#dob">/)
    assert.match(bad.body, /not a number<\/textarea>/, 'what was typed is kept')
    assert.equal(await people(), before)

    const ok = await browser.post('/people/new', {
      fullName: 'Dev Patel',
      emails: 'Dev@Example.org',
      phones: '(07700) 900-321',
      line1: '3 Mill Lane',
      town: 'Kettering',
      postcode: 'nn16 8aa',
      ...dateFields('dob', 7, 1, 1980),
    })
    assert.equal(ok.statusCode, 303)
    const page = await browser.get(String(ok.headers.location))
    assert.match(page.body, /Person added/)
    assert.match(page.body, /07700 900321/)
    assert.match(page.body, /dev@example.org/)
    assert.match(page.body, /3 Mill Lane, Kettering, NN16 8AA/)
    assert.match(page.body, /7 January 1980/)
  })

  test('staff are warned before adding someone who looks like an existing person, and can go on', async () => {
    await api.post('/api/v1/people', {
      fullName: 'Sandra Okoye',
      emails: ['sandra@example.org'],
      addresses: [{ line1: '9 Elm Road', postcode: 'NN3 6AB' }],
    })
    const { browser } = await signedIn(t, ['case_officer'])
    const before = await people()
    const warned = await browser.post('/people/new', {
      fullName: 'Sandra Okoye',
      line1: '9 Elm Rd',
      postcode: 'nn3 6ab',
    })
    assert.equal(warned.statusCode, 409)
    assert.match(warned.body, /This person may already be on the record/)
    assert.match(warned.body, /Sandra Okoye<\/a>: similar name at the same postcode/)
    const byEmail = await browser.post('/people/new', { fullName: 'S. Okoye', emails: 'SANDRA@example.org' })
    assert.match(byEmail.body, /same email address/)
    assert.equal(await people(), before, 'nothing added yet')
    const anyway = await browser.post('/people/new', {
      fullName: 'Sandra Okoye',
      line1: '9 Elm Rd',
      postcode: 'nn3 6ab',
      confirmDifferent: 'yes',
    })
    assert.equal(anyway.statusCode, 303)
    assert.equal(await people(), before + 1)
  })

  test('auditors can find people but not add them', async () => {
    const { browser } = await signedIn(t, ['auditor'])
    assert.equal((await browser.get('/people?q=sandra')).statusCode, 200)
    assert.equal((await browser.get('/people/new')).statusCode, 403)
  })
})

describe("the person's page", () => {
  test('shows identity, adjustments, markers (each view audited, K3), open matters, the pattern with its counterweights (P2), and the timeline', async () => {
    const person = await api.post('/api/v1/people', {
      fullName: 'Ray Kelly',
      isCouncillor: true,
      adjustments: [{ need: 'Hearing impairment', agreedAdjustment: 'Email rather than phone' }],
    })
    const id = person.body.id
    const complaint = await openMatter(api, id, 'complaint', 'Noise from the depot', 'Environmental health')
    await closeMatter(api, complaint.body.id, 'upheld', true)
    await openMatter(api, id, 'foi', 'Depot contracts', 'Information governance')
    const now = Date.now()
    for (let i = 0; i < 60; i++) {
      await api.post('/api/v1/contacts', {
        personId: id,
        channel: i % 2 ? 'email' : 'phone',
        direction: 'inbound',
        at: new Date(now - i * 3_600_000).toISOString(),
        summary: `Contact number ${i}`,
        matterId: complaint.body.id,
        minutesSpent: 5,
      })
    }
    await api.post('/api/v1/incidents', {
      personId: id,
      at: new Date(now - 1000).toISOString(),
      category: 'unreasonable_demands',
      severity: 'medium',
      description: 'Demanded a call back every hour',
    })
    await api.post(`/api/v1/people/${id}/safety-markers`, {
      precautions: 'Two officers on home visits',
      reason: 'Threatening letter',
      reviewOn: '2027-06-01',
    })

    const { browser, staff, page } = await openAs(t, ['frontline'], `/people/${id}`)
    assert.equal(page.statusCode, 200)
    const body = pageText(page.body)
    assert.match(body, /Staff safety: Two officers on home visits/)
    assert.match(body, /This person is a councillor/)
    assert.match(body, /Hearing impairment/)
    assert.match(body, /FOI-\d{4}-\d{6}/)
    assert.match(body, /Handled under the Freedom of Information Act 2000/)
    assert.match(body, /Distinct matters raised 2 Complaints 1 Complaints upheld 1 Complaints partly upheld 0/)
    assert.match(body, /Contacts in the last 7 days 60/)
    assert.match(body, /Staff time in the last 90 days 300 minutes/)
    // 60 contacts, 1 incident, 2 matters opened, 1 closed, 1 safety marker
    assert.match(body, /65 entries/)
    assert.equal((page.body.match(/class="moj-timeline__item/g) ?? []).length, 50, 'paged at 50')
    assert.match(body, /Incident: Unreasonable demands \(medium\)/)

    const view = await rowsWhere(t, 'audit_entry', { action: 'safety_marker.viewed', actor_id: staff.id })
    assert.equal(view.length, 1)

    const second = await browser.get(`/people/${id}?page=2`)
    assert.equal((second.body.match(/class="moj-timeline__item/g) ?? []).length, 15)
    const incidents = await browser.get(`/people/${id}?kind=incident`)
    assert.match(pageText(incidents.body), / 1 entry /)
    // the 60 contacts on the complaint, and its opening and closing
    const onMatter = await browser.get(`/people/${id}?matter=${complaint.body.id}`)
    assert.match(pageText(onMatter.body), / 62 entries /)
  })

  test('an unknown person is a 404 page', async () => {
    const { browser } = await signedIn(t, ['frontline'])
    assert.equal((await browser.get('/people/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    assert.equal((await browser.get('/people/not-an-id')).statusCode, 404)
  })
})

describe('business-as-usual measures (S4) and reasonable adjustments (P5)', () => {
  test('a case officer records an informal warning with dates and outcome; it shows on the person page', async () => {
    const id = (await api.post('/api/v1/people', { fullName: 'Colin Ware' })).body.id
    const { browser } = await signedIn(t, ['case_officer'])
    assert.equal((await browser.get(`/people/${id}/arrangements/new`)).statusCode, 200)
    const missing = await browser.post(`/people/${id}/arrangements/new`, { service: 'Housing' })
    assert.equal(missing.statusCode, 422)
    const text = pageText(missing.body)
    assert.match(text, /Choose whether this is an arrangement or an informal warning/)
    assert.match(text, /Enter what was done/)
    assert.match(text, /Enter the date it started/)
    const badDates = await browser.post(`/people/${id}/arrangements/new`, {
      kind: 'informal_warning',
      service: 'Housing',
      description: 'Told on the phone',
      ...dateFields('startedOn', 30, 2, 2026),
    })
    assert.match(pageText(badDates.body), /The start date must be a real date/)
    const reversed = await browser.post(`/people/${id}/arrangements/new`, {
      kind: 'informal_warning',
      service: 'Housing',
      description: 'Told on the phone',
      ...dateFields('startedOn', 10, 3, 2026),
      ...dateFields('endedOn', 1, 3, 2026),
    })
    assert.equal(reversed.statusCode, 422)
    assert.match(pageText(reversed.body), /The end date must be the same as or after the start date/)
    const ok = await browser.post(`/people/${id}/arrangements/new`, {
      kind: 'informal_warning',
      service: 'Housing',
      description: 'Told on the phone that shouting at staff is not acceptable',
      ...dateFields('startedOn', 10, 3, 2026),
      outcome: 'No change',
    })
    assert.equal(ok.statusCode, 303)
    const page = pageText((await browser.get(`/people/${id}`)).body)
    assert.match(
      page,
      /Informal warning : Told on the phone that shouting at staff is not acceptable Housing From 10 March 2026 No change/,
    )
    const rows = await rowsWhere(t, 'operational_arrangement', { person_id: id })
    assert.equal(rows.length, 1, 'the refused attempts stored nothing')
  })

  test('front-line staff cannot record arrangements; anyone who adds people can record an adjustment', async () => {
    const id = (await api.post('/api/v1/people', { fullName: 'Hana Novak' })).body.id
    const { browser } = await signedIn(t, ['frontline'])
    assert.equal((await browser.get(`/people/${id}/arrangements/new`)).statusCode, 403)
    const missing = await browser.post(`/people/${id}/adjustments/new`, {})
    assert.equal(missing.statusCode, 422)
    assert.match(pageText(missing.body), /Enter the need/)
    const ok = await browser.post(`/people/${id}/adjustments/new`, {
      need: 'Autism',
      agreedAdjustment: 'Written summaries after each call',
      ...dateFields('agreedOn', 1, 6, 2026),
    })
    assert.equal(ok.statusCode, 303)
    const page = pageText((await browser.get(`/people/${id}`)).body)
    assert.match(page, /Autism Agreed adjustment Written summaries after each call Agreed 1 June 2026/)
  })
})

describe('merging duplicate records', () => {
  test('every contact, matter and incident is kept on the surviving record, and the merge is audited (K4)', async () => {
    const keep = (await api.post('/api/v1/people', { fullName: 'Brian Foster', phones: ['07700 900777'] })).body.id
    const dup = (
      await api.post('/api/v1/people', {
        fullName: 'Bryan Forster',
        emails: ['bf@example.org'],
        addresses: [{ line1: '5 Oak Way', postcode: 'NN7 1AA' }],
      })
    ).body.id
    const matter = await openMatter(api, dup, 'complaint', 'Street cleaning', 'Waste')
    const contact = await api.post('/api/v1/contacts', {
      personId: dup,
      channel: 'phone',
      direction: 'inbound',
      at: '2026-11-01T09:00:00Z',
      summary: 'Rang about street cleaning',
      matterId: matter.body.id,
    })
    await api.post('/api/v1/incidents', {
      personId: dup,
      at: '2026-11-01T09:05:00Z',
      category: 'unreasonable_demands',
      severity: 'low',
      description: 'Demanded a same-day response',
      contactId: contact.body.id,
    })

    const { browser, page: search } = await openAs(t, ['case_officer'], `/people/${keep}/merge?q=bryan%20forster`)
    assert.match(search.body, new RegExp(`href="\\?duplicate=${dup}"`))
    const compare = await browser.get(`/people/${keep}/merge?duplicate=${dup}`)
    assert.match(pageText(compare.body), /Keep: Brian Foster .* Merge into it: Bryan Forster/)
    const noReason = await browser.post(`/people/${keep}/merge`, { duplicateId: dup })
    assert.equal(noReason.statusCode, 422)
    const self = await browser.post(`/people/${keep}/merge`, { duplicateId: keep, reason: 'x' })
    assert.equal(self.statusCode, 422)
    assert.match(pageText(self.body), /Choose a different record/)
    const merged = await browser.post(`/people/${keep}/merge`, {
      duplicateId: dup,
      reason: 'Same phone call history; misspelt name',
    })
    assert.equal(merged.statusCode, 303)

    const record = await api.get(`/api/v1/people/${keep}`)
    assert.deepEqual(record.body.aliases, ['Bryan Forster'])
    assert.deepEqual(record.body.emails, ['bf@example.org'])
    assert.equal(record.body.addresses[0].postcode, 'NN7 1AA')
    for (const table of ['matter', 'contact', 'incident'] as const) {
      const rows = await t.services.db
        .selectFrom(table)
        .select('person_id')
        .where('person_id', 'in', [keep, dup])
        .execute()
      assert.ok(rows.length > 0 && rows.every((r) => r.person_id === keep), table)
    }
    const old = await browser.get(`/people/${dup}`)
    assert.equal(old.statusCode, 301)
    assert.equal(old.headers.location, `/people/${keep}`)
    const found = await api.get('/api/v1/people?q=bryan%20forster')
    assert.deepEqual(
      found.body.items.map((i: { id: string }) => i.id),
      [keep],
      'search finds the surviving record by the old name',
    )
    const audit = await rowWhere(t, 'audit_entry', { action: 'person.merged' })
    assert.equal(audit.object_id, keep)
    assert.equal(audit.reason, 'Same phone call history; misspelt name')
    assert.deepEqual((audit.after as { moved: Record<string, number> }).moved.contact, 1)
  })

  test('front-line staff cannot merge', async () => {
    const id = (await api.post('/api/v1/people', { fullName: 'Nobody Special' })).body.id
    const { browser } = await signedIn(t, ['frontline'])
    assert.equal((await browser.get(`/people/${id}/merge`)).statusCode, 403)
  })
})

describe('representatives (S5)', () => {
  test('a representative is linked as a separate person with the relationship and consent', async () => {
    const person = (await api.post('/api/v1/people', { fullName: 'Edna Briggs' })).body.id
    const daughter = (await api.post('/api/v1/people', { fullName: 'Sue Briggs' })).body.id
    const { browser, page: search } = await openAs(
      t,
      ['case_officer'],
      `/people/${person}/representatives/new?q=sue%20briggs`,
    )
    assert.match(search.body, new RegExp(`\\?representative=${daughter}`))
    const chosen = await browser.get(`/people/${person}/representatives/new?representative=${daughter}`)
    assert.match(pageText(chosen.body), /Representative: Sue Briggs/)
    const missing = await browser.post(`/people/${person}/representatives/new`, { representativeId: daughter })
    assert.equal(missing.statusCode, 422)
    assert.match(pageText(missing.body), /Say whether the person’s consent is recorded/)
    const ok = await browser.post(`/people/${person}/representatives/new`, {
      representativeId: daughter,
      relationship: 'Daughter',
      consent: 'yes',
    })
    assert.equal(ok.statusCode, 303)
    assert.match(
      pageText((await browser.get(`/people/${person}`)).body),
      /Sue Briggs represents them \(Daughter; consent recorded\)/,
    )
    assert.match(pageText((await browser.get(`/people/${daughter}`)).body), /Represents Edna Briggs \(Daughter\)/)
  })
})
