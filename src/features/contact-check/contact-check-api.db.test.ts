import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'
import { ok, procedureApp, UNTIL_JUNE, type RestrictionOptions } from '../../../test/helpers/procedure.ts'

// POST /api/v1/contact-checks (V1–V5, F5, F6, F7, F9, F11, S2, S3, K3, K7) as telephony and CRM call it.

const { t, c } = await procedureApp() // Monday
after(() => t.close())

/** A person with the given restrictions in force from today (warning, proposal, two approvals, letter). */
const restricted = (restrictions: unknown[], options: RestrictionOptions = {}) =>
  c.restrictedCase({ ...UNTIL_JUNE, restrictions, ...options })

const check = (body: Record<string, unknown>) => c.frontline.post('/api/v1/contact-checks', body)

describe('the contact check', () => {
  test('V3, F5a: a call from someone limited to letters is redirected to writing; a front-line token may ask', async () => {
    await restricted(
      [
        {
          type: 'contact_method',
          channels: ['letter'],
          address: 'PO Box 1, Northampton',
          scope: { councilWide: true },
        },
      ],
      {
        fullName: 'Letter Only',
      },
    )
    const response = await check({ phone: '+44 7700 900456', channel: 'phone', name: undefined })
    assert.equal(response.status, 200)
    assert.equal(response.body.verdict, 'redirect')
    assert.equal(response.body.person.fullName, 'Letter Only')
    assert.ok(response.body.reasons.some((r: { rule: string }) => r.rule === 'F5a'))
    assert.match(response.body.script, /letter/i)
    assert.equal(JSON.stringify(response.body).includes('Called the officer names'), false, 'K7: no incident details')
  })

  test('uncertain identity: a phone number shared by several people lists the candidates and picks none', async () => {
    await c.personWithHistory({ fullName: 'Shares The Phone' })
    const response = await check({ phone: '07700 900456', channel: 'phone' })
    assert.equal(response.status, 200)
    assert.equal(response.body.person, null)
    assert.ok(response.body.candidates.length >= 2)
    assert.equal(response.body.candidates[0].matchedOn, 'phone')
    assert.match(response.body.reasons[0].text, /at least one possible match has restrictions/)
  })

  test('uncertain identity: a misspelt name is only a candidate, never the person', async () => {
    const response = await check({ name: 'Leter Onley', channel: 'email' })
    assert.equal(response.body.person, null)
    assert.ok(response.body.candidates.some((x: { fullName: string }) => x.fullName === 'Letter Only'))
    const exact = await check({ name: 'letter only', postcode: 'nn11aa', channel: 'email' })
    assert.equal(exact.body.person.fullName, 'Letter Only')
    assert.equal(exact.body.verdict, 'redirect', 'F5a: an email is not a letter')
  })

  test('F9: a restriction approved but not yet notified does not count (V1)', async () => {
    const p = await restricted([{ type: 'contact_method', channels: ['letter'], scope: { councilWide: true } }], {
      fullName: 'Not Yet Told',
      notice: false,
    })
    const response = await check({ personId: p.personId, channel: 'phone' })
    assert.equal(response.body.verdict, 'proceed')
    assert.equal(response.body.reasons[0].rule, 'V1')
  })

  test('F6: a restriction scoped to Housing does not apply to Adult Social Care', async () => {
    const p = await restricted([{ type: 'contact_method', channels: ['letter'], scope: { services: ['Housing'] } }], {
      fullName: 'Housing Only',
    })
    assert.equal(
      (await check({ personId: p.personId, channel: 'phone', service: 'Adult Social Care' })).body.verdict,
      'proceed',
    )
    assert.equal((await check({ personId: p.personId, channel: 'phone', service: 'housing' })).body.verdict, 'redirect')
  })

  test('F5c: calls only on Tuesdays 10:00–12:00, UK time, with the next window', async () => {
    const p = await restricted(
      [
        {
          type: 'phone_times',
          windows: [{ day: 'tuesday', from: '10:00', to: '12:00' }],
          maxCallMinutes: 20,
          scope: { councilWide: true },
        },
      ],
      { fullName: 'Tuesday Caller' },
    )
    const monday = await check({ personId: p.personId, channel: 'phone', at: '2027-01-04T11:00:00+00:00' })
    assert.equal(monday.body.verdict, 'redirect')
    assert.deepEqual(monday.body.nextWindow, { date: '2027-01-05', from: '10:00', to: '12:00' })
    const tuesday = await check({ personId: p.personId, channel: 'phone', at: '2027-01-05T10:30:00+00:00' })
    assert.equal(tuesday.body.verdict, 'proceed_with_conditions')
    assert.ok(tuesday.body.conditions.some((x: string) => /20 minutes/.test(x)))
  })

  test('F11, V4: correspondence on the closed matter is read and filed, and lands in the queue when recorded', async () => {
    const p = await c.closedMatter('file_without_acknowledgement', { fullName: 'Closed Matter' })
    const onIt = await check({
      personId: p.personId,
      channel: 'email',
      matterId: p.matterId,
      record: true,
      summary: 'Email about bins again',
    })
    assert.equal(onIt.body.verdict, 'read_and_file')
    assert.equal(onIt.body.reply, 'file_without_acknowledgement')
    assert.ok(onIt.body.contactId)
    assert.equal(onIt.body.queued, true)
    const item = await rowWhere(t, 'closed_matter_item', { contact_id: onIt.body.contactId })
    assert.equal(item.read_at, null)
    const newComplaint = await check({ personId: p.personId, channel: 'email' })
    assert.equal(newComplaint.body.verdict, 'proceed', 'P3: anything else is not blocked by this restriction')
  })

  test('S3, V5: an FOI request is never this procedure, whatever the restrictions', async () => {
    const p = await restricted([{ type: 'contact_method', channels: ['letter'], scope: { councilWide: true } }], {
      fullName: 'Foi Asker',
    })
    const foi = ok<{ id: string }>(
      await c.officer.post('/api/v1/matters', {
        personId: p.personId,
        type: 'foi',
        subject: 'Bin contract costs',
        service: 'Waste',
      }),
    )
    const response = await check({ personId: p.personId, channel: 'email', matterId: foi.id })
    assert.equal(response.body.verdict, 'not_this_procedure')
    assert.equal(response.body.reasons[0].rule, 'S3')
  })

  test('K3: a safety marker shown by the check is shown with its precautions and the view is recorded', async () => {
    const p = await c.personWithHistory({ fullName: 'Marker Person' })
    await c.safetyMarker(p.personId, { precautions: 'Meet in pairs only', reason: 'Threats', reviewOn: '2027-06-01' })
    const response = await check({ personId: p.personId, channel: 'in_person' })
    assert.equal(response.body.verdict, 'proceed_with_conditions')
    assert.deepEqual(response.body.safetyMarkers, [{ precautions: 'Meet in pairs only', reviewOn: '2027-06-01' }])
    const views = await rowsWhere(t, 'audit_entry', { action: 'safety_marker.viewed' })
    assert.ok(views.length >= 1)
  })

  test('bad input is refused clearly: no identifier, an unknown channel; an auditor may check but not record', async () => {
    const none = await check({ channel: 'phone' })
    assert.equal(none.status, 400)
    assert.ok(none.body.error.fields.personId)
    assert.equal((await check({ phone: '07700900456', channel: 'fax' })).status, 400)
    const auditor = await (await import('../../../test/helpers/app.ts')).apiAs(t, ['auditor'])
    assert.equal((await auditor.post('/api/v1/contact-checks', { phone: '07700900456', channel: 'phone' })).status, 200)
    assert.equal(
      (await auditor.post('/api/v1/contact-checks', { phone: '07700900456', channel: 'phone', record: true })).status,
      403,
    )
  })
})
