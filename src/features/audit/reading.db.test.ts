import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { signedIn } from '../../../test/helpers/app.ts'
import { procedureApp, warningBody } from '../../../test/helpers/procedure.ts'

// Issue 12 item 5 (K3, K6, K7): the audit trail shows each reader what they may see. An administrator (who may not
// read case files) sees that a warning was issued and a decision recorded, not the behaviour, grounds or reasons; an
// auditor (who may) sees them. A safety marker's reasons and precautions are shown to neither in the list, only for
// the one entry asked for, and that view is recorded like any other view of a marker.

const { t, c } = await procedureApp()
after(() => t.close())
const db = t.services.db

const r = await c.restrictedCase({ reasons: { chief: 'Chief: proportionate to the abuse.', monitoring: 'Lawful.' } })
const challenge = await c.challenge('restrictions', r.restrictionId, {
  receivedOn: '2027-01-04',
  grounds: 'Grounds: I was provoked by the officer.',
})
const marker = await c.safetyMarker(r.personId, {
  precautions: 'Precautions: two officers on any visit.',
  reason: 'Reason: threatened an officer with a knife.',
  reviewOn: '2027-06-01',
})
const caseContent = [
  warningBody.behaviour,
  warningBody.whyUnacceptable,
  'Chief: proportionate to the abuse.',
  'Grounds: I was provoked by the officer.',
  'The abuse continued after the warning.',
]
const markerContent = ['Precautions: two officers on any visit.', 'Reason: threatened an officer with a knife.']

const markerViews = async (staffId: string) =>
  db
    .selectFrom('audit_entry')
    .select(['seq', 'after'])
    .where('action', '=', 'safety_marker.viewed')
    .where('object_id', '=', marker.id)
    .where('actor_id', '=', staffId)
    .execute()

describe('the audit trail shows what its reader may see (issue 12 item 5)', () => {
  test('an administrator without cases.read sees what happened to a case in words, not its content', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const page = await browser.get('/audit')
    assert.equal(page.statusCode, 200)
    for (const text of caseContent) assert.ok(!page.body.includes(text), `not shown to an administrator: ${text}`)
    assert.match(page.body, /Warning issued/)
    assert.match(page.body, /Decision recorded/)
    assert.match(page.body, /Decision: approve\. Role: chief executive\./)
    assert.match(page.body, /Challenge received/)
    assert.match(page.body, /The details are part of the case file: only staff who may read case files see them/)
    const challengeEntries = await browser.get(`/audit?objectId=${challenge.id}`)
    assert.ok(!challengeEntries.body.includes('Grounds: I was provoked'), 'nor by filtering on the record')
  })

  test('an auditor, who may read case files, sees the content', async () => {
    const { browser } = await signedIn(t, ['auditor'])
    const page = await browser.get('/audit')
    for (const text of caseContent) assert.ok(page.body.includes(text), `shown to an auditor: ${text}`)
    assert.doesNotMatch(page.body, /only staff who may read case files see them/)
  })

  for (const role of ['admin', 'auditor'] as const) {
    test(`K3: a safety marker's content is shown to the ${role} only when asked for, and that view is recorded`, async () => {
      const { browser, staff } = await signedIn(t, [role])
      const list = await browser.get('/audit')
      for (const text of markerContent) assert.ok(!list.body.includes(text), `not in the list: ${text}`)
      assert.equal((await markerViews(staff.id)).length, 0, 'listing the trail views no marker')
      const added = await db
        .selectFrom('audit_entry')
        .select('seq')
        .where('action', '=', 'safety_marker.added')
        .where('object_id', '=', marker.id)
        .executeTakeFirstOrThrow()
      const link = list.body.match(/href="(\/audit\?[^"]*show=(\d+)[^"]*)" data-qa="show-marker"/)
      assert.ok(link, 'a link to show the marker details')
      assert.equal(Number(link[2]), added.seq)

      const shown = await browser.get((link[1] ?? '').replace(/&amp;/g, '&'))
      assert.equal(shown.statusCode, 200)
      for (const text of markerContent) assert.ok(shown.body.includes(text), `shown when asked for: ${text}`)
      assert.match(shown.body, /Your view of this safety marker has been recorded/)
      const views = await markerViews(staff.id)
      assert.equal(views.length, 1, 'the view is recorded, once')
      assert.deepEqual(views[0]?.after, { where: `audit trail, entry ${added.seq}` })
    })
  }
})
