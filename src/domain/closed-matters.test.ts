import assert from 'node:assert/strict'
import { test } from 'node:test'
import { allowedActions, refuseAssessment, type ClosedMatterAssessment } from './closed-matters.ts'

const base: ClosedMatterAssessment = {
  read: true,
  freshEvidence: false,
  safeguardingConcern: false,
  reply: 'file_without_acknowledgement',
  action: 'file_without_acknowledgement',
}

test('F11: nothing leaves the queue unread', () => {
  assert.deepEqual(Object.keys(refuseAssessment({ ...base, read: false })), ['read'])
})

test('F11: every item is checked for fresh evidence and safeguarding before it is actioned', () => {
  const fields = refuseAssessment({ ...base, freshEvidence: undefined, safeguardingConcern: undefined })
  assert.ok(fields.freshEvidence)
  assert.ok(fields.safeguardingConcern)
})

test('F11: without fresh evidence, reply only as the restriction says', () => {
  assert.deepEqual(allowedActions(false, 'acknowledge'), ['acknowledge', 'new_matter'])
  assert.deepEqual(allowedActions(false, 'file_without_acknowledgement'), [
    'file_without_acknowledgement',
    'new_matter',
  ])
  assert.deepEqual(refuseAssessment(base), {})
  assert.match(refuseAssessment({ ...base, action: 'acknowledge' }).action ?? '', /filed without acknowledgement/)
  assert.match(
    refuseAssessment({ ...base, reply: 'acknowledge', action: 'file_without_acknowledgement' }).action ?? '',
    /acknowledged/,
  )
  assert.match(refuseAssessment({ ...base, action: 'refer_for_reconsideration' }).action ?? '', /Only fresh evidence/)
})

test('F11: fresh evidence that could affect the decision is referred for reconsideration, never filed', () => {
  assert.deepEqual(allowedActions(true, 'acknowledge'), ['refer_for_reconsideration', 'new_matter'])
  assert.deepEqual(refuseAssessment({ ...base, freshEvidence: true, action: 'refer_for_reconsideration' }), {})
  assert.match(refuseAssessment({ ...base, freshEvidence: true }).action ?? '', /refer it for reconsideration/)
})

test('P3: a new complaint is registered on its merits whatever else the item holds', () => {
  for (const fresh of [true, false])
    for (const reply of ['acknowledge', 'file_without_acknowledgement'] as const)
      assert.deepEqual(refuseAssessment({ ...base, freshEvidence: fresh, reply, action: 'new_matter' }), {})
})

test('F11: an action must be chosen', () => {
  assert.deepEqual(Object.keys(refuseAssessment({ ...base, action: undefined })), ['action'])
})
