import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { pageText, signedIn } from '../../../test/helpers/app.ts'
import { rowWhere } from '../../../test/helpers/rows.ts'
import { ok, procedureApp } from '../../../test/helpers/procedure.ts'

// The closed-matter queue's pages (F11, P3): GET /closed-matters, GET and POST /closed-matters/:id.

const { t, c } = await procedureApp()
const officer = (await signedIn(t, ['case_officer'])).browser
after(() => t.close())

/** A person whose complaint is closed, with a matter-closed restriction in force that says how to reply. */
const closedMatter = (fullName: string, reply: 'acknowledge' | 'file_without_acknowledgement') =>
  c.closedMatter(reply, { fullName })

/** An email received on the closed matter at this time: it lands in the queue (F11). */
async function received(p: { personId: string; matterId: string }, at: string, summary: string) {
  const contact = ok(
    await c.officer.post('/api/v1/contacts', {
      personId: p.personId,
      channel: 'email',
      direction: 'inbound',
      at,
      matterId: p.matterId,
      summary,
    }),
  )
  const item = await rowWhere(t, 'closed_matter_item', { contact_id: contact.id })
  return item.id
}

const item = (id: string) =>
  t.services.db.selectFrom('closed_matter_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

const assessed = (action: string, extra: Record<string, string> = {}) => ({
  read: 'yes',
  freshEvidence: 'no',
  safeguardingConcern: 'no',
  action,
  ...extra,
})

describe('the closed-matter queue', () => {
  let filer: Awaited<ReturnType<typeof closedMatter>>
  let acknowledger: Awaited<ReturnType<typeof closedMatter>>
  const ids: Record<string, string> = {}

  test('F11: an empty queue says so; only the officers who run the record may open it', async () => {
    const response = await officer.get('/closed-matters')
    assert.equal(response.statusCode, 200)
    assert.match(pageText(response.body), /Closed-matter queue .*There is nothing waiting to be read/)
    for (const role of ['frontline', 'auditor', 'chief_executive'] as const) {
      const { browser } = await signedIn(t, [role])
      assert.equal((await browser.get('/closed-matters')).statusCode, 403, role)
    }
    assert.equal((await (await signedIn(t, ['head_of_service'])).browser.get('/closed-matters')).statusCode, 200)
  })

  test('F11: unread items first, oldest first', async () => {
    filer = await closedMatter('Filed Person', 'file_without_acknowledgement')
    acknowledger = await closedMatter('Acked Person', 'acknowledge')
    ids.second = await received(filer, '2027-01-04T09:00:00Z', 'Second email about the bins')
    ids.first = await received(acknowledger, '2027-01-04T08:00:00Z', 'First email about the bins')
    ids.third = await received(filer, '2027-01-04T09:30:00Z', 'New evidence: a photo of the missed bin')
    ids.fourth = await received(filer, '2027-01-04T09:40:00Z', 'A new complaint about a rude driver')
    const response = await officer.get('/closed-matters')
    const waiting = response.body.match(/data-qa="waiting"[\s\S]*?<\/table>/)?.[0] ?? ''
    const order = [...waiting.matchAll(/href="\/closed-matters\/([^"]+)"/g)].map((m) => m[1])
    assert.deepEqual(order, [ids.first, ids.second, ids.third, ids.fourth])
    const text = pageText(waiting)
    assert.match(text, /Acked Person : read the email received 4 January 2027 at 8:00am .* Email Acknowledge each item/)
  })

  test('F11: nothing leaves the queue unread: an action without the read confirmation is refused, and the form kept', async () => {
    const id = ids.second ?? ''
    const page = await officer.get(`/closed-matters/${id}`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Correspondence on a closed matter/)
    assert.match(text, /Second email about the bins/)
    assert.match(text, /Reply rule File without acknowledgement/)
    const refused = await officer.post(`/closed-matters/${id}`, {
      freshEvidence: 'no',
      action: 'file_without_acknowledgement',
      notes: 'Nothing new',
    })
    assert.equal(refused.statusCode, 422)
    const errors = pageText(refused.body)
    assert.match(errors, /There is a problem Confirm you have read it: nothing leaves the queue unread/)
    assert.match(errors, /Say whether it raises a safeguarding concern/)
    assert.match(refused.body, /href="#read"/)
    assert.match(refused.body, />Nothing new<\/textarea>/)
    assert.equal((await item(id)).action, null)
  })

  test('F11: without fresh evidence, reply only as the restriction says', async () => {
    const refused = await officer.post(`/closed-matters/${ids.second}`, assessed('acknowledge'))
    assert.equal(refused.statusCode, 422)
    assert.match(pageText(refused.body), /The restriction says items are filed without acknowledgement/)
    const refer = await officer.post(`/closed-matters/${ids.second}`, assessed('refer_for_reconsideration'))
    assert.match(pageText(refer.body), /Only fresh evidence that could affect the decision is referred/)
  })

  test('F11: file without acknowledgement, with the safeguarding concern recorded and the procedure shown', async () => {
    const id = ids.second ?? ''
    const response = await officer.post(
      `/closed-matters/${id}`,
      assessed('file_without_acknowledgement', {
        safeguardingConcern: 'yes',
        notes: 'Mentions a vulnerable neighbour',
      }),
    )
    assert.equal(response.statusCode, 303)
    const row = await item(id)
    assert.equal(row.action, 'file_without_acknowledgement')
    assert.ok(row.read_at)
    assert.equal(row.safeguarding_concern, true)
    const text = pageText((await officer.get(String(response.headers.location))).body)
    assert.match(text, /Read, and filed without acknowledgement/)
    assert.match(text, /follow the council’s safeguarding procedure/)
    const audit = await rowWhere(t, 'audit_entry', { object_id: id })
    assert.equal(audit.action, 'closed_matter_item.actioned')
    // Dealt with: it leaves the waiting list and cannot be actioned twice.
    assert.doesNotMatch(
      (await officer.get('/closed-matters')).body.match(/data-qa="waiting"[\s\S]*?<\/table>/)?.[0] ?? '',
      new RegExp(id),
    )
    const again = await officer.post(`/closed-matters/${id}`, assessed('file_without_acknowledgement'))
    assert.equal(again.statusCode, 303)
  })

  test('F11: acknowledge, recorded as a letter to the person', async () => {
    const response = await officer.post(`/closed-matters/${ids.first}`, assessed('acknowledge'))
    assert.equal(response.statusCode, 303)
    assert.equal((await item(ids.first ?? '')).action, 'acknowledge')
    const letter = await rowWhere(t, 'contact', { person_id: acknowledger.personId, direction: 'outbound' })
    assert.equal(letter.channel, 'letter')
    assert.match(letter.summary, /Acknowledged the correspondence received on 4 January 2027/)
  })

  test('F11: fresh evidence is referred for reconsideration, which reopens the matter', async () => {
    const id = ids.third ?? ''
    const filed = await officer.post(
      `/closed-matters/${id}`,
      assessed('file_without_acknowledgement', { freshEvidence: 'yes' }),
    )
    assert.equal(filed.statusCode, 422, 'fresh evidence is never filed')
    const response = await officer.post(
      `/closed-matters/${id}`,
      assessed('refer_for_reconsideration', { freshEvidence: 'yes', notes: 'A dated photograph of the missed bin' }),
    )
    assert.equal(response.statusCode, 303)
    const matter = await rowWhere(t, 'matter', { id: filer.matterId })
    assert.equal(matter.status, 'open')
    assert.equal(matter.closed_at, null)
    assert.equal(matter.complaint_stage, 'stage_1')
    const reopened = await rowWhere(t, 'audit_entry', { action: 'matter.reopened', object_id: filer.matterId })
    assert.match(reopened.reason ?? '', /F11: fresh evidence .*A dated photograph/)
    assert.match(pageText((await officer.get(`/closed-matters/${id}`)).body), /Matter now Open again/)
  })

  test('P3: a new complaint found in the queue becomes a new matter, linked to the item', async () => {
    const id = ids.fourth ?? ''
    const missing = await officer.post(
      `/closed-matters/${id}`,
      assessed('new_matter', { newSubject: '', newService: 'Waste' }),
    )
    assert.equal(missing.statusCode, 422)
    assert.match(missing.body, /href="#newSubject"/)
    const response = await officer.post(
      `/closed-matters/${id}`,
      assessed('new_matter', { newSubject: 'Rude bin lorry driver', newService: 'Waste' }),
    )
    assert.equal(response.statusCode, 303)
    const row = await item(id)
    assert.equal(row.action, 'new_matter')
    assert.ok(row.new_matter_id)
    const matter = await rowWhere(t, 'matter', { id: row.new_matter_id })
    assert.equal(matter.type, 'complaint')
    assert.equal(matter.person_id, filer.personId)
    assert.equal(matter.subject, 'Rude bin lorry driver')
    assert.match(
      pageText((await officer.get(`/closed-matters/${id}`)).body),
      new RegExp(`Register a new complaint: ${matter.reference}`),
    )
  })

  test('issue 13, F11: each item in the queue shows what it says, its channel, when, and the matter, without opening it', async () => {
    const first =
      'I am writing again about the bins on Mill Lane, which were missed on the 4th, the 11th and the 18th. '
    const long = `${first.repeat(3)}\n\nMy neighbour is 90 and cannot take her bin back in; she fell last week.`
    const id = await received(acknowledger, '2027-01-04T09:50:00Z', long)
    const page = await officer.get('/closed-matters')
    const waiting = page.body.match(/data-qa="waiting"[\s\S]*?<\/table>/)?.[0] ?? ''
    const row =
      waiting.match(new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*?/closed-matters/${id}[\\s\\S]*?</tr>`))?.[0] ?? ''
    const text = pageText(row)
    assert.match(
      text,
      new RegExp(
        `^ ?Acked Person : read the email received 4 January 2027 at 9:50am I am writing again about the bins on Mill Lane, .*the 11th and the…` +
          ` Read all of it : the email from Acked Person received 4 January 2027 at 9:50am .*My neighbour is 90 and cannot take her bin back in; she fell last week\\.` +
          ` ${acknowledger.matterReference}: Bin collections 4 January 2027 at 9:50am Email Acknowledge each item`,
      ),
    )
    // Cut short in the list, the whole of it a click away, paragraph by paragraph.
    const excerpt = pageText(row.match(/data-qa="item-says">([^<]*)</)?.[1] ?? '')
    assert.ok(excerpt.length <= 201 && excerpt.endsWith('…'), excerpt)
    assert.match(
      row,
      /<p class="govuk-body-s">My neighbour is 90 and cannot take her bin back in; she fell last week\.<\/p>/,
    )
    // Items dealt with say what they said too; a short one is shown whole, with nothing to open.
    const doneTable = page.body.match(/data-qa="done"[\s\S]*?<\/table>/)?.[0] ?? ''
    const done = pageText(doneTable)
    assert.match(done, new RegExp(`A new complaint about a rude driver ${filer.matterReference}: Bin collections`))
    assert.match(done, new RegExp(`New evidence: a photo of the missed bin ${filer.matterReference}: Bin collections`))
    assert.doesNotMatch(doneTable, /item-says-all/)
  })

  test('an item that does not exist is not found', async () => {
    assert.equal((await officer.get('/closed-matters/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    assert.equal((await officer.get('/closed-matters/not-an-id')).statusCode, 404)
  })
})
