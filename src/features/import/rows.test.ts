import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { readContact, readMatter, readPerson } from './rows.ts'

const now = new Date('2026-11-29T12:00:00Z')
const reasons = (read: { ok: true } | { ok: false; reasons: string[] }) => (read.ok ? [] : read.reasons)

describe('a person row: the same rules as the form and the API', () => {
  test('identifiers are normalised exactly as when typed', () => {
    const read = readPerson({
      externalRef: 'C-1',
      firstName: 'Zoë',
      lastName: 'Brontë',
      email: 'Zoe@Example.ORG',
      phone: '(07700) 900-123',
      line1: '1 High Street',
      postcode: 'nn1   2ab',
      dateOfBirth: '1961-03-27',
      alias: 'Zoe Bronte',
    })
    assert.ok(read.ok)
    assert.deepEqual(read.value, {
      externalRef: 'C-1',
      person: {
        fullName: 'Zoë Brontë',
        aliases: ['Zoe Bronte'],
        emails: ['zoe@example.org'],
        phones: ['+447700900123'],
        addresses: [{ line1: '1 High Street', postcode: 'NN1 2AB' }],
        dateOfBirth: '1961-03-27',
        isCouncillor: false,
        adjustments: [],
      },
    })
  })

  test('every broken value is a reason, named by its field; nothing is dropped silently', () => {
    assert.deepEqual(
      reasons(
        readPerson({
          fullName: 'A Person',
          email: 'not-an-email',
          phone: '123',
          postcode: 'NN1 2AB',
          dateOfBirth: '2030-01-01',
        }),
      ),
      [
        'Email address: Enter an email address in the correct format, like name@example.gov.uk',
        'Phone number: Enter a phone number, like 07700 900123 or +44 7700 900123',
        'Address line 1: Enter the first line of the address',
        'Date of birth: The date of birth must be in the past',
      ],
    )
    assert.deepEqual(reasons(readPerson({ email: 'a@example.org' })), ['Full name: Enter the person’s full name'])
    assert.deepEqual(reasons(readPerson({ fullName: 'Line\u0000Break' })), [
      'Full name: The person’s full name contains characters that cannot be stored. Retype it',
    ])
    assert.deepEqual(reasons(readPerson({ fullName: 'Two\nLines' })), [
      'Full name: The person’s full name must be on one line',
    ])
    assert.deepEqual(reasons(readPerson({ fullName: 'Someone', externalRef: 'x'.repeat(101) })), [
      'External reference: The external reference must be 100 characters or fewer',
    ])
  })
})

describe('a matter row', () => {
  const base = { personRef: 'P-1', type: 'Complaint', subject: 'Bins', service: 'Waste' }

  test('an open complaint starts at stage 1; a closed one is at the closed stage with its outcome (F11)', () => {
    const open = readMatter(base, now)
    assert.ok(open.ok)
    assert.equal(open.value.status, 'open')
    assert.equal(open.value.complaintStage, 'stage_1')
    const stage2 = readMatter({ ...base, complaintStage: 'Stage 2' }, now)
    assert.equal(stage2.ok && stage2.value.complaintStage, 'stage_2')
    const closed = readMatter({ ...base, closedAt: '01/03/2026', outcome: 'not upheld', processExhausted: 'Y' }, now)
    assert.ok(closed.ok)
    assert.deepEqual(
      [closed.value.status, closed.value.complaintStage, closed.value.outcome, closed.value.processExhausted],
      ['closed', 'closed', 'not_upheld', true],
    )
  })

  test('S3: FOI and EIR requests are recorded with their own type and no complaint stage', () => {
    const foi = readMatter({ ...base, type: 'Freedom of Information request' }, now)
    assert.equal(foi.ok && foi.value.type, 'foi')
    assert.equal(foi.ok && foi.value.complaintStage, null)
    assert.deepEqual(reasons(readMatter({ ...base, type: 'EIR', complaintStage: 'stage 1' }, now)), [
      'Complaint stage: Only a complaint has a stage',
    ])
  })

  test('contradictions are refused, not resolved by guessing', () => {
    assert.deepEqual(
      reasons(readMatter({ ...base, status: 'open', outcome: 'upheld', processExhausted: 'yes' }, now)),
      [
        'Outcome: An open matter cannot have an outcome yet',
        'Complaints process exhausted: Only a closed complaint can have exhausted the complaints process (F11)',
      ],
    )
    assert.deepEqual(reasons(readMatter({ ...base, status: 'closed' }, now)), [
      'Date closed: A closed matter needs the date it was closed',
      'Outcome: A closed matter needs its outcome',
    ])
    assert.deepEqual(
      reasons(readMatter({ ...base, openedAt: '02/03/2026', closedAt: '01/03/2026', outcome: 'withdrawn' }, now)),
      ['Date closed: The date closed is before the date opened'],
    )
    assert.deepEqual(
      reasons(
        readMatter({ ...base, type: 'SAR', closedAt: '01/03/2026', outcome: 'resolved', processExhausted: 'yes' }, now),
      ),
      ['Complaints process exhausted: Only a complaint can have exhausted the complaints process'],
    )
    assert.deepEqual(reasons(readMatter({ ...base, openedAt: '01/01/2027' }, now)), [
      'Date opened: The date must not be in the future',
    ])
    assert.deepEqual(reasons(readMatter({ ...base, status: 'pending' }, now)), [
      'Status: “pending” is not one of: open, closed',
    ])
  })
})

describe('a contact row (K1)', () => {
  const base = { personRef: 'P-1', channel: 'Phone', direction: 'In', at: '31/01/2026 14:05', summary: 'Called' }

  test('channel, direction and minutes are read as staff write them', () => {
    const read = readContact(
      { ...base, channel: 'Face to face', minutes: '15', staffEmail: 'Officer@Council.Example' },
      now,
    )
    assert.ok(read.ok)
    assert.deepEqual(read.value, {
      personRef: 'P-1',
      channel: 'in_person',
      direction: 'inbound',
      at: new Date('2026-01-31T14:05:00Z'),
      summary: 'Called',
      minutesSpent: 15,
      staffEmail: 'officer@council.example',
    })
  })

  test('a contact needs a time; minutes are a whole number of a day or fewer; nothing in the future', () => {
    assert.deepEqual(reasons(readContact({ ...base, at: '31/01/2026' }, now)), [
      'Date and time: “31/01/2026” has no time: give the time too, like 31/01/2026 14:05',
    ])
    assert.deepEqual(reasons(readContact({ ...base, minutes: '1.5' }, now)), [
      'Minutes of staff time: Enter the minutes of staff time as a whole number',
    ])
    assert.deepEqual(reasons(readContact({ ...base, at: '2026-11-29T12:30:00Z' }, now)), [
      'Date and time: The date and time must not be in the future',
    ])
    assert.ok(readContact({ ...base, at: '2026-11-29T12:05:00Z' }, now).ok, 'a few minutes of clock drift is allowed')
    assert.deepEqual(reasons(readContact({ personRef: 'P-1' }, now)), [
      'Channel: Enter the channel: phone, email, letter, in person, web form, social media',
      'Direction: Enter the direction: inbound, outbound',
      'Date and time: Enter when it happened',
      'Summary: Enter a summary',
    ])
  })
})
