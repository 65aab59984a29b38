import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, describe, test } from 'node:test'
import { pageText, signedIn } from '../../../test/helpers/app.ts'
import { auditActions, rowWhere } from '../../../test/helpers/rows.ts'
import { contact, incident, when, NOW, recordApp } from './record-pages.fixtures.ts'

const { t, f } = await recordApp()
after(() => t.close())

describe('recording a contact', () => {
  test('K1: a contact is stored with its UK date and time, channel, direction, matter, summary, staff time and staff member, and audited', async () => {
    const { browser, staff, personId } = await f.signedInWithPerson(['frontline'])
    const matterId = await f.newMatter(personId)
    const response = await browser.post(`/people/${personId}/contacts/new`, contact({ matterId, minutesSpent: '12' }))
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/people/${personId}?done=contact`)
    const row = await rowWhere(t, 'contact', { person_id: personId })
    assert.equal(row.at.toISOString(), '2026-07-15T13:05:00.000Z', '2:05pm BST is 13:05 UTC')
    assert.deepEqual(
      [row.channel, row.direction, row.matter_id, row.summary, row.minutes_spent, row.staff_user_id, row.recorded_by],
      ['phone', 'inbound', matterId, 'Asked when the bins will be collected', 12, staff.id, staff.id],
    )
    const entry = await f.latestAudit('contact.recorded')
    assert.equal(entry.object_id, row.id)
    assert.equal(entry.actor_id, staff.id)
    assert.deepEqual(entry.after, {
      personId,
      matterId,
      channel: 'phone',
      direction: 'inbound',
      at: '2026-07-15T13:05:00.000Z',
      minutesSpent: 12,
    })
  })

  test('K1: the form starts at now in UK time and inbound, and offers None then this person’s matters (open first)', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const closed = await f.newMatter(personId, 'enquiry')
    await f.api.post(`/api/v1/matters/${closed}/close`, { outcome: 'resolved', processExhausted: false })
    const open = await f.newMatter(personId)
    const others = await f.newMatter(await f.newPerson('Someone Else'))
    t.clock.now = new Date('2026-07-01T23:30:00Z')
    try {
      const page = await browser.get(`/people/${personId}/contacts/new?matter=${open}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, new RegExp(`<option value="${open}" selected>`), 'a matter can be chosen by the link')
      for (const [name, value] of Object.entries(when('2', '7', '2026', '00:30')))
        assert.match(page.body, new RegExp(`name="${name}"[^>]* value="${value}"`), name)
      assert.match(page.body, /value="inbound" checked/)
      const options = [...page.body.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]?.trim()])
      assert.deepEqual(
        options.map(([value]) => value),
        ['', open, closed],
      )
      assert.equal(options[0]?.[1], 'None')
      assert.match(String(options[2]?.[1]), /\(closed\)$/)
      assert.doesNotMatch(page.body, new RegExp(others))
    } finally {
      t.clock.now = NOW
    }
  })

  test('K1: times across the clock changes: 29 March 2026 1:30am never happened; 25 October 2026 1:30am needs BST or GMT', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const post = (day: string, month: string, time: string) =>
      browser.post(`/people/${personId}/contacts/new`, contact(when(day, month, '2026', time)))
    assert.equal((await post('29', '3', '2:30am')).statusCode, 303)
    const skipped = await post('29', '3', '1:30am')
    assert.equal(skipped.statusCode, 422)
    assert.match(skipped.body, /href="#time">01:30 did not happen on 29 March 2026: the clocks went forward/)
    const twice = await post('25', '10', '01:30')
    assert.equal(twice.statusCode, 422)
    assert.match(twice.body, /href="#time">01:30 happened twice on 25 October 2026 because the clocks went back/)
    assert.equal((await post('25', '10', '01:30 BST')).statusCode, 303)
    assert.equal((await post('25', '10', '1:30am GMT')).statusCode, 303)
    const stored = await t.services.db
      .selectFrom('contact')
      .select('at')
      .where('person_id', '=', personId)
      .orderBy('at')
      .execute()
    assert.deepEqual(
      stored.map((r) => r.at.toISOString()),
      ['2026-03-29T01:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
    )
  })

  test('K1: missing input gets GOV.UK messages linked to each field, in page order, and nothing is stored', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const before = await f.counts()
    const response = await browser.post(`/people/${personId}/contacts/new`, { summary: '   ' })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /<title>Error: Record a contact/)
    const links = [...response.body.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`)
    assert.deepEqual(links, [
      '#channel Select how the contact was made',
      '#direction Select whether they contacted the council or the council contacted them',
      '#date-day Enter the date',
      '#time Enter the time',
      '#summary Enter a summary',
    ])
    assert.deepEqual(await f.counts(), before)
  })

  test('hostile input: HTML is kept as typed and escaped; NUL, huge text, 30 February, 25:00 and odd minutes are refused', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const before = await f.counts()
    const bad = await browser.post(
      `/people/${personId}/contacts/new`,
      contact({ ...when('30', '2', '2026', '25:00'), summary: '<script>alert(1)</script>\u0000', minutesSpent: '1.5' }),
    )
    assert.equal(bad.statusCode, 422)
    assert.match(bad.body, /href="#date-day">The date must be a real date/)
    assert.match(bad.body, /href="#time">Enter a real time, like 14:05 or 2:05pm/)
    assert.match(bad.body, /href="#summary">A summary contains characters that cannot be stored/)
    assert.match(bad.body, /href="#minutesSpent">Minutes of staff time must be a whole number/)
    assert.match(bad.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'what was typed is kept, escaped')
    assert.doesNotMatch(bad.body, /<script>alert/)
    assert.match(bad.body, /name="date-day" type="text" value="30"/)
    const huge = await browser.post(
      `/people/${personId}/contacts/new`,
      contact({ summary: 'x'.repeat(5001), minutesSpent: '99999' }),
    )
    assert.equal(huge.statusCode, 422)
    assert.match(huge.body, /href="#summary">A summary must be 5000 characters or fewer/)
    assert.match(huge.body, /href="#minutesSpent">Minutes of staff time must be 1440 \(a day\) or fewer/)
    const forged = await browser.post(
      `/people/${personId}/contacts/new`,
      contact({ channel: 'pigeon', direction: 'sideways' }),
    )
    assert.match(forged.body, /href="#channel">Select how the contact was made/)
    assert.deepEqual(await f.counts(), before)

    const html = await browser.post(`/people/${personId}/contacts/new`, contact({ summary: '<b>Bold</b> & "quoted"' }))
    assert.equal(html.statusCode, 303)
    const row = await rowWhere(t, 'contact', { person_id: personId })
    assert.equal(row.summary, '<b>Bold</b> & "quoted"', 'stored exactly as typed')
  })

  test('a matter of another person, or a malformed one, is refused against the matter field; nothing is stored', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const theirs = await f.newMatter(await f.newPerson('Another Person'))
    const before = await f.counts()
    const other = await browser.post(`/people/${personId}/contacts/new`, contact({ matterId: theirs }))
    assert.equal(other.statusCode, 422)
    assert.match(other.body, /href="#matterId">Choose a matter of this person, or none/)
    const malformed = await browser.post(`/people/${personId}/contacts/new`, contact({ matterId: "1' or '1'='1" }))
    assert.match(malformed.body, /href="#matterId">Select one of this person’s matters, or none/)
    assert.deepEqual(await f.counts(), before)
  })

  test('a time later than now is refused against the time (today) or the date (another day)', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const later = await browser.post(`/people/${personId}/contacts/new`, contact(when('20', '11', '2026', '15:00')))
    assert.equal(later.statusCode, 422)
    assert.match(later.body, /href="#time">The date and time must not be in the future/)
    const nextYear = await browser.post(`/people/${personId}/contacts/new`, contact(when('1', '1', '2027', '09:00')))
    assert.match(nextYear.body, /href="#date-day">The date and time must not be in the future/)
  })

  test('P4, K3: safety markers are shown on the contact and incident forms, and every view is recorded', async () => {
    const { browser, staff, personId } = await f.signedInWithPerson(['frontline'])
    const marker = await f.api.post(`/api/v1/people/${personId}/safety-markers`, {
      precautions: 'Never meet alone',
      reason: 'Threatened staff',
      reviewOn: '2027-06-01',
    })
    assert.equal(marker.status, 201)
    for (const [path, where] of [
      ['contacts', 'record a contact'],
      ['incidents', 'record an incident'],
    ] as const) {
      const page = await browser.get(`/people/${personId}/${path}/new`)
      assert.match(pageText(page.body), /Staff safety: Never meet alone/)
      const view = await f.latestAudit('safety_marker.viewed')
      assert.equal(view.actor_id, staff.id)
      assert.deepEqual(view.after, { where })
    }
  })
})

describe('recording an incident', () => {
  test('K1: an incident is stored with its time, behaviour category, severity, witnesses, police reference and contact, and audited', async () => {
    const { browser, staff, personId } = await f.signedInWithPerson(['frontline'])
    await browser.post(`/people/${personId}/contacts/new`, contact())
    const { id: contactId } = await rowWhere(t, 'contact', { person_id: personId })
    const response = await browser.post(
      `/people/${personId}/incidents/new`,
      incident({ contactId, witnesses: 'J. Smith (reception)', policeReference: 'NP-2026-1234' }),
    )
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, `/people/${personId}?done=incident`)
    const row = await rowWhere(t, 'incident', { person_id: personId })
    assert.deepEqual(
      [
        row.at.toISOString(),
        row.category,
        row.severity,
        row.description,
        row.witnesses,
        row.police_reference,
        row.contact_id,
      ],
      [
        '2026-07-16T08:15:00.000Z',
        'aggressive_or_abusive',
        'high',
        'Shouted and swore at the receptionist',
        'J. Smith (reception)',
        'NP-2026-1234',
        contactId,
      ],
    )
    const entry = await f.latestAudit('incident.recorded')
    assert.equal(entry.object_id, row.id)
    assert.equal(entry.actor_id, staff.id)
    assert.deepEqual(entry.after, {
      personId,
      category: 'aggressive_or_abusive',
      severity: 'high',
      at: '2026-07-16T08:15:00.000Z',
      contactId,
    })
  })

  test('K1: the form offers every behaviour category and severity, and this person’s 20 most recent contacts', async () => {
    const { browser, staff, personId } = await f.signedInWithPerson(['frontline'])
    const otherId = await f.newPerson('Not Them')
    const rows = [...Array(22).keys()].map((i) => ({
      person_id: i === 21 ? otherId : personId,
      channel: 'email' as const,
      direction: 'inbound' as const,
      at: new Date(Date.UTC(2026, 5, 1 + i, 10)),
      summary: `Email number ${i}`,
      staff_user_id: staff.id,
      recorded_by: staff.id,
    }))
    await t.services.db.insertInto('contact').values(rows).execute()
    const page = await browser.get(`/people/${personId}/incidents/new`)
    const text = pageText(page.body)
    for (const name of [
      'Aggressive or abusive behaviour',
      'Unreasonable use of the complaints process',
      'Immediate risk to safety',
    ])
      assert.match(text, new RegExp(name))
    const options = [...page.body.matchAll(/<option value="([^"]*)"/g)]
    assert.equal(options.length, 21, 'None and 20 contacts')
    assert.match(text, /Email number 20/)
    assert.doesNotMatch(text, /Email number 0\b/, 'the oldest is left off')
    assert.doesNotMatch(text, /Email number 21/, 'another person’s contact is never offered')
  })

  test('K1: missing input gets GOV.UK messages linked to each field, and nothing is stored', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const before = await f.counts()
    const response = await browser.post(`/people/${personId}/incidents/new`, {})
    assert.equal(response.statusCode, 422)
    const links = [...response.body.matchAll(/<a href="(#[^"]+)">/g)].map((m) => m[1])
    assert.deepEqual(links, ['#date-day', '#time', '#category', '#severity', '#description'])
    assert.deepEqual(await f.counts(), before)
  })

  test('hostile input: another person’s contact, a forged category, a two-line police reference and a bad date are refused', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const otherId = await f.newPerson('Other Person')
    await browser.post(`/people/${otherId}/contacts/new`, contact())
    const { id: theirs } = await rowWhere(t, 'contact', { person_id: otherId })
    const before = await f.counts()
    const other = await browser.post(`/people/${personId}/incidents/new`, incident({ contactId: theirs }))
    assert.equal(other.statusCode, 422)
    assert.match(other.body, /href="#contactId">Choose a contact of this person, or none/)
    const forged = await browser.post(
      `/people/${personId}/incidents/new`,
      incident({ category: 'rude', severity: 'extreme', policeReference: 'A\nB', ...when('31', '4', '2026', '9am') }),
    )
    assert.match(forged.body, /href="#category">Select the kind of behaviour/)
    assert.match(forged.body, /href="#severity">Select how serious it was/)
    assert.match(forged.body, /href="#policeReference">The police reference must be on one line/)
    assert.match(forged.body, /href="#date-day">The date must be a real date/)
    assert.deepEqual(await f.counts(), before)
  })
})

describe('every recording page', () => {
  const pages = (personId: string, matterId: string) => [
    { url: `/people/${personId}/contacts/new`, title: 'Record a contact', qa: 'save-contact' },
    { url: `/people/${personId}/incidents/new`, title: 'Record an incident', qa: 'save-incident' },
    { url: `/people/${personId}/matters/new`, title: 'Open a matter', qa: 'open-matter' },
    { url: `/matters/${matterId}/close`, title: 'Close CMP-', qa: 'close-matter' },
    { url: `/people/${personId}/safety-markers/new`, title: 'Add a safety marker', qa: 'add-safety-marker' },
  ]

  test('has a title, a back link to the person page, the CSRF field and a data-qa submit button', async () => {
    const { browser, personId } = await f.signedInWithPerson(['case_officer'])
    const matterId = await f.newMatter(personId)
    for (const page of pages(personId, matterId)) {
      const response = await browser.get(page.url)
      assert.equal(response.statusCode, 200, page.url)
      assert.match(response.body, new RegExp(`<title>${page.title}`), page.url)
      assert.match(
        response.body,
        new RegExp(`<a href="/people/${personId}" class="govuk-back-link">Back</a>`),
        page.url,
      )
      assert.match(response.body, /<input type="hidden" name="_csrf" value="[^"]+">/, page.url)
      assert.match(response.body, new RegExp(`data-qa="${page.qa}"`), page.url)
    }
  })

  test('an unknown or malformed person or matter id gives the 404 page, for GET and POST', async () => {
    const { browser } = await signedIn(t, ['case_officer'])
    for (const id of [randomUUID(), 'not-a-uuid', '%00']) {
      for (const page of pages(id, id)) {
        assert.equal((await browser.get(page.url)).statusCode, 404, `GET ${page.url}`)
        assert.equal((await browser.post(page.url, {})).statusCode, 404, `POST ${page.url}`)
      }
    }
  })

  test('K1: front-line staff record contacts and incidents, but get 403 on the matter and safety-marker forms; an auditor gets 403 on all', async () => {
    const personId = await f.newPerson()
    const matterId = await f.newMatter(personId)
    const [contactPage, incidentPage, matterPage, closePage, markerPage] = pages(personId, matterId)
    const frontline = (await signedIn(t, ['frontline'])).browser
    const auditor = (await signedIn(t, ['auditor'])).browser
    for (const page of [contactPage, incidentPage])
      assert.equal((await frontline.get(String(page?.url))).statusCode, 200)
    const before = await f.counts()
    for (const page of [matterPage, closePage, markerPage]) {
      assert.equal((await frontline.get(String(page?.url))).statusCode, 403, page?.url)
      assert.equal(
        (await frontline.post(String(page?.url), { type: 'complaint', subject: 'x', service: 'y' })).statusCode,
        403,
      )
    }
    for (const page of pages(personId, matterId)) {
      assert.equal((await auditor.get(page.url)).statusCode, 403, page.url)
      assert.equal((await auditor.post(page.url, contact())).statusCode, 403, page.url)
    }
    assert.deepEqual(await f.counts(), before)
  })

  test('a form posted without its CSRF token is refused, and nothing is stored', async () => {
    const { browser, personId } = await f.signedInWithPerson(['frontline'])
    const before = await auditActions(t)
    const response = await browser.post(`/people/${personId}/contacts/new`, { ...contact(), _csrf: null })
    assert.equal(response.statusCode, 403)
    assert.deepEqual(await auditActions(t), before)
  })
})
