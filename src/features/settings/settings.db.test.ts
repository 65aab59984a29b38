import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { pageText, signedIn, type Browser } from '../../../test/helpers/app.ts'
import { procedureApp, type Cast } from '../../../test/helpers/procedure.ts'
import { auditActions, latestAudit, rowCount } from '../../../test/helpers/rows.ts'

// Issue 14, "the council's settings in the service": an administrator changes the council's name, return address,
// contact details, nation (the Ombudsman letters name) and the procedure's settings (F3), and a signatory's job title;
// each change is audited with what it was and what it is (K4). A letter issued afterwards reads the new values; one
// issued before keeps what it said (F9). A non-administrator may not change them; a wrong value stores nothing.

const { t, c } = await procedureApp()
after(() => t.close())

let admin: Browser
before(async () => {
  ;({ browser: admin } = await signedIn(t, ['admin']))
})

interface StoredLetter {
  sender: { councilName: string; returnAddressLines: string[]; contactRoute: string }
  signatories: { name: string; role: string }[]
  sections: { key: string; paragraphs?: string[] }[]
}

async function letterContent(id: string): Promise<StoredLetter> {
  const row = await t.services.db.selectFrom('letter').select('content').where('id', '=', id).executeTakeFirstOrThrow()
  return row.content as StoredLetter
}
const text = (letter: StoredLetter) => JSON.stringify(letter)

async function change(slug: string, form: Record<string, string>) {
  await admin.get(`/settings/${slug}`)
  return admin.post(`/settings/${slug}`, form)
}

describe('issue 14: settings changed by an administrator', () => {
  let oldWarningLetter = ''
  let oldNotice = ''
  let settingsPage = ''

  before(async () => {
    const old = await c.restrictedCase()
    oldWarningLetter = old.warningLetterId
    oldNotice = old.noticeLetterId
    const officer = c.officer.staff

    const changes: [string, Record<string, string>][] = [
      ['council-name', { councilName: 'Glanfa County Borough Council' }],
      ['return-address', { returnAddress: 'Civic Centre\r\nStryd Fawr\r\n\r\nGlanfa\r\nGL1 2AB' }],
      ['contact', { contact: 'Customer Services, Civic Centre, Glanfa GL1 2AB, or 01234 000111' }],
      ['nation', { nation: 'wales' }],
      [
        'procedure',
        {
          monitoringWeeks: '12',
          maxRestrictionMonths: '12',
          firstReviewWithinMonths: '6',
          ratificationWorkingDays: '10',
          challengeWorkingDays: '15',
        },
      ],
      [`signatories/${officer.id}`, { jobTitle: 'Head of Housing' }],
    ]
    for (const [slug, form] of changes) {
      const response = await change(slug, form)
      assert.equal(response.statusCode, 303, `${slug}: ${pageText(response.body).slice(0, 400)}`)
    }
    settingsPage = pageText((await admin.get('/settings')).body)
  })

  test('the settings page shows what is in force, and the header the new name', () => {
    assert.match(settingsPage, /Glanfa County Borough Council/)
    assert.match(settingsPage, /Civic Centre Stryd Fawr Glanfa GL1 2AB/)
    assert.match(settingsPage, /Letters name the Public Services Ombudsman for Wales \(PSOW\)/)
    assert.match(settingsPage, /England and Wales bank holidays/)
    assert.match(settingsPage, /Warning kept under review \(F3\) 12 weeks/)
    assert.match(settingsPage, /Head of Housing \(Case officer\)/)
    assert.match(settingsPage, /Fair Contact – Glanfa County Borough Council/)
  })

  test('K4: each change is audited with what it was and what it is now', async () => {
    const named = await t.services.db
      .selectFrom('audit_entry')
      .select(['object_id', 'before', 'after', 'actor_id'])
      .where('action', '=', 'council_setting.changed')
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      named.map((e) => e.object_id),
      ['council_name', 'return_address', 'contact', 'nation', 'procedure'],
    )
    assert.deepEqual(named[0]?.before, { council_name: null })
    assert.deepEqual(named[0]?.after, { council_name: 'Glanfa County Borough Council' })
    assert.deepEqual(named[1]?.after, { return_address: ['Civic Centre', 'Stryd Fawr', 'Glanfa', 'GL1 2AB'] })
    const title = await latestAudit(t, 'staff.job_title_changed')
    assert.deepEqual(title.before, { jobTitle: null })
    assert.deepEqual(title.after, { jobTitle: 'Head of Housing' })

    // A second change records the first as what it was.
    await change('council-name', { councilName: 'Glanfa Council' })
    const again = await latestAudit(t, 'council_setting.changed')
    assert.deepEqual(again.before, { council_name: 'Glanfa County Borough Council' })
    assert.deepEqual(again.after, { council_name: 'Glanfa Council' })
    await change('council-name', { councilName: 'Glanfa County Borough Council' })
  })

  test('F9: a new letter reads the new values: name, address, contact, signatory’s title, Ombudsman, F3, F10', async () => {
    const fresh = await c.restrictedCase({ fullName: 'Dylan Price' })
    const warning = await letterContent(fresh.warningLetterId)
    assert.equal(warning.sender.councilName, 'Glanfa County Borough Council')
    assert.deepEqual(warning.sender.returnAddressLines, ['Civic Centre', 'Stryd Fawr', 'Glanfa', 'GL1 2AB'])
    assert.equal(warning.sender.contactRoute, 'Customer Services, Civic Centre, Glanfa GL1 2AB, or 01234 000111')
    assert.deepEqual(warning.signatories, [{ name: c.officer.staff.name, role: 'Head of Housing' }])
    assert.match(text(warning), /12 weeks/)
    const notice = text(await letterContent(fresh.noticeLetterId))
    assert.match(notice, /Public Services Ombudsman for Wales/)
    assert.match(notice, /www\.ombudsman\.wales/)
    assert.doesNotMatch(notice, /Local Government and Social Care Ombudsman/)
  })

  test('F9: a letter issued before the change keeps what it said', async () => {
    const warning = await letterContent(oldWarningLetter)
    assert.equal(warning.sender.councilName, 'Testshire Council')
    assert.deepEqual(warning.sender.returnAddressLines, [
      'Customer Relations',
      'County Hall',
      'Test Street',
      'Testtown',
      'TE1 1ST',
    ])
    assert.deepEqual(warning.signatories, [{ name: c.officer.staff.name, role: 'Case officer' }])
    assert.match(text(warning), /8 weeks/)
    const notice = text(await letterContent(oldNotice))
    assert.match(notice, /Local Government and Social Care Ombudsman/)
    assert.doesNotMatch(notice, /Glanfa|Wales/)
    // And through the API, as issued.
    const api = await c.officer.get(`/api/v1/letters/${oldNotice}`)
    assert.equal(api.status, 200)
    assert.doesNotMatch(JSON.stringify(api.body), /Glanfa|Ombudsman for Wales/)
  })
})

describe('issue 14: contact details per service, where they differ', () => {
  test('F9: a letter about a case of that service gives its own contact details; removed, the council’s again', async () => {
    const response = await change('service-contact', {
      service: ' waste ',
      contact: 'Waste Services, Depot Road, Glanfa GL2 3CD, or 01234 000222',
    })
    assert.equal(response.statusCode, 303)
    const entry = await latestAudit(t, 'council_setting.changed')
    assert.deepEqual(entry.before, { service_contacts: null })
    assert.deepEqual(entry.after, {
      service_contacts: [{ service: 'waste', contact: 'Waste Services, Depot Road, Glanfa GL2 3CD, or 01234 000222' }],
    })
    assert.match(pageText((await admin.get('/settings')).body), /waste Waste Services, Depot Road/)
    // The cases here are about Waste (CASE_SERVICE): the same service whatever its case.
    const waste = await c.warnedCase({ fullName: 'Wyn Waste' })
    const letter = await letterContent(waste.warningLetterId)
    assert.equal(letter.sender.contactRoute, 'Waste Services, Depot Road, Glanfa GL2 3CD, or 01234 000222')

    assert.equal((await change('service-contact', { service: 'Waste', contact: '' })).statusCode, 303)
    assert.deepEqual((await latestAudit(t, 'council_setting.changed')).after, { service_contacts: [] })
    const after = await c.warnedCase({ fullName: 'Wendy Waste' })
    assert.equal(
      (await letterContent(after.warningLetterId)).sender.contactRoute,
      'Customer Services, Civic Centre, Glanfa GL1 2AB, or 01234 000111',
    )
    // The letter issued while the service's details were set keeps them.
    assert.equal(
      (await letterContent(waste.warningLetterId)).sender.contactRoute,
      'Waste Services, Depot Road, Glanfa GL2 3CD, or 01234 000222',
    )
  })
})

describe('issue 14: a wrong value is refused with a GOV.UK message and stores nothing', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['council-name', { councilName: '   ' }, /Enter the council’s name/],
    ['return-address', { returnAddress: '\r\n  \r\n' }, /Enter the return address/],
    [
      'return-address',
      { returnAddress: Array.from({ length: 9 }, (_, i) => `Line ${i}`).join('\n') },
      /8 lines or fewer/,
    ],
    ['contact', { contact: '' }, /Enter how people can contact the council/],
    ['nation', { nation: 'mercia' }, /Select the nation the council is in/],
    ['service-contact', { service: ' ', contact: 'Somewhere' }, /Enter the service/],
    ['nation', {}, /Select the nation the council is in/],
    [
      'procedure',
      {
        monitoringWeeks: 'eight',
        maxRestrictionMonths: '3',
        firstReviewWithinMonths: '6',
        ratificationWorkingDays: '0',
        challengeWorkingDays: '',
      },
      /The monitoring period must be a whole number.*The first review must be no later than the longest a restriction may last.*The time to ratify an interim restriction must be 1 or more.*Enter the time to challenge/,
    ],
    [
      'attention',
      {
        contacts7Days: '10',
        contacts30Days: '25',
        ratioToHistory: 'x',
        closedMatterContacts90Days: '5',
        channels7Days: '1',
        staff30Days: '6',
        staffMinutes30Days: '300',
      },
      /How many times their usual rate must be a number.*Ways of contact in 7 days must be 2 or more/,
    ],
  ]
  for (const [slug, form, message] of cases) {
    test(`${slug}: ${JSON.stringify(form).slice(0, 60)}`, async () => {
      const before = { settings: await rowCount(t, 'council_setting'), audit: (await auditActions(t)).length }
      const response = await change(slug, form)
      assert.equal(response.statusCode, 422)
      const page = pageText(response.body)
      assert.match(page, /There is a problem/)
      assert.match(page, message)
      assert.match(response.body, /<title>Error: /)
      assert.equal(await rowCount(t, 'council_setting'), before.settings)
      assert.equal((await auditActions(t)).length, before.audit)
    })
  }
})

describe('issue 14: only an administrator changes the settings', () => {
  let officer: Browser
  before(async () => {
    ;({ browser: officer } = await signedIn(t, ['case_officer', 'head_of_service', 'chief_executive', 'auditor']))
  })
  test('others are refused the page and the change, and nothing is stored', async () => {
    const before = { settings: await rowCount(t, 'council_setting'), audit: (await auditActions(t)).length }
    assert.equal((await officer.get('/settings')).statusCode, 403)
    assert.equal((await officer.get('/settings/council-name')).statusCode, 403)
    assert.equal((await officer.post('/settings/council-name', { councilName: 'Taken Over' })).statusCode, 403)
    assert.equal(
      (await officer.post(`/settings/signatories/${c.chief.staff.id}`, { jobTitle: 'Boss' })).statusCode,
      403,
    )
    assert.equal(await rowCount(t, 'council_setting'), before.settings)
    assert.equal((await auditActions(t)).length, before.audit)
  })
})

export type { Cast }

describe('issue 14: the attention thresholds (P1)', () => {
  test('P1: a lower threshold set by an administrator lists a person the environment’s did not', async () => {
    const p = await c.personWithHistory({ fullName: 'Tomos Threshold' })
    for (const at of ['2027-01-02T10:00:00+00:00', '2027-01-03T11:00:00+00:00']) {
      const contact = await c.officer.post('/api/v1/contacts', {
        personId: p.personId,
        channel: 'email',
        direction: 'inbound',
        at,
        summary: 'Asked again about the bins',
      })
      assert.equal(contact.status, 201)
    }
    const { browser: head } = await signedIn(t, ['head_of_service'], { services: ['Waste'] })
    assert.doesNotMatch(pageText((await head.get('/attention')).body), /Tomos Threshold/)
    const lowered = await change('attention', {
      contacts7Days: '2',
      contacts30Days: '25',
      ratioToHistory: '3',
      closedMatterContacts90Days: '5',
      channels7Days: '3',
      staff30Days: '6',
      staffMinutes30Days: '300',
    })
    assert.equal(lowered.statusCode, 303)
    assert.deepEqual((await latestAudit(t, 'council_setting.changed')).after, {
      attention: {
        contacts7Days: 2,
        contacts30Days: 25,
        ratioToHistory: 3,
        closedMatterContacts90Days: 5,
        channels7Days: 3,
        staff30Days: 6,
        staffMinutes30Days: 300,
      },
    })
    const listed = pageText((await head.get('/attention')).body)
    assert.match(listed, /Tomos Threshold/)
    assert.match(listed, /ATTENTION_CONTACTS_7_DAYS 2 Listed when the person has been in touch 2 times or more/)
  })
})
