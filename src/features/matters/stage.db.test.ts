import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { apiAs, openAs, pageText, signedIn, testApp } from '../../../test/helpers/app.ts'
import { closeMatter, openMatter } from '../../../test/helpers/record.ts'

const t = await testApp()
const api = await apiAs(t, ['case_officer'])
const personId: string = (await api.post('/api/v1/people', { fullName: 'Stella Reid' })).body.id
after(() => t.close())

test('a complaint moves forward through its stages: stage 1, stage 2, referred to the Ombudsman, then closed', async () => {
  const complaint = await openMatter(api, personId, 'complaint', 'Housing repair', 'Housing')
  const { browser, page: form } = await openAs(t, ['case_officer'], `/matters/${complaint.body.id}/stage`)
  assert.match(pageText(form.body), /It is now at: Stage 1/)
  const none = await browser.post(`/matters/${complaint.body.id}/stage`, {})
  assert.equal(none.statusCode, 422)
  assert.equal((await browser.post(`/matters/${complaint.body.id}/stage`, { stage: 'stage_2' })).statusCode, 303)
  assert.match(pageText((await browser.get(`/people/${personId}`)).body), /Housing repair Stage 2/)
  const back = await browser.post(`/matters/${complaint.body.id}/stage`, { stage: 'stage_1' })
  assert.equal(back.statusCode, 422)
  assert.match(pageText(back.body), /can only move forward/)
  const ombudsman = await api.post(`/api/v1/matters/${complaint.body.id}/stage`, { stage: 'ombudsman' })
  assert.deepEqual(ombudsman.body.complaintStage, 'ombudsman')
  assert.equal((await api.post(`/api/v1/matters/${complaint.body.id}/stage`, { stage: 'stage_2' })).status, 422)
  await closeMatter(api, complaint.body.id, 'partly_upheld', true)
  assert.equal((await api.post(`/api/v1/matters/${complaint.body.id}/stage`, { stage: 'ombudsman' })).status, 409)
  const trail = await t.services.db
    .selectFrom('audit_entry')
    .select(['before', 'after'])
    .where('action', '=', 'matter.stage_changed')
    .orderBy('seq')
    .execute()
  assert.deepEqual(
    trail.map((e) => e.after),
    [{ complaintStage: 'stage_2' }, { complaintStage: 'ombudsman' }],
  )
})

test('only complaints have stages; front-line staff cannot change them', async () => {
  const enquiry = await openMatter(api, personId, 'enquiry', 'Opening hours', 'Libraries')
  assert.equal((await api.post(`/api/v1/matters/${enquiry.body.id}/stage`, { stage: 'stage_2' })).status, 422)
  const { browser } = await signedIn(t, ['case_officer'])
  assert.equal((await browser.get(`/matters/${enquiry.body.id}/stage`)).statusCode, 404)
  const complaint = await api.post('/api/v1/matters', { personId, type: 'complaint', subject: 'x', service: 'y' })
  const frontline = await signedIn(t, ['frontline'])
  assert.equal((await frontline.browser.get(`/matters/${complaint.body.id}/stage`)).statusCode, 403)
})
