import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { apiAs, testApp } from '../../../test/helpers/app.ts'
import { rowCount, rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'
import { closeMatter, openMatter } from '../../../test/helpers/record.ts'

const t = await testApp()
const caseOfficer = await apiAs(t, ['case_officer'])
const frontline = await apiAs(t, ['frontline'])
after(() => t.close())

const count = (table: 'person' | 'person_phone' | 'matter' | 'contact' | 'incident' | 'audit_entry') =>
  rowCount(t, table)

const jo = {
  fullName: 'Joanne Smyth',
  aliases: ['Jo Smith'],
  emails: ['Jo.Smyth@Example.ORG'],
  phones: ['07700 900123', '+44 7700 900123', '(07700) 900-123', '01632 960001'],
  addresses: [{ line1: '1 High Street', town: 'Northampton', postcode: 'nn12ab' }],
  adjustments: [{ need: 'Dyslexia', agreedAdjustment: 'Phone calls rather than long letters', agreedOn: '2026-03-01' }],
}

describe('people (API)', () => {
  let joId = ''

  test('POST /people stores identifiers normalised: three ways of writing one number are one number', async () => {
    const response = await caseOfficer.post('/api/v1/people', jo)
    assert.equal(response.status, 201)
    joId = response.body.id
    const record = await caseOfficer.get(`/api/v1/people/${joId}`)
    assert.equal(record.status, 200)
    assert.deepEqual(record.body.phones, ['+441632960001', '+447700900123'])
    assert.deepEqual(record.body.emails, ['jo.smyth@example.org'])
    assert.deepEqual(record.body.addresses, [
      { line1: '1 High Street', line2: null, town: 'Northampton', postcode: 'NN1 2AB' },
    ])
    assert.equal(
      record.body.adjustments[0].agreedOn,
      '2026-03-01',
      'a date stays the date given, whatever the time zone',
    )
    assert.equal(record.body.isCouncillor, false)
    const audit = await rowWhere(t, 'audit_entry', { object_id: joId })
    assert.equal(audit.action, 'person.created')
  })

  test('bad identifiers are refused field by field, and nothing is stored', async () => {
    const before = await count('person')
    const response = await caseOfficer.post('/api/v1/people', {
      ...jo,
      phones: ['07700 900123', 'call me'],
      addresses: [{ line1: 'x', postcode: 'NOWHERE' }],
    })
    assert.equal(response.status, 400)
    assert.match(response.body.error.fields['phones.1'], /Enter a phone number/)
    assert.match(response.body.error.fields['addresses.0.postcode'], /Enter a real postcode/)
    for (const body of [
      {},
      { fullName: '' },
      { fullName: 'nul\u0000' },
      { fullName: 'x'.repeat(201) },
      { fullName: 'A', emails: Array(21).fill('a@b.example') },
      { fullName: 'A', isCouncillor: 'yes' },
      { fullName: 'A', dateOfBirth: '2099-01-01' },
    ]) {
      const bad = await caseOfficer.post('/api/v1/people', body)
      assert.equal(bad.status, 400, JSON.stringify(body).slice(0, 60))
      assert.equal(bad.body.error.code, 'invalid')
    }
    assert.equal(await count('person'), before)
  })

  test('find a person by a misspelt name, an alias, an email, a phone in any format, a postcode or a matter reference', async () => {
    await caseOfficer.post('/api/v1/people', {
      fullName: 'Peter Jones',
      phones: ['07700 900999'],
      addresses: [{ line1: '2 Low Road', postcode: 'NN9 9ZZ' }],
    })
    const matter = await openMatter(caseOfficer, joId, 'complaint', 'Bins not collected', 'Waste')
    const cases: [string, string][] = [
      ['joanne smith', 'name'],
      ['JOANNE  SMYTHE', 'name'],
      ['jo smith', 'alias'],
      ['jo.smyth@example.org', 'email'],
      ['+447700900123', 'phone'],
      ['07700900123', 'phone'],
      ['nn1 2ab', 'postcode'],
      [matter.body.reference, 'reference'],
    ]
    for (const [q, matchedOn] of cases) {
      const found = await caseOfficer.get(`/api/v1/people?q=${encodeURIComponent(q)}`)
      assert.equal(found.status, 200)
      assert.equal(found.body.items[0]?.id, joId, `${q} finds Joanne`)
      assert.equal(found.body.items[0]?.matchedOn, matchedOn, `${q} says what matched`)
    }
    const none = await caseOfficer.get('/api/v1/people?q=zzzzqqqq')
    assert.deepEqual(none.body.items, [])
    assert.equal((await caseOfficer.get('/api/v1/people?q=a')).status, 400)
  })

  test('K3: each view of a safety marker is recorded; only case officers and heads of service add one', async () => {
    const refused = await frontline.post(`/api/v1/people/${joId}/safety-markers`, {
      precautions: 'Do not visit alone',
      reason: 'Threats',
      reviewOn: '2027-05-01',
    })
    assert.equal(refused.status, 403)
    const past = await caseOfficer.post(`/api/v1/people/${joId}/safety-markers`, {
      precautions: 'Do not visit alone',
      reason: 'Threats',
      reviewOn: '2020-01-01',
    })
    assert.equal(past.status, 422)
    assert.match(past.body.error.fields.reviewOn, /today or in the future/)
    const added = await caseOfficer.post(`/api/v1/people/${joId}/safety-markers`, {
      precautions: 'Do not visit alone',
      reason: 'Threats made on 3 March',
      reviewOn: '2027-05-01',
    })
    assert.equal(added.status, 201)

    const viewsBefore = await rowsWhere(t, 'audit_entry', { action: 'safety_marker.viewed' })
    const seen = await frontline.get(`/api/v1/people/${joId}`)
    assert.deepEqual(seen.body.safetyMarkers, [
      { id: added.body.id, precautions: 'Do not visit alone', reviewOn: '2027-05-01' },
    ])
    const views = await t.services.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'safety_marker.viewed')
      .orderBy('seq')
      .execute()
    assert.equal(views.length, viewsBefore.length + 1)
    assert.equal(views.at(-1)?.actor_id, frontline.staff.id)
    assert.equal(views.at(-1)?.object_id, added.body.id)
  })

  test('an unknown or malformed person id is a 404 or 400 in the contract shape', async () => {
    assert.equal((await caseOfficer.get('/api/v1/people/00000000-0000-4000-8000-000000000000')).status, 404)
    assert.equal((await caseOfficer.get('/api/v1/people/nope')).status, 400)
  })
})

describe('matters, contacts and incidents (API)', () => {
  let personId = ''
  before(async () => {
    personId = (await caseOfficer.post('/api/v1/people', { fullName: 'Alex Example' })).body.id
  })

  test('a complaint gets a reference and closes once with its outcome (F11: process exhausted)', async () => {
    const opened = await openMatter(caseOfficer, personId, 'complaint', 'Parking fine', 'Parking')
    assert.equal(opened.status, 201)
    assert.match(opened.body.reference, /^CMP-\d{4}-\d{6}$/)
    assert.equal(opened.body.status, 'open')
    const closed = await closeMatter(caseOfficer, opened.body.id, 'upheld', true)
    assert.equal(closed.status, 200)
    assert.equal(closed.body.status, 'closed')
    const again = await closeMatter(caseOfficer, opened.body.id, 'upheld', true)
    assert.equal(again.status, 409)
    const row = await rowWhere(t, 'matter', { id: opened.body.id })
    assert.equal(row.complaint_stage, 'closed')
    assert.equal(row.process_exhausted, true)
  })

  test('S3: an FOI request is recorded, but cannot be "upheld" or exhaust the complaints process', async () => {
    const foi = await openMatter(caseOfficer, personId, 'foi', 'Spending on consultants', 'Information governance')
    assert.match(foi.body.reference, /^FOI-/)
    const upheld = await closeMatter(caseOfficer, foi.body.id, 'upheld', false)
    assert.equal(upheld.status, 422)
    const exhausted = await closeMatter(caseOfficer, foi.body.id, 'resolved', true)
    assert.equal(exhausted.status, 422)
    assert.equal(
      (await caseOfficer.post(`/api/v1/matters/${foi.body.id}/close`, { outcome: 'resolved', processExhausted: false }))
        .status,
      200,
    )
  })

  test('bad matters are refused: unknown person, unknown type, missing subject', async () => {
    const before = await count('matter')
    assert.equal(
      (
        await caseOfficer.post('/api/v1/matters', {
          personId: '00000000-0000-4000-8000-000000000000',
          type: 'complaint',
          subject: 'x',
          service: 'y',
        })
      ).status,
      422,
    )
    assert.equal(
      (await caseOfficer.post('/api/v1/matters', { personId, type: 'grumble', subject: 'x', service: 'y' })).status,
      400,
    )
    assert.equal((await caseOfficer.post('/api/v1/matters', { personId, type: 'complaint', service: 'y' })).status, 400)
    assert.equal(await count('matter'), before)
  })

  test('K1: front-line staff record contacts and incidents, but do not open matters', async () => {
    const matter = await openMatter(caseOfficer, personId, 'service_request', 'Pothole', 'Highways')
    const contact = await frontline.post('/api/v1/contacts', {
      personId,
      channel: 'phone',
      direction: 'inbound',
      at: '2026-11-20T10:15:00+00:00',
      matterId: matter.body.id,
      summary: 'Called about the pothole for the fourth time today',
      minutesSpent: 25,
    })
    assert.equal(contact.status, 201)
    const incident = await frontline.post('/api/v1/incidents', {
      personId,
      at: '2026-11-20T10:20:00+00:00',
      category: 'aggressive_or_abusive',
      severity: 'high',
      description: 'Shouted and swore at the call handler',
      contactId: contact.body.id,
    })
    assert.equal(incident.status, 201)
    const stored = await rowWhere(t, 'contact', { id: contact.body.id })
    assert.equal(stored.staff_user_id, frontline.staff.id, 'the staff member defaults to whoever recorded it')
    assert.equal(stored.at.toISOString(), '2026-11-20T10:15:00.000Z')
    assert.equal(
      (await frontline.post('/api/v1/matters', { personId, type: 'enquiry', subject: 'x', service: 'y' })).status,
      403,
    )
  })

  test('bad contacts and incidents are refused and nothing is stored', async () => {
    const other = (await caseOfficer.post('/api/v1/people', { fullName: 'Someone Else' })).body.id
    const theirMatter = await openMatter(caseOfficer, other, 'enquiry', 'x', 'y')
    const before = { contacts: await count('contact'), incidents: await count('incident') }
    const base = { personId, channel: 'email', direction: 'inbound', at: '2026-11-20T10:15:00Z', summary: 'x' }
    const cases: [Record<string, unknown>, number][] = [
      [{ ...base, matterId: theirMatter.body.id }, 422],
      [{ ...base, at: '2099-01-01T00:00:00Z' }, 422],
      [{ ...base, at: '20/11/2026' }, 400],
      [{ ...base, at: '2026-11-20T10:15:00' }, 400],
      [{ ...base, channel: 'pigeon' }, 400],
      [{ ...base, minutesSpent: -5 }, 400],
      [{ ...base, minutesSpent: 2.5 }, 400],
      [{ ...base, summary: '' }, 400],
      [{ ...base, personId: '00000000-0000-4000-8000-000000000000' }, 422],
    ]
    for (const [body, status] of cases) {
      const response = await frontline.post('/api/v1/contacts', body)
      assert.equal(response.status, status, JSON.stringify(body))
    }
    const incident = await frontline.post('/api/v1/incidents', {
      personId,
      at: '2026-11-20T10:15:00Z',
      category: 'rudeness',
      severity: 'low',
      description: 'x',
    })
    assert.equal(incident.status, 400)
    assert.deepEqual({ contacts: await count('contact'), incidents: await count('incident') }, before)
  })

  test('auditors read but never write', async () => {
    const auditor = await apiAs(t, ['auditor'])
    assert.equal((await auditor.get(`/api/v1/people/${personId}`)).status, 200)
    assert.equal((await auditor.post('/api/v1/people', { fullName: 'X' })).status, 403)
    assert.equal((await auditor.post('/api/v1/contacts', {})).status, 403)
  })

  test('the OpenAPI document lists the record endpoints', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json()
    for (const path of [
      '/api/v1/people',
      '/api/v1/people/{id}',
      '/api/v1/people/{id}/safety-markers',
      '/api/v1/matters',
      '/api/v1/matters/{id}/close',
      '/api/v1/contacts',
      '/api/v1/incidents',
    ]) {
      assert.ok(doc.paths[path], path)
    }
    assert.ok(
      doc.paths['/api/v1/contacts'].post.requestBody.content[
        'application/json'
      ].schema.properties.channel.enum.includes('social_media'),
    )
  })
})
