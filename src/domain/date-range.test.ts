import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dateOfBirthOutOfRange, dateOutOfRange, instantOutOfRange } from './date-range.ts'
import { readDate } from './london-time.ts'

// Issue 12, item 7: every date the service takes in is bounded in one place, with a message in GOV.UK words.
describe('the range of dates the service accepts', () => {
  test('a day from 1 January 1900 to 31 December 2100; year 0 and far futures are refused', () => {
    assert.equal(dateOutOfRange('1900-01-01', 'the start date'), undefined)
    assert.equal(dateOutOfRange('2100-12-31', 'the start date'), undefined)
    for (const day of ['0000-01-01', '0001-01-01', '1899-12-31', '2101-01-01', '9999-12-31'])
      assert.equal(
        dateOutOfRange(day, 'the start date'),
        'The start date must be between 1 January 1900 and 31 December 2100',
        day,
      )
  })

  test('an instant by its date in UTC, including years JavaScript writes with six digits', () => {
    assert.equal(instantOutOfRange(new Date('2026-11-02T10:00:00Z'), 'when it happened'), undefined)
    for (const at of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2101-01-01T00:00:00Z'])
      assert.match(instantOutOfRange(new Date(at), 'when it happened') ?? '', /^When it happened must be between/, at)
    assert.match(instantOutOfRange(new Date(Date.UTC(-1, 0, 1)), 'when') ?? '', /must be between/)
    assert.match(instantOutOfRange(new Date(8.64e15), 'when') ?? '', /must be between/)
  })

  test('a date of birth runs from 1 January 1900 to today', () => {
    assert.equal(
      dateOfBirthOutOfRange('0000-01-01', '2026-12-05', 'date of birth'),
      'Date of birth must be the same as or after 1 January 1900',
    )
    assert.equal(dateOfBirthOutOfRange('1900-01-01', '2026-12-05', 'date of birth'), undefined)
    assert.equal(dateOfBirthOutOfRange('2026-12-05', '2026-12-05', 'date of birth'), undefined)
    assert.equal(
      dateOfBirthOutOfRange('2026-12-06', '2026-12-05', 'date of birth'),
      'Date of birth must be in the past',
    )
  })

  test('the GOV.UK date input of every page form says so too', () => {
    assert.deepEqual(readDate({ day: '1', month: '1', year: '0000' }, 'The end date'), {
      error: 'The end date must be between 1 January 1900 and 31 December 2100',
    })
    assert.deepEqual(readDate({ day: '1', month: '1', year: '2101' }, 'The end date'), {
      error: 'The end date must be between 1 January 1900 and 31 December 2100',
    })
    assert.deepEqual(readDate({ day: '1', month: '1', year: '1900' }, 'The end date'), { value: '1900-01-01' })
  })
})
