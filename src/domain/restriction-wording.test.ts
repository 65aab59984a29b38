import assert from 'node:assert/strict'
import { test } from 'node:test'
import { necessaryContact, servicesTold, staffResponse } from './restriction-wording.ts'

// K2: what the register tells staff, per restriction type.

const scope = { services: ['Waste'] }

test('K2, F5a: letters only: contact by letter, and staff explain politely and do not discuss it by phone', () => {
  const r = { type: 'contact_method' as const, channels: ['letter' as const], scope, address: 'PO Box 1' }
  assert.equal(necessaryContact(r), 'By letter only, to PO Box 1.')
  assert.equal(
    staffResponse(r),
    'Explain politely that they can only contact us by letter; do not discuss the matter in any other way, and record the attempt.',
  )
})

test('K2, F5b: a named officer and deputy are named for staff', () => {
  const r = {
    type: 'named_contact' as const,
    staffUserId: 'a',
    scope,
    namedOfficerName: 'Sam Jones',
    deputyName: 'Ali Khan',
  }
  assert.equal(necessaryContact(r), 'Through Sam Jones, or Ali Khan when they are away.')
  assert.match(
    staffResponse(r),
    /^Take their name and pass the contact to Sam Jones \(or Ali Khan when they are away\)/,
  )
})

test('K2, F5c: telephone windows and call length', () => {
  const r = {
    type: 'phone_times' as const,
    windows: [{ day: 'tuesday' as const, from: '10:00', to: '12:00' }],
    maxCallMinutes: 20,
    scope,
  }
  assert.match(
    necessaryContact(r),
    /^By telephone on Tuesdays, 10am to 12 noon; in other ways as usual\. Calls can last up to 20 minutes\.$/,
  )
  assert.match(staffResponse(r), /explain politely when they can call.*Keep calls to 20 minutes/)
})

test('K2, F5d, F5e: a contact agreement; a closed matter is still read, and new complaints are taken on merit (P3)', () => {
  const agreement = { type: 'contact_agreement' as const, terms: 'One email a week.', scope }
  assert.equal(necessaryContact(agreement), 'As the contact agreement says: One email a week.')
  assert.match(staffResponse(agreement), /remind them politely of what was agreed/)
  const closed = {
    type: 'matter_closed' as const,
    matterId: 'm',
    reply: 'file_without_acknowledgement' as const,
    scope,
    matterReference: 'CMP-2026-000001',
    matterSubject: 'Bin collections',
  }
  assert.match(necessaryContact(closed), /Anything about CMP-2026-000001 \(Bin collections\) is read/)
  assert.match(staffResponse(closed), /safeguarding concerns, then file it without acknowledgement.*merits \(P3\)/)
})

test('K2: services in scope are told through the register on the day of the letter', () => {
  assert.equal(
    servicesTold('Waste, Housing', '2027-01-07'),
    'Services in scope (Waste, Housing) were told on 7 January 2027 through this register.',
  )
  assert.match(servicesTold('Waste', null), /^Not yet/)
})
