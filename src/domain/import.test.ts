import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkMapping, choose, csvCell, csvLine, guessMapping, headerKey, valuesOf } from './import.ts'

describe('matching a file’s columns to fields', () => {
  test('column names are compared ignoring case, spaces and punctuation', () => {
    assert.equal(headerKey(' Customer E-mail Address '), 'customeremailaddress')
    assert.equal(headerKey('Café Name'), 'cafename')
  })

  test('a people file from a typical CRM export is mapped by its column names', () => {
    const header = [
      'Contact ID',
      'First Name',
      'Last Name',
      'Email Address',
      'Mobile Phone',
      'Address 1: Street 1',
      'Postal Code',
      'DOB',
    ]
    assert.deepEqual(guessMapping('people', header), {
      externalRef: { column: 0 },
      firstName: { column: 1 },
      lastName: { column: 2 },
      email: { column: 3 },
      phone: { column: 4 },
      line1: { column: 5 },
      postcode: { column: 6 },
      dateOfBirth: { column: 7 },
    })
  })

  test('a longer name containing a field’s name is a second-best guess; each column is used once', () => {
    assert.deepEqual(guessMapping('people', ['Name', 'Home Telephone', 'Work Telephone', 'Customer Email (primary)']), {
      fullName: { column: 0 },
      phone: { column: 1 },
      email: { column: 3 },
    })
  })

  test('contacts and matters: the CRM’s references, kinds and dates', () => {
    assert.deepEqual(
      guessMapping('contacts', ['Customer ID', 'Case Ref', 'Contact Method', 'Direction', 'Date', 'Notes', 'Duration']),
      {
        personRef: { column: 0 },
        matterRef: { column: 1 },
        channel: { column: 2 },
        direction: { column: 3 },
        at: { column: 4 },
        summary: { column: 5 },
        minutes: { column: 6 },
      },
    )
    const matters = guessMapping('matters', ['Case Ref', 'Customer ID', 'Type', 'Subject', 'Service', 'Status'])
    assert.deepEqual(Object.keys(matters), ['externalRef', 'personRef', 'type', 'subject', 'service', 'status'])
  })

  test('nothing is guessed from a file whose names mean nothing', () => {
    assert.deepEqual(guessMapping('contacts', ['A', 'B', '', 'Column 4']), {})
  })

  test('a mapping must fill every required field, from a column that exists or an allowed fixed value', () => {
    assert.deepEqual(Object.keys(checkMapping('contacts', {}, 3)), [
      'personRef',
      'channel',
      'direction',
      'at',
      'summary',
    ])
    assert.deepEqual(
      checkMapping(
        'contacts',
        {
          personRef: { column: 0 },
          channel: { fixed: 'fax' },
          direction: { fixed: 'inbound' },
          at: { column: 1 },
          summary: { column: 9 },
        },
        3,
      ),
      { channel: 'Choose a column or a value for channel', summary: 'Choose a column of the file for summary' },
    )
    // A full name, or its parts.
    assert.deepEqual(checkMapping('people', { lastName: { column: 0 } }, 1), {})
    assert.deepEqual(Object.keys(checkMapping('people', { email: { column: 0 } }, 1)), ['fullName'])
  })

  test('a row’s values: trimmed, empty cells left out, fixed values for every row', () => {
    assert.deepEqual(
      valuesOf([' A ', '', '  '], { a: { column: 0 }, b: { column: 1 }, c: { column: 2 }, d: { fixed: 'inbound' } }),
      {
        a: 'A',
        d: 'inbound',
      },
    )
  })

  test('allowed values are read as staff write them, and nothing else', () => {
    const allowed = { in_person: ['face to face'], phone: ['telephone'] }
    assert.equal(choose('In Person', allowed), 'in_person')
    assert.equal(choose('in-person', allowed), 'in_person')
    assert.equal(choose('Face-to-face', allowed), 'in_person')
    assert.equal(choose('TELEPHONE', allowed), 'phone')
    assert.equal(choose('carrier pigeon', allowed), undefined)
  })
})

describe('writing a report as CSV', () => {
  test('OWASP CSV injection: a cell a spreadsheet would run as a formula is prefixed with a quote', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil.example","x")'), `"'=HYPERLINK(""http://evil.example"",""x"")"`)
    assert.equal(csvCell('+44 7700 900123'), "'+44 7700 900123")
    assert.equal(csvCell('-1'), "'-1")
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)")
    assert.equal(csvCell('\t=1'), "'\t=1")
    assert.equal(csvCell('plain'), 'plain')
  })

  test('commas, quotes and line breaks are quoted as RFC 4180 says', () => {
    assert.equal(csvLine([2, 'a, b', 'say "hi"', 'one\ntwo']), '2,"a, b","say ""hi""","one\ntwo"\r\n')
  })
})
