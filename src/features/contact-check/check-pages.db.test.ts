import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { dateFields, openAs, pageText, signedIn } from '../../../test/helpers/app.ts'
import { rowsWhere, rowWhere } from '../../../test/helpers/rows.ts'
import { procedureApp, UNTIL_JUNE } from '../../../test/helpers/procedure.ts'

// The contact check's pages (V1–V5, F5, F11, K3, K7): GET /check, POST /check/record, and staff absence (F5b).

const { t, c } = await procedureApp({ env: { LOG_LEVEL: 'error' } }) // Monday
const frontline = (await signedIn(t, ['frontline'])).browser
after(() => t.close())

/** A person with the given restrictions in force from today (warning, proposal, two approvals, letter). */
const restricted = (restrictions: unknown[], fullName: string) =>
  c.restrictedCase({ ...UNTIL_JUNE, restrictions, fullName })

const lettersOnly = [
  { type: 'contact_method', channels: ['letter'], address: 'PO Box 1, Northampton', scope: { councilWide: true } },
]

/** The fields of the "Record this contact attempt" form on a page, as the browser would post them. */
function recordForm(html: string): Record<string, string> {
  const form = html.match(/<form method="post" action="\/check\/record"[\s\S]*?<\/form>/)?.[0] ?? ''
  const fields: Record<string, string> = {}
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    if (m[1] && m[1] !== '_csrf') fields[m[1]] = (m[2] ?? '').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
  return fields
}

describe('the contact check page', () => {
  let letterOnly: Awaited<ReturnType<typeof restricted>>

  test('without a question the page shows the form only; every role may open it', async () => {
    const response = await frontline.get('/check')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /Check a contact/)
    assert.match(text, /Phone number, email address, name or matter reference/)
    assert.doesNotMatch(text, /What to say/)
    for (const role of ['auditor', 'admin', 'senior_reviewer'] as const) {
      const { browser } = await signedIn(t, [role])
      assert.equal((await browser.get('/check')).statusCode, 200, role)
    }
  })

  test('V3, F5a: a letters-only person checked by phone is redirected, with the script; nothing of the case file (K7)', async () => {
    letterOnly = await restricted(lettersOnly, 'Letter Only')
    const response = await frontline.get('/check?q=07700900456&channel=phone')
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['cache-control'], 'no-store')
    const text = pageText(response.body)
    assert.match(text, /Redirect: check a contact/, 'the verdict is in the page title')
    assert.match(text, /Redirect Do not deal with the substance/)
    assert.match(text, /Person: Letter Only ?\. Identified by phone/)
    assert.match(text, /What to say .*letter/i)
    assert.match(text, /PO Box 1, Northampton/)
    assert.match(text, /\(rule F5a\)/)
    assert.equal((response.body.match(/data-qa="verdict"/g) ?? []).length, 1, 'one verdict')
    for (const secret of [
      'Called the officer names',
      'Shouted at the officer',
      'The abuse continued after the warning',
    ])
      assert.doesNotMatch(text, new RegExp(secret), `K7: ${secret}`)
    assert.doesNotMatch(response.body, /href="\/cases\//, 'K7: no way into the case file')
  })

  test('K7: front-line staff see verdicts, not case files', async () => {
    assert.equal((await frontline.get(`/cases/${letterOnly.caseId}`)).statusCode, 403)
    assert.equal((await frontline.get('/closed-matters')).statusCode, 403)
  })

  test('a matter reference, an email address and a name with its postcode in the one box all find the person', async () => {
    const byReference = pageText((await frontline.get(`/check?q=${letterOnly.matterReference}&channel=email`)).body)
    assert.match(
      byReference,
      /Person: Letter Only ?\. Identified by the reference CMP-\d{4}-\d{6}, which is their matter/,
    )
    assert.match(byReference, /Redirect/, 'F5a: an email is not a letter')
    const byName = pageText((await frontline.get('/check?q=Letter+Only+NN1+1AA&channel=letter')).body)
    assert.match(byName, /Identified by name and postcode/)
    assert.match(byName, /Proceed/)
  })

  test('uncertain identity: a phone number shared by two people lists both, picks neither, and each is a link to check again', async () => {
    await c.personWithHistory({ fullName: 'Shares The Phone' })
    const response = await frontline.get('/check?q=07700+900456&channel=phone')
    const text = pageText(response.body)
    assert.match(text, /We are not sure who this is/)
    assert.match(text, /Letter Only .*Phone/)
    assert.match(text, /Shares The Phone/)
    assert.match(text, /at least one possible match has restrictions in force/)
    assert.doesNotMatch(text, /Record this contact attempt/, 'nothing is recorded against a guess')
    const link = response.body.match(/href="(\/check\?[^"]*personId=[^"]*)"[^>]*>Letter Only/)?.[1]
    assert.ok(link, 'a link to check again as Letter Only')
    const again = pageText((await frontline.get(link.replace(/&amp;/g, '&'))).body)
    assert.match(again, /Redirect/)
    assert.match(again, /Person: Letter Only ?\. Chosen from the record/)
  })

  test('uncertain identity: an ambiguous or misspelt name lists the candidates with what matched', async () => {
    const text = pageText((await frontline.get('/check?q=Leter+Onley&channel=email')).body)
    assert.match(text, /We are not sure who this is/)
    assert.match(text, /Letter Only : check again as this person Restricted: whole council Similar name/)
  })

  test('what cannot be read is refused with a GOV.UK error summary linked to the field, and kept', async () => {
    const postcode = await frontline.get('/check?q=NN1+1AA&channel=phone')
    assert.equal(postcode.statusCode, 422)
    assert.match(pageText(postcode.body), /There is a problem A postcode alone is not enough/)
    assert.match(postcode.body, /href="#q"/)
    assert.match(postcode.body, /id="q" name="q" type="text" spellcheck="false" value="NN1 1AA"/)
    const channel = await frontline.get('/check?q=07700900111&channel=fax')
    assert.equal(channel.statusCode, 422)
    assert.match(channel.body, /href="#channel"/)
  })

  test('K1: one click records the attempt as a contact, and the page says so', async () => {
    const { browser, page } = await openAs(t, ['frontline'], `/check?q=${letterOnly.matterReference}&channel=phone`)
    const form = recordForm(page.body)
    assert.equal(form.personId, letterOnly.personId)
    const before = await rowsWhere(t, 'contact', { person_id: letterOnly.personId })
    const response = await browser.post('/check/record', { ...form, summary: 'Rang about the bins; told to write' })
    assert.equal(response.statusCode, 303)
    const location = String(response.headers.location)
    assert.match(location, /^\/check\?.*done=recorded/)
    const after = await t.services.db
      .selectFrom('contact')
      .selectAll()
      .where('person_id', '=', letterOnly.personId)
      .orderBy('recorded_at', 'desc')
      .execute()
    assert.equal(after.length, before.length + 1)
    assert.equal(after[0]?.summary, 'Rang about the bins; told to write')
    assert.equal(after[0]?.channel, 'phone')
    const shown = pageText((await browser.get(location)).body)
    assert.match(shown, /Success Contact recorded/)
    assert.match(shown, /Redirect/)
  })

  test('a refused record keeps what was typed', async () => {
    const { browser } = await signedIn(t, ['case_officer'])
    const form = recordForm((await browser.get(`/check?q=${letterOnly.matterReference}&channel=phone`)).body)
    const long = 'x'.repeat(5001)
    const response = await browser.post('/check/record', { ...form, summary: long })
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /href="#summary"/)
    assert.ok(response.body.includes(`value="${long}"`))
  })

  test('an auditor may check but not record', async () => {
    const { browser, page } = await openAs(t, ['auditor'], `/check?q=${letterOnly.matterReference}&channel=phone`)
    assert.doesNotMatch(pageText(page.body), /Record this contact attempt/)
    assert.equal((await browser.post('/check/record', recordForm(page.body))).statusCode, 403)
  })

  test('F11, V4: on a closed matter: read and file, with the reply rule; recorded, it goes to the queue', async () => {
    const p = await c.closedMatter('acknowledge', { fullName: 'Closed Matter' })

    // The reference typed identifies the matter as well as the person: one step, not three.
    const onIt = await frontline.get(`/check?q=${p.matterReference}&channel=email`)
    const text = pageText(onIt.body)
    assert.equal(recordForm(onIt.body).matterId, p.matterId, 'the attempt is recorded on the matter')
    assert.match(text, /Read and file/)
    assert.match(text, /Reply \(F11\) Acknowledge each item/)
    const recorded = await frontline.post('/check/record', {
      ...recordForm(onIt.body),
      summary: 'Email about bins again',
    })
    assert.equal(recorded.statusCode, 303)
    const after = pageText((await frontline.get(String(recorded.headers.location))).body)
    assert.match(after, /Contact recorded\. It is about a closed matter, so it has gone to the closed-matter queue/)
    const items = await rowsWhere(t, 'closed_matter_item', { person_id: p.personId })
    assert.equal(items.length, 1)
    // P3: a new search (another person, or no matter) starts without the matter chosen.
    const other = pageText((await frontline.get(`/check?q=Closed+Matter&channel=email&matterId=${p.matterId}`)).body)
    assert.doesNotMatch(other, /Read and file/)
  })

  test('P4, K3: a safety marker is shown as a warning, and the view is recorded', async () => {
    const p = await c.personWithHistory({ fullName: 'Marker Person' })
    await c.safetyMarker(p.personId, { precautions: 'Meet in pairs only', reason: 'Threats', reviewOn: '2027-06-01' })
    const before = await rowsWhere(t, 'audit_entry', { action: 'safety_marker.viewed' })
    const text = pageText((await frontline.get(`/check?q=${p.matterReference}&channel=in_person`)).body)
    assert.match(text, /Proceed with conditions/)
    assert.match(text, /Warning Staff safety: Meet in pairs only/)
    assert.doesNotMatch(text, /Threats/, 'K7: the reason for the marker is not shown')
    const after = await rowsWhere(t, 'audit_entry', { action: 'safety_marker.viewed' })
    assert.equal(after.length, before.length + 1)
  })
})

describe('staff absence (F5b)', () => {
  test('F5b: while the named officer is away, the check sends staff to the deputy', async () => {
    const officer = await signedIn(t, ['case_officer'])
    const deputy = await signedIn(t, ['case_officer'])
    const p = await restricted(
      [
        {
          type: 'named_contact',
          staffUserId: officer.staff.id,
          deputyStaffUserId: deputy.staff.id,
          scope: { councilWide: true },
        },
      ],
      'Named Contact',
    )
    const check = async () => pageText((await frontline.get(`/check?q=${p.matterReference}&channel=phone`)).body)
    const present = await check()
    assert.match(present, /Redirect/)
    assert.match(present, new RegExp(`pass it to ${officer.staff.name}, the named officer`))

    const page = await officer.browser.get('/account/absence')
    assert.match(pageText(page.body), /You are not recorded as away/)
    const saved = await officer.browser.post('/account/absence', {
      ...dateFields('absentUntil', 8, 1, 2027),
    })
    assert.equal(saved.statusCode, 303)
    assert.match(
      pageText((await officer.browser.get(String(saved.headers.location))).body),
      /Absence recorded .*away until 8 January 2027/,
    )
    const away = await check()
    assert.match(away, new RegExp(`pass it to ${deputy.staff.name}, the deputy`))
    assert.match(away, new RegExp(`Deputy ${deputy.staff.name}`))

    // The deputy themself may deal with it while the officer is away.
    const asDeputy = pageText((await deputy.browser.get(`/check?q=${p.matterReference}&channel=phone`)).body)
    assert.match(asDeputy, /Proceed with conditions/)

    const cleared = await officer.browser.post('/account/absence', { clear: 'yes' })
    assert.equal(cleared.statusCode, 303)
    assert.match(await check(), new RegExp(`pass it to ${officer.staff.name}, the named officer`))
    const audit = await t.services.db
      .selectFrom('audit_entry')
      .select('action')
      .where('object_id', '=', officer.staff.id)
      .where('action', 'like', 'staff_user.absence%')
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      audit.map((a) => a.action),
      ['staff_user.absence_recorded', 'staff_user.absence_cleared'],
    )
  })

  test('F5b: a date in the past or not a date is refused against the date field, kept as typed', async () => {
    const { browser } = await signedIn(t, ['frontline'])
    const past = await browser.post('/account/absence', {
      ...dateFields('absentUntil', 1, 1, 2027),
    })
    assert.equal(past.statusCode, 422)
    assert.match(pageText(past.body), /must be today or in the future/)
    assert.match(past.body, /href="#absentUntil-day"/)
    assert.match(past.body, /name="absentUntil-year" type="text" value="2027"/)
    const nonsense = await browser.post('/account/absence', { 'absentUntil-day': '31', 'absentUntil-month': '2' })
    assert.equal(nonsense.statusCode, 422)
    assert.match(pageText(nonsense.body), /must be a real date/)
  })

  test('an administrator records absence for a member of staff; others may not', async () => {
    const away = await signedIn(t, ['case_officer'])
    const admin = (await signedIn(t, ['admin'])).browser
    const page = await admin.get(`/staff/${away.staff.id}/absence`)
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), new RegExp(`${away.staff.name} is not recorded as away`))
    const saved = await admin.post(`/staff/${away.staff.id}/absence`, {
      ...dateFields('absentUntil', 1, 2, 2027),
    })
    assert.equal(saved.statusCode, 303)
    const row = await rowWhere(t, 'staff_user', { id: away.staff.id })
    assert.equal(row.absent_until, '2027-02-01')
    assert.equal((await away.browser.get(`/staff/${away.staff.id}/absence`)).statusCode, 403)
  })
})
