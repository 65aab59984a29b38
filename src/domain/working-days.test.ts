import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  addDays,
  addMonths,
  addWorkingDays,
  isWorkingDay,
  readGovUkBankHolidays,
  workingDaysBetween,
} from './working-days.ts'
import shipped from '../data/bank-holidays-england-and-wales.json' with { type: 'json' }

const holidays = new Set((readGovUkBankHolidays(shipped) ?? []).map((e) => e.date))

describe('working days (F8, F10)', () => {
  test('the shipped list is GOV.UK’s format and covers 2024 to 2028', () => {
    const events = readGovUkBankHolidays(shipped)
    assert.ok(events)
    assert.ok(holidays.has('2026-12-25') && holidays.has('2026-12-28'), 'Boxing Day 2026 is substituted to Monday 28th')
    assert.ok([...holidays].some((d) => d.startsWith('2028-')))
  })

  test('F10: counting starts the day after receipt; weekends and bank holidays do not count', () => {
    // Received Monday 4 January 2027: ten working days later is Monday 18 January.
    assert.equal(addWorkingDays('2027-01-04', 10, holidays), '2027-01-18')
    // Received Friday: Saturday and Sunday skipped.
    assert.equal(addWorkingDays('2027-01-08', 1, holidays), '2027-01-11')
    // Received Thursday 25 March 2027: Good Friday and Easter Monday skipped.
    assert.equal(addWorkingDays('2027-03-25', 10, holidays), '2027-04-12')
    assert.equal(addWorkingDays('2027-03-25', 10, new Set()), '2027-04-08')
    // Received Christmas Eve 2026 (Thursday): 25th, 28th (Boxing Day substitute) and 1 January skipped.
    assert.equal(addWorkingDays('2026-12-24', 3, holidays), '2026-12-31')
    assert.equal(addWorkingDays('2026-12-24', 4, holidays), '2027-01-04')
  })

  test('received on a non-working day: the count still starts the next working day', () => {
    assert.equal(addWorkingDays('2027-01-09', 1, holidays), '2027-01-11') // Saturday → Monday
  })

  test('working days between two dates agree with adding them', () => {
    for (const [from, n] of [
      ['2027-01-04', 10],
      ['2027-03-25', 10],
      ['2026-12-24', 7],
    ] as const) {
      const to = addWorkingDays(from, n, holidays)
      assert.equal(workingDaysBetween(from, to, holidays), n)
    }
    assert.equal(workingDaysBetween('2027-01-18', '2027-01-04', holidays), -10)
    assert.equal(workingDaysBetween('2027-01-04', '2027-01-04', holidays), 0)
  })

  test('isWorkingDay, addDays and addMonths (clamped to the month’s end)', () => {
    assert.equal(isWorkingDay('2027-01-01', holidays), false)
    assert.equal(isWorkingDay('2027-01-04', holidays), true)
    assert.equal(addDays('2027-02-28', 1), '2027-03-01')
    assert.equal(addMonths('2027-01-31', 1), '2027-02-28')
    assert.equal(addMonths('2028-01-31', 1), '2028-02-29')
    assert.equal(addMonths('2027-01-04', 12), '2028-01-04')
    assert.throws(() => addWorkingDays('2027-01-04', 0, holidays), RangeError)
  })

  test('a file not in GOV.UK’s format is refused', () => {
    assert.equal(readGovUkBankHolidays({ events: [] }), null)
    assert.equal(readGovUkBankHolidays({ 'england-and-wales': { events: [{ date: '2027-02-30', title: 'x' }] } }), null)
    assert.equal(readGovUkBankHolidays('nope'), null)
  })
})
