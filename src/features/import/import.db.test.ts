import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { pageText, signedIn, testApp } from '../../../test/helpers/app.ts'
import { allRows, auditActions, rowCount, rowWhere } from '../../../test/helpers/rows.ts'
import { uploadAs } from '../../../test/helpers/multipart.ts'
import { guessMapping } from '../../domain/import.ts'
import { parseCsv } from './csv.ts'
import { planImport } from './plan.ts'

const t = await testApp()
after(() => t.close())

const count = (table: 'person' | 'matter' | 'contact' | 'import_batch') => rowCount(t, table)

/** Uploads a file, accepts the guessed mapping (with any changes), and returns the batch id and the preview. */
async function throughPreview(
  browser: Awaited<ReturnType<typeof signedIn>>['browser'],
  kind: string,
  csv: string | Buffer,
  changes: Record<string, string> = {},
) {
  await browser.get('/import')
  const uploaded = await uploadAs(t.app, browser, { kind }, { filename: `${kind}.csv`, content: csv })
  assert.equal(uploaded.statusCode, 303, uploaded.body)
  const mappingUrl = String(uploaded.headers.location)
  const id = mappingUrl.split('/')[2] ?? ''
  const mapping = await browser.get(mappingUrl)
  assert.equal(mapping.statusCode, 200)
  const selected = Object.fromEntries(
    [...mapping.body.matchAll(/<select class="govuk-select[^"]*" id="([^"]+)"[\s\S]*?<\/select>/g)].map((m) => [
      m[1] ?? '',
      /<option value="([^"]*)" selected>/.exec(m[0])?.[1] ?? '',
    ]),
  )
  const mapped = await browser.post(mappingUrl, { ...selected, ...changes })
  assert.equal(mapped.statusCode, 303, pageText(mapped.body))
  const preview = await browser.get(`/import/${id}/preview`)
  assert.equal(preview.statusCode, 200)
  return { id, selected, preview }
}

const PEOPLE = [
  'Customer ID,Full Name,E-mail,Telephone,Address Line 1,Town,Postcode,Date of Birth,Also known as',
  'C-001,Margaret Thornton,Margaret@Example.org,(07700) 900-123,1 High Street,Northampton,nn1 2ab,27/03/1961,Peggy Thornton',
  'C-002,Dev Patel,dev@example.org,+44 7700 900456,,,,,',
  'C-003,No Phone,,not a number,,,,,',
  'C-004,Bad Postcode,,,2 Low Road,Kettering,NOWHERE,,',
  'C-005,,nobody@example.org,,,,,,',
  'C-006,Twice Once,,,,,,,',
  'C-006,Twice Again,,,,,,,',
  ',,,,,,,,',
  'C-008,"Smith, Jane",jane@example.org,,,,,31/02/1980,',
].join('\r\n')

describe('importing people (issue 3)', () => {
  test('the mapping is guessed from the column names; the preview shows rows as stored and every rejected row with why', async () => {
    const { browser } = await signedIn(t, ['case_officer'])
    const { id, selected, preview } = await throughPreview(browser, 'people', PEOPLE)
    assert.deepEqual(selected, {
      externalRef: 'column:0',
      fullName: 'column:1',
      firstName: '',
      lastName: '',
      alias: 'column:8',
      email: 'column:2',
      phone: 'column:3',
      line1: 'column:4',
      line2: '',
      town: 'column:5',
      postcode: 'column:6',
      dateOfBirth: 'column:7',
    })
    const text = pageText(preview.body)
    assert.match(text, /Rows to import 2 rows/)
    assert.match(text, /Rows rejected 6 rows/)
    assert.match(text, /Empty rows skipped 1/)
    // As stored: email in lower case, phone normalised (shown as UK staff read it), postcode formatted, UK date read.
    assert.match(
      text,
      /C-001 Margaret Thornton Peggy Thornton margaret@example\.org 07700 900123 1 High Street, Northampton, NN1 2AB 27 March 1961/,
    )
    assert.match(text, /4 Phone number: Enter a phone number, like 07700 900123/)
    assert.match(text, /5 Postcode: Enter a real postcode/)
    assert.match(text, /6 Full name: Enter the person’s full name/)
    assert.match(text, /7 External reference: “C-006” is also on row 8/)
    assert.match(text, /8 External reference: “C-006” is also on row 7/)
    assert.match(text, /10 Date of birth: “31\/02\/1980” is not a real date/)
    assert.equal(await count('person'), 0, 'a preview stores nothing')

    const before = await auditActions(t)
    const confirmed = await browser.post(`/import/${id}/confirm`)
    assert.equal(confirmed.statusCode, 303)
    assert.equal(confirmed.headers.location, `/import/${id}`)
    const report = await browser.get(`/import/${id}`)
    assert.match(pageText(report.body), /Import complete 2 people imported/)
    assert.match(pageText(report.body), /Rows rejected 6 rows/)

    const people = await allRows(t, 'person', 'external_ref')
    assert.deepEqual(
      people.map((p) => [p.full_name, p.external_ref, p.date_of_birth, p.import_batch_id, p.name_key]),
      [
        ['Margaret Thornton', 'C-001', '1961-03-27', id, 'margaret thornton'],
        ['Dev Patel', 'C-002', null, id, 'dev patel'],
      ],
    )
    const margaret = people[0]?.id ?? ''
    assert.deepEqual(
      (await t.services.db.selectFrom('person_phone').select('e164').where('person_id', '=', margaret).execute()).map(
        (r) => r.e164,
      ),
      ['+447700900123'],
    )
    assert.deepEqual(
      await t.services.db
        .selectFrom('person_address')
        .select(['line1', 'town', 'postcode'])
        .where('person_id', '=', margaret)
        .execute(),
      [{ line1: '1 High Street', town: 'Northampton', postcode: 'NN1 2AB' }],
    )
    // K4: one audit entry for the whole import, with the counts and the file name.
    const added = (await auditActions(t)).slice(before.length)
    assert.deepEqual(added, ['import.completed'])
    const entry = await rowWhere(t, 'audit_entry', { action: 'import.completed' })
    assert.equal(entry.object_id, id)
    assert.deepEqual(
      { ...(entry.after as Record<string, unknown>), mapping: undefined },
      { kind: 'people', filename: 'people.csv', rows: 8, imported: 2, rejected: 6, mapping: undefined },
    )
    // Imported people are found like any other.
    const found = await browser.get('/people?q=margret%20thornten')
    assert.match(found.body, /Margaret Thornton<\/a>/)

    // The report of rejected rows stays downloadable after the import.
    const download = await browser.get(`/import/${id}/rejected.csv`)
    assert.deepEqual(
      download.body
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.split(',')[0]),
      ['4', '5', '6', '7', '8', '10'],
    )

    // Confirming again (a second tab, a double click) imports nothing more.
    const again = await browser.post(`/import/${id}/confirm`)
    assert.equal(again.statusCode, 303)
    assert.equal(await count('person'), 2)
  })
})

describe('importing matters and contacts that refer to imported people', () => {
  let browser: Awaited<ReturnType<typeof signedIn>>['browser']
  let officer: Awaited<ReturnType<typeof signedIn>>['staff']
  before(async () => {
    ;({ browser, staff: officer } = await signedIn(t, ['head_of_service']))
    const { id } = await throughPreview(
      browser,
      'people',
      'Person ID,First name,Surname\nP-1,Ann,Example\nP-2,Bob,Sample\nP-3,Cat,Merged\nP-4,Dan,Kept\n',
    )
    assert.equal((await browser.post(`/import/${id}/confirm`)).statusCode, 303)
    // P-3 was later merged into P-4: what refers to P-3 goes to the record kept.
    await sql`update person set merged_into = (select id from person where external_ref = 'P-4') where external_ref = 'P-3'`.execute(
      t.services.db,
    )
  })

  test('matters: types, stages and outcomes read as staff write them; the rules of closure apply (F11, S3)', async () => {
    const csv = [
      'Case Ref,Customer ID,Case Type,Subject,Service,Status,Date Opened,Date Closed,Outcome,Process exhausted',
      'M-1,P-1,Complaint,Missed bins,Waste,Closed,01/02/2026,2026-03-01,Partly upheld,yes',
      'M-2,P-1,FOI,Bin contract,Waste,Open,2026-02-03,,,',
      'M-3,P-2,Service request,Pothole,Highways,,,,,',
      'M-4,P-9,Complaint,Unknown person,Waste,,,,,',
      'M-5,P-2,Enquiry,Upheld enquiry,Waste,Closed,01/02/2026,02/02/2026,Upheld,',
      'M-6,P-2,Complaint,Closed without date,Waste,Closed,,,Upheld,',
      'M-7,P-2,Parking ticket,Unknown type,Parking,,,,,',
      'M-8,P-3,Complaint,About a merged person,Housing,,,,,',
    ].join('\n')
    const { id, selected, preview } = await throughPreview(browser, 'matters', csv)
    assert.equal(selected.externalRef, 'column:0')
    assert.equal(selected.personRef, 'column:1')
    assert.equal(selected.type, 'column:2')
    const text = pageText(preview.body)
    assert.match(text, /Rows to import 4 rows/)
    assert.match(text, /5 Person’s external reference: no person on the record has “P-9”/)
    assert.match(text, /6 Outcome: Upheld, partly upheld and not upheld are outcomes of a complaint/)
    assert.match(text, /7 Date closed: A closed matter needs the date it was closed/)
    assert.match(text, /8 Type: “Parking ticket” is not one of: complaint, FOI, EIR, SAR, service request, enquiry/)
    assert.equal((await browser.post(`/import/${id}/confirm`)).statusCode, 303)

    const matters = await t.services.db
      .selectFrom('matter as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.external_ref', 'p.external_ref as person', 'm.type', 'm.status', 'm.complaint_stage', 'm.outcome'])
      .select(['m.process_exhausted', 'm.reference', 'm.opened_at', 'm.closed_at', 'm.created_by'])
      .orderBy('m.external_ref')
      .execute()
    assert.deepEqual(
      matters.map((m) => [
        m.external_ref,
        m.person,
        m.type,
        m.status,
        m.complaint_stage,
        m.outcome,
        m.process_exhausted,
      ]),
      [
        ['M-1', 'P-1', 'complaint', 'closed', 'closed', 'partly_upheld', true],
        ['M-2', 'P-1', 'foi', 'open', null, null, false],
        ['M-3', 'P-2', 'service_request', 'open', null, null, false],
        ['M-8', 'P-4', 'complaint', 'open', 'stage_1', null, false],
      ],
    )
    assert.match(matters[0]?.reference ?? '', /^CMP-2026-\d{6}$/)
    assert.match(matters[1]?.reference ?? '', /^FOI-2026-\d{6}$/)
    assert.equal(matters[0]?.opened_at.toISOString(), '2026-02-01T00:00:00.000Z', 'a UK date is midnight UK time')
    assert.equal(matters[0]?.closed_at?.toISOString(), '2026-03-01T00:00:00.000Z')
    assert.equal(matters[0]?.created_by, officer.id)
  })

  test('K1: contacts with channel, direction, UK time (across summer time), matter, summary and staff time', async () => {
    const csv = [
      'Customer ID,Case Ref,Contact Method,Date,Notes,Duration,Staff email',
      `P-1,M-1,Telephone,01/07/2025 14:05,Called about the bins,12,${officer.email.toUpperCase()}`,
      'P-1,,Email,2025-12-01T09:30:00Z,Emailed again,,',
      'P-2,,Letter,15/01/2026 10:00,"Wrote a letter, two pages\nwith a second line",0,',
      'P-2,M-1,Phone,02/07/2025 10:00,Not P-2’s matter,5,',
      'P-1,,Phone,03/07/2025,No time,5,',
      'P-1,,Phone,03/07/2099 10:00,In the future,5,',
      'P-1,,Carrier pigeon,03/07/2025 10:00,Odd channel,5,',
      'P-1,,Phone,03/07/2025 10:00,Too long,1441,',
      'P-1,,Phone,03/07/2025 10:00,Unknown staff,5,nobody@council.example',
      'P-3,M-8,Phone,29/03/2026 01:30,Clocks went forward,5,',
      'P-3,M-8,Phone,25/10/2026 01:30,Clocks went back,5,',
      'P-3,M-8,Phone,25/10/2026 01:30 +00:00,Not a format we read,5,',
      'P-3,M-8,Phone,2026-10-25T01:30:00+00:00,Second 01:30 with its offset,5,',
    ].join('\n')
    const { id, selected, preview } = await throughPreview(browser, 'contacts', csv, { direction: 'fixed:inbound' })
    assert.deepEqual(
      [
        selected.personRef,
        selected.matterRef,
        selected.channel,
        selected.direction,
        selected.at,
        selected.summary,
        selected.minutes,
        selected.staffEmail,
      ],
      ['column:0', 'column:1', 'column:2', '', 'column:3', 'column:4', 'column:5', 'column:6'],
    )
    const text = pageText(preview.body)
    assert.match(text, /Rows to import 4 rows/)
    assert.match(text, /5 Matter’s external reference: “M-1” is not one of this person’s matters/)
    assert.match(text, /6 Date and time: “03\/07\/2025” has no time/)
    assert.match(text, /7 Date and time: The date and time must not be in the future/)
    assert.match(
      text,
      /8 Channel: “Carrier pigeon” is not one of: phone, email, letter, in person, web form, social media/,
    )
    assert.match(text, /9 Minutes of staff time: Minutes must be 1440 \(a day\) or fewer/)
    assert.match(text, /10 Staff member’s email: no staff user has “nobody@council\.example”/)
    assert.match(text, /11 Date and time: “29\/03\/2026 01:30” did not happen in the UK/)
    assert.match(text, /12 Date and time: “25\/10\/2026 01:30” happened twice in the UK/)
    assert.match(text, /13 Date and time: “25\/10\/2026 01:30 \+00:00” is not a date we can read/)
    assert.equal((await browser.post(`/import/${id}/confirm`)).statusCode, 303)

    const contacts = await t.services.db
      .selectFrom('contact as c')
      .innerJoin('person as p', 'p.id', 'c.person_id')
      .leftJoin('matter as m', 'm.id', 'c.matter_id')
      .select(['p.external_ref as person', 'm.external_ref as matter', 'c.channel', 'c.direction', 'c.at', 'c.summary'])
      .select(['c.minutes_spent', 'c.staff_user_id', 'c.recorded_by', 'c.import_batch_id'])
      .orderBy('c.at')
      .execute()
    assert.deepEqual(
      contacts.map((c) => [
        c.person,
        c.matter,
        c.channel,
        c.direction,
        c.at.toISOString(),
        c.minutes_spent,
        c.staff_user_id,
      ]),
      [
        ['P-1', 'M-1', 'phone', 'inbound', '2025-07-01T13:05:00.000Z', 12, officer.id],
        ['P-1', null, 'email', 'inbound', '2025-12-01T09:30:00.000Z', null, null],
        ['P-2', null, 'letter', 'inbound', '2026-01-15T10:00:00.000Z', 0, null],
        ['P-4', 'M-8', 'phone', 'inbound', '2026-10-25T01:30:00.000Z', 5, null],
      ],
    )
    assert.equal(contacts[2]?.summary, 'Wrote a letter, two pages\nwith a second line')
    assert.ok(contacts.every((c) => c.recorded_by === officer.id && c.import_batch_id === id))
  })
})

describe('an import is all or nothing', () => {
  test('K4: a database failure part of the way through stores nothing, and the page says so; a retry then imports', async () => {
    const { browser } = await signedIn(t, ['case_officer'])
    const people = await throughPreview(browser, 'people', 'Ref,Name\nAON-1,All Or Nothing\n')
    await browser.post(`/import/${people.id}/confirm`)
    const rows = Array.from(
      { length: 5_000 },
      (_, i) => `AON-1,Phone,01/06/2025 10:00,Call ${i === 4_000 ? 'BOOM' : i},3`,
    )
    const { id } = await throughPreview(
      browser,
      'contacts',
      ['Customer ID,Channel,Date,Notes,Minutes', ...rows].join('\n'),
      {
        direction: 'fixed:inbound',
      },
    )
    // A fault the checks cannot foresee (a constraint, a full disk): a trigger refuses row 4,002, several chunks in.
    await sql`create function refuse_boom() returns trigger language plpgsql as $$
      begin if new.summary = 'Call BOOM' then raise exception 'refused for the test'; end if; return new; end $$`.execute(
      t.services.db,
    )
    await sql`create trigger refuse_boom before insert on contact for each row execute function refuse_boom()`.execute(
      t.services.db,
    )
    const contactsBefore = await count('contact')
    const auditBefore = await auditActions(t)
    try {
      const failed = await browser.post(`/import/${id}/confirm`)
      assert.equal(failed.statusCode, 500)
      assert.match(pageText(failed.body), /The import failed Nothing from this file has been stored/)
      assert.equal(await count('contact'), contactsBefore, 'not one contact of the file is stored')
      assert.deepEqual(await auditActions(t), auditBefore, 'and nothing is recorded as imported')
      const batch = await rowWhere(t, 'import_batch', { id })
      assert.equal(batch.status, 'failed')
      assert.match(pageText((await browser.get(`/import/${id}`)).body), /The import failed/)
      assert.match(
        pageText((await browser.get(`/import/${id}/preview`)).body),
        /The last attempt to import this file failed/,
      )
    } finally {
      await sql`drop trigger refuse_boom on contact`.execute(t.services.db)
      await sql`drop function refuse_boom()`.execute(t.services.db)
    }
    assert.equal((await browser.post(`/import/${id}/confirm`)).statusCode, 303)
    assert.equal(await count('contact'), contactsBefore + 5_000)
  })

  test('the checks are made again when confirming: a person added since the preview is not duplicated', async () => {
    const { browser } = await signedIn(t, ['case_officer'])
    const { id, preview } = await throughPreview(
      browser,
      'people',
      'Ref,Name\nRACE-1,First Racer\nRACE-2,Second Racer\n',
    )
    assert.match(pageText(preview.body), /Rows to import 2 rows/)
    // Someone else imports RACE-1 between this preview and the confirmation.
    const other = await signedIn(t, ['case_officer'])
    const theirs = await throughPreview(other.browser, 'people', 'Ref,Name\nRACE-1,First Racer\n')
    await other.browser.post(`/import/${theirs.id}/confirm`)

    assert.equal((await browser.post(`/import/${id}/confirm`)).statusCode, 303)
    const report = pageText((await browser.get(`/import/${id}`)).body)
    assert.match(report, /1 person imported/)
    assert.match(report, /2 External reference: a person with “RACE-1” is already on the record/)
    const racers = await t.services.db
      .selectFrom('person')
      .select('external_ref')
      .where('external_ref', 'like', 'RACE-%')
      .execute()
    assert.deepEqual(racers.map((r) => r.external_ref).sort(), ['RACE-1', 'RACE-2'])
  })
})

describe('hostile and broken files', () => {
  let browser: Awaited<ReturnType<typeof signedIn>>['browser']
  before(async () => {
    ;({ browser } = await signedIn(t, ['case_officer']))
    await browser.get('/import')
  })
  const upload = (content: string | Buffer, kind = 'people') =>
    uploadAs(t.app, browser, { kind }, { filename: 'file.csv', content })

  test('HTML in a file is shown as text, never run', async () => {
    const { preview } = await throughPreview(
      browser,
      'people',
      'Ref,Name,Date of birth\nXSS-1,<script>alert(1)</script>,\nXSS-2,Someone,<img src=x onerror=alert(1)>\n',
    )
    assert.doesNotMatch(preview.body, /<script>alert|<img src=x/)
    assert.match(preview.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
    assert.match(preview.body, /“&lt;img src=x onerror=alert\(1\)&gt;” is not a date we can read/)
  })

  test('the rejected rows download as CSV with spreadsheet formulas neutralised', async () => {
    const { id } = await throughPreview(
      browser,
      'people',
      'Ref,Name,Phone\nF-1,"=HYPERLINK(""http://evil.example"",""click"")",=1+2\nF-2,Fine Name,+44 7700 900999\nF-3,@SUM(A1),-1\n',
    )
    const download = await browser.get(`/import/${id}/rejected.csv`)
    assert.equal(download.statusCode, 200)
    assert.equal(download.headers['content-type'], 'text/csv; charset=utf-8')
    assert.equal(download.headers['content-disposition'], 'attachment; filename="rejected-rows-people.csv"')
    const lines = download.body.replace(/^\uFEFF/, '').split('\r\n')
    assert.equal(lines[0], 'Row,Why it was rejected,Ref,Name,Phone')
    assert.equal(
      lines[1],
      `2,"Phone number: Enter a phone number, like 07700 900123 or +44 7700 900123",F-1,"'=HYPERLINK(""http://evil.example"",""click"")",'=1+2`,
    )
    assert.match(lines[2] ?? '', /^4,.*,F-3,'@SUM\(A1\),'-1$/)
    assert.equal(lines.length, 4, 'two rejected rows, then the final line break')
  })

  test('a file that is not UTF-8 text, or not CSV, is refused with what to do; nothing is kept', async () => {
    const batches = await count('import_batch')
    const cases: [string | Buffer, RegExp][] = [
      [
        Buffer.from([0x52, 0x65, 0x66, 0x2c, 0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x31, 0x2c, 0xe9, 0x0a]),
        /not in UTF-8.*CSV UTF-8/,
      ],
      [Buffer.from('R\u0000e\u0000f\u0000\n\u0000', 'latin1'), /not a CSV file in UTF-8/],
      ['', /The selected file is empty/],
      ['Ref,Name\n', /has a header row but no rows under it/],
      ['Ref,Name\n"R-1,Open quote\n', /a value in quotes is never closed/],
    ]
    for (const [content, message] of cases) {
      const response = await upload(content)
      assert.equal(response.statusCode, 422)
      assert.match(pageText(response.body), message)
      assert.match(response.body, /href="#file"/)
    }
    assert.equal(await count('import_batch'), batches)
  })

  test('a UTF-8 file with a byte-order mark (Excel’s “CSV UTF-8”) is read, accents and all', async () => {
    const { preview } = await throughPreview(browser, 'people', Buffer.from('\uFEFFRef,Name\nBOM-1,Zoë Brontë\n'))
    assert.match(pageText(preview.body), /BOM-1 Zoë Brontë/)
  })

  test('a file over the size limit is refused with a 413 page that says what to do', async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024 + 10, 'a')
    const response = await upload(huge)
    assert.equal(response.statusCode, 413)
    assert.match(pageText(response.body), /The selected file must be smaller than 50 MB/)
  })

  test('two files in one upload are refused: one file, one import', async () => {
    const file = { filename: 'a.csv', content: 'Ref,Name\nA,B\n' }
    const response = await uploadAs(t.app, browser, { kind: 'people' }, [file, { ...file, filename: 'b.csv' }])
    assert.equal(response.statusCode, 413)
    assert.match(pageText(response.body), /Upload one CSV file at a time/)
  })

  test('the form without a file or a kind, or without its CSRF token, is refused', async () => {
    const none = await uploadAs(t.app, browser, {})
    assert.equal(none.statusCode, 422)
    assert.match(pageText(none.body), /Select what the file holds.*Select a CSV file/)
    const noToken = await uploadAs(
      t.app,
      { ...browser, csrf: '' } as typeof browser,
      { kind: 'people' },
      {
        filename: 'x.csv',
        content: 'Ref,Name\nA,B\n',
      },
    )
    assert.equal(noToken.statusCode, 403)
  })

  test('a mapping without a required field is refused with a message against the field', async () => {
    const uploaded = await upload('Something,Else\n1,2\n', 'contacts')
    const url = String(uploaded.headers.location)
    const response = await browser.post(url, {
      personRef: 'column:0',
      summary: 'column:7',
      channel: 'fixed:carrier_pigeon',
    })
    assert.equal(response.statusCode, 422)
    const text = pageText(response.body)
    assert.match(response.body, /href="#direction">Choose the column that holds the direction/)
    assert.match(text, /Choose a column of the file for summary/)
    assert.match(text, /Choose a column or a value for channel/)
  })
})

describe('who may import', () => {
  test('K6: front-line staff and auditors cannot import; one officer cannot see another’s upload', async () => {
    const frontline = await signedIn(t, ['frontline'])
    assert.equal((await frontline.browser.get('/import')).statusCode, 403)
    await frontline.browser.get('/account')
    const refused = await uploadAs(
      t.app,
      frontline.browser,
      { kind: 'people' },
      { filename: 'x.csv', content: 'Ref,Name\nA,B\n' },
    )
    assert.equal(refused.statusCode, 403)
    const auditor = await signedIn(t, ['auditor'])
    assert.equal((await auditor.browser.get('/import')).statusCode, 403)

    const owner = await signedIn(t, ['case_officer'])
    const { id } = await throughPreview(owner.browser, 'people', 'Ref,Name\nOWN-1,Someone\n')
    const admin = await signedIn(t, ['admin'])
    assert.equal((await admin.browser.get('/import')).statusCode, 200)
    for (const url of [
      `/import/${id}`,
      `/import/${id}/mapping`,
      `/import/${id}/preview`,
      `/import/${id}/rejected.csv`,
    ]) {
      assert.equal((await admin.browser.get(url)).statusCode, 404, url)
    }
    assert.equal((await admin.browser.post(`/import/${id}/confirm`)).statusCode, 404)
  })
})

describe('issue 12, item 2: one file cannot stop the service for everyone', () => {
  let browser: Awaited<ReturnType<typeof signedIn>>['browser']
  before(async () => {
    ;({ browser } = await signedIn(t, ['case_officer']))
    await browser.get('/import')
  })
  const upload = (content: string) => uploadAs(t.app, browser, { kind: 'people' }, { filename: 'file.csv', content })

  test('item 2: a header of 5,000,000 commas, or 200,000 columns, is refused on the upload page; nothing is stored', async () => {
    const batches = await count('import_batch')
    const cases: [string, string][] = [
      [`Ref,Name${','.repeat(5_000_000)}\nA,B\n`, 'The selected file has 5,000,002 columns.'],
      [
        `${Array.from({ length: 200_000 }, (_, i) => `Column ${i + 1}`).join(',')}\nA,B\n`,
        'The selected file has 200,000 columns.',
      ],
    ]
    for (const [content, message] of cases) {
      const response = await upload(content)
      assert.equal(response.statusCode, 422)
      assert.ok(response.body.length < 100_000, 'the page does not list the columns')
      const text = pageText(response.body)
      assert.ok(text.includes(`${message} A file can have at most 200 columns`), text)
      assert.match(response.body, /href="#file"/)
    }
    assert.equal(await count('import_batch'), batches)
  })

  test('item 2: /health is answered while a large file is read and its rows checked', async () => {
    const csv = `Ref,Name\n${Array.from({ length: 5_000 }, (_, i) => `H-${i},Someone ${i}`).join('\n')}\n`
    let done = false
    const reading = Promise.resolve(parseCsv(csv)).then(async (parsed) => {
      assert.ok(parsed.ok)
      const plan = await planImport('people', parsed, guessMapping('people', parsed.header), new Date(), {
        people: async () => new Map(),
        matters: async () => new Map(),
        staff: async () => new Map(),
      })
      done = true
      return plan
    })
    const health = await t.app.inject({ method: 'GET', url: '/health' })
    assert.equal(health.statusCode, 200)
    assert.equal(done, false, '/health was answered before the file was read and checked')
    assert.equal((await reading).valid.length, 5_000)
  })
})

describe('issue 12, item 12: the upload form’s limits and hidden text-direction characters', () => {
  let browser: Awaited<ReturnType<typeof signedIn>>['browser']
  before(async () => {
    ;({ browser } = await signedIn(t, ['case_officer']))
    await browser.get('/import')
  })
  const upload = (content: string, filename: string) =>
    uploadAs(t.app, browser, { kind: 'people' }, { filename, content })

  test('item 12: a form with more fields than it has is told so, not that the file is too large; nothing is stored', async () => {
    const batches = await count('import_batch')
    const extra = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`extra${i}`, 'x']))
    const response = await uploadAs(
      t.app,
      browser,
      { kind: 'people', ...extra },
      { filename: 'ok.csv', content: 'Ref,Name\nF-1,Someone\n' },
    )
    assert.equal(response.statusCode, 400)
    const text = pageText(response.body)
    assert.match(text, /The form was sent with more fields than it has, so nothing was saved/)
    assert.doesNotMatch(text, /smaller than 50 MB/)
    assert.equal(await count('import_batch'), batches)
  })

  test('item 12: hidden text-direction characters are taken out of an uploaded file’s name before it is kept', async () => {
    // U+202E shows "people\u202Evsc.exe" as "peopleexe.csv"; the other controls are removed too.
    const response = await upload('Ref,Name\nB-1,Someone\n', 'people\u202Evsc.exe\u2066\u200F.csv')
    assert.equal(response.statusCode, 303)
    const id = String(response.headers.location).split('/')[2] ?? ''
    const batch = await t.services.db
      .selectFrom('import_batch')
      .select('filename')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(batch.filename, 'peoplevsc.exe.csv')
    const page = await browser.get('/import')
    assert.match(page.body, />peoplevsc\.exe\.csv</)
    assert.doesNotMatch(page.body, /[\u202E\u2066\u200F]/)
  })

  test('item 12: a person’s name with a hidden text-direction character is a rejected row, saying why', async () => {
    const { preview } = await throughPreview(browser, 'people', 'Ref,Name\nN-1,Ann\u202Eeoj\nN-2,نور الهدى\n')
    const text = pageText(preview.body)
    assert.match(text, /Rows to import 1 row/)
    assert.match(text, /2 Full name: The person’s full name must not contain hidden text-direction characters/)
    assert.match(text, /N-2 نور الهدى/)
  })
})
