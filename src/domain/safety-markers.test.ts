import assert from 'node:assert/strict'
import { test } from 'node:test'
import { latestMarkerReviewOn, markerReviewProblems } from './safety-markers.ts'

const today = '2027-01-04'
const current = 'Meet only in pairs'
const reason = 'Still needed.'

test('K3: a marker that stays needs a next review date after today and within two years', () => {
  assert.equal(latestMarkerReviewOn(today), '2029-01-04')
  assert.equal(latestMarkerReviewOn('2028-02-29'), '2030-02-28')
  const continued = (reviewOn?: string) =>
    markerReviewProblems({ outcome: 'continue', reason, reviewOn }, current, today)
  assert.deepEqual(continued('2027-01-05'), {})
  assert.deepEqual(continued('2029-01-04'), {})
  assert.deepEqual(Object.keys(continued()), ['reviewOn'])
  assert.match(continued(today).reviewOn ?? '', /must be in the future/)
  assert.match(continued('2029-01-05').reviewOn ?? '', /on or before 4 January 2029/)
})

test('K3: an amendment needs new precautions; a removal needs only its reason; every review has a reason', () => {
  const amend = { outcome: 'amend' as const, reason, reviewOn: '2027-06-01' }
  assert.deepEqual(markerReviewProblems({ ...amend, precautions: 'No home visits' }, current, today), {})
  assert.match(markerReviewProblems(amend, current, today).precautions ?? '', /Enter the new precautions/)
  assert.match(markerReviewProblems({ ...amend, precautions: current }, current, today).precautions ?? '', /same/)
  assert.deepEqual(markerReviewProblems({ outcome: 'remove', reason }, current, today), {})
  assert.deepEqual(Object.keys(markerReviewProblems({ outcome: 'remove' }, current, today)), ['reason'])
})

test('K3: a field that does not belong to the outcome is refused, not ignored', () => {
  const remove = markerReviewProblems(
    { outcome: 'remove', reason, reviewOn: '2027-06-01', precautions: 'x' },
    current,
    today,
  )
  assert.deepEqual(Object.keys(remove).sort(), ['precautions', 'reviewOn'])
  const cont = { outcome: 'continue' as const, reason, reviewOn: '2027-06-01' }
  assert.deepEqual(Object.keys(markerReviewProblems({ ...cont, precautions: 'x' }, current, today)), ['precautions'])
  assert.deepEqual(markerReviewProblems({ ...cont, precautions: current }, current, today), {}, 'the same precautions')
})
