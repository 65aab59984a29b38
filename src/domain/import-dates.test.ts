import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseDate, parseWhen } from './import-dates.ts'

describe('dates and times in a file (Europe/London)', () => {
  const at = (value: string) => {
    const when = parseWhen(value)
    return when.ok ? when.at.toISOString() : when.message
  }

  test('ISO 8601 with an offset is that instant', () => {
    assert.equal(at('2026-01-31T14:05:00Z'), '2026-01-31T14:05:00.000Z')
    assert.equal(at('2026-07-01T14:05:00+01:00'), '2026-07-01T13:05:00.000Z')
    assert.equal(at('2026-07-01T14:05:00.250-0230'), '2026-07-01T16:35:00.250Z')
  })

  test('without an offset, a time is UK time: GMT in winter, BST in summer', () => {
    assert.equal(at('31/01/2026 14:05'), '2026-01-31T14:05:00.000Z')
    assert.equal(at('01/07/2026 14:05'), '2026-07-01T13:05:00.000Z')
    assert.equal(at('1/7/2026 9.30'), '2026-07-01T08:30:00.000Z')
    assert.equal(at('2026-07-01 14:05:30'), '2026-07-01T13:05:30.000Z')
    assert.equal(at('01/07/2026'), '2026-06-30T23:00:00.000Z', 'a date alone is the start of the UK day')
    assert.equal(parseWhen('01/07/2026').ok && parseWhen('01/07/2026 00:00').ok, true)
    const dateOnly = parseWhen('01/07/2026')
    assert.equal(dateOnly.ok && dateOnly.hasTime, false)
  })

  test('a UK time that never happened, or happened twice, is refused rather than guessed', () => {
    assert.match(at('29/03/2026 01:30'), /did not happen in the UK: the clocks went forward/)
    assert.match(at('25/10/2026 01:30'), /happened twice in the UK/)
    assert.equal(at('25/10/2026 00:59'), '2026-10-24T23:59:00.000Z')
    assert.equal(at('25/10/2026 02:00'), '2026-10-25T02:00:00.000Z')
  })

  test('dates are day first; month-first, two-digit years, impossible dates and words are refused', () => {
    assert.match(at('12/31/2026'), /is not a real date \(dates are day first/)
    assert.match(at('30/02/2026'), /is not a real date/)
    assert.match(at('31/01/26'), /is not a date we can read/)
    assert.match(at('31 January 2026'), /is not a date we can read/)
    assert.match(at('2026-01-31T24:00'), /is not a real time/)
    assert.match(at('0099-01-01'), /is not a real date/)
  })
})

describe('dates of birth', () => {
  test('a date of birth is the day written, in any year the UK kept odd clocks', () => {
    const date = (value: string) => {
      const read = parseDate(value)
      return read.ok ? read.date : read.message
    }
    assert.equal(date('05/05/1944'), '1944-05-05', 'double summer time (UTC+2) does not shift it')
    assert.equal(date('27/03/1961'), '1961-03-27')
    assert.equal(date('1961-03-27 00:00:00'), '1961-03-27')
    assert.equal(date('1961-03-27T00:00:00Z'), '1961-03-27')
    assert.match(date('31/02/1961'), /is not a real date/)
  })

  test('a UK time in double summer time (1944) is read at UTC+2', () => {
    const when = parseWhen('05/05/1944 00:00')
    assert.equal(when.ok && when.at.toISOString(), '1944-05-04T22:00:00.000Z')
  })
})
