import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { fromLondon, londonClock, londonDate, parseTime, readDate, readLondonDateTime } from './london-time.ts'

const at = (date: string, time: string) => {
  const parsed = parseTime(time)
  assert.ok(parsed, `parses ${time}`)
  const result = fromLondon(date, parsed)
  return result.ok ? result.at.toISOString() : result.reason
}

describe('times as staff type them', () => {
  test('24-hour and 12-hour clock, midday and midnight', () => {
    assert.deepEqual(parseTime('14:05'), { hour: 14, minute: 5 })
    assert.deepEqual(parseTime('9:30'), { hour: 9, minute: 30 })
    assert.deepEqual(parseTime('09.30'), { hour: 9, minute: 30 })
    assert.deepEqual(parseTime('00:00'), { hour: 0, minute: 0 })
    assert.deepEqual(parseTime('2:05pm'), { hour: 14, minute: 5 })
    assert.deepEqual(parseTime('2:05 PM'), { hour: 14, minute: 5 })
    assert.deepEqual(parseTime('2pm'), { hour: 14, minute: 0 })
    assert.deepEqual(parseTime('12am'), { hour: 0, minute: 0 })
    assert.deepEqual(parseTime('12:30pm'), { hour: 12, minute: 30 })
    assert.deepEqual(parseTime('11.15 a.m.'), { hour: 11, minute: 15 })
    assert.deepEqual(parseTime('midday'), { hour: 12, minute: 0 })
    assert.deepEqual(parseTime('Midnight'), { hour: 0, minute: 0 })
    assert.deepEqual(parseTime('1:30 GMT'), { hour: 1, minute: 30, zone: 'GMT' })
    assert.deepEqual(parseTime('1:30am bst'), { hour: 1, minute: 30, zone: 'BST' })
  })

  test('times that do not exist are refused, not guessed', () => {
    for (const bad of [
      '25:00',
      '24:00',
      '12:60',
      '13pm',
      '0am',
      '14',
      '2:5pm',
      'teatime',
      '',
      '1:30 CET',
      '-1:00',
      '1:30\u0000',
    ])
      assert.equal(parseTime(bad), null, bad)
  })
})

describe('dates from a GOV.UK date input', () => {
  test('a real date, padded', () => {
    assert.deepEqual(readDate({ day: '7', month: '1', year: '2027' }, 'The date'), { value: '2027-01-07' })
    assert.deepEqual(readDate({ day: '', month: '', year: '' }, 'The date'), {})
  })
  test('30 February and other non-dates are refused with a GOV.UK message', () => {
    assert.match(readDate({ day: '30', month: '2', year: '2026' }, 'The date').error ?? '', /must be a real date/)
    assert.match(readDate({ day: '29', month: '2', year: '2027' }, 'The date').error ?? '', /must be a real date/)
    assert.equal(readDate({ day: '29', month: '2', year: '2028' }, 'The date').value, '2028-02-29')
    assert.match(readDate({ day: '1', month: '13', year: '2026' }, 'The date').error ?? '', /must be a real date/)
    assert.match(readDate({ day: '1', month: '1', year: '26' }, 'The date').error ?? '', /must be a real date/)
    assert.match(readDate({ day: 'x', month: '1', year: '2026' }, 'The date').error ?? '', /must be a real date/)
    assert.equal(
      readDate({ day: '1', month: '', year: '' }, 'The date').error,
      'The date must include a month and a year',
    )
    assert.match(readDate({ day: ['1', '2'], month: '1', year: '2026' }, 'The date').error ?? '', /must include a day/)
  })
})

describe('UK local time across daylight saving', () => {
  test('winter is GMT, summer is BST', () => {
    assert.equal(at('2026-01-15', '14:05'), '2026-01-15T14:05:00.000Z')
    assert.equal(at('2026-07-01', '2:05pm'), '2026-07-01T13:05:00.000Z')
    assert.equal(at('2026-07-01', '00:30'), '2026-06-30T23:30:00.000Z')
  })

  test('29 March 2026: clocks go forward at 1am, so 1:00 to 1:59 never happened', () => {
    assert.equal(at('2026-03-29', '00:59'), '2026-03-29T00:59:00.000Z')
    assert.equal(at('2026-03-29', '01:00'), 'skipped')
    assert.equal(at('2026-03-29', '01:30'), 'skipped')
    assert.equal(at('2026-03-29', '01:59'), 'skipped')
    assert.equal(at('2026-03-29', '02:00'), '2026-03-29T01:00:00.000Z')
    assert.equal(at('2026-03-29', '14:05'), '2026-03-29T13:05:00.000Z')
    assert.equal(at('2026-03-28', '14:05'), '2026-03-28T14:05:00.000Z')
  })

  test('25 October 2026: clocks go back at 2am, so 1:00 to 1:59 happened twice and needs BST or GMT', () => {
    assert.equal(at('2026-10-25', '00:59'), '2026-10-24T23:59:00.000Z')
    assert.equal(at('2026-10-25', '01:30'), 'repeated')
    assert.equal(at('2026-10-25', '01:30 BST'), '2026-10-25T00:30:00.000Z')
    assert.equal(at('2026-10-25', '1:30am GMT'), '2026-10-25T01:30:00.000Z')
    assert.equal(at('2026-10-25', '02:00'), '2026-10-25T02:00:00.000Z')
    assert.equal(at('2026-10-25', '14:05'), '2026-10-25T14:05:00.000Z')
    assert.equal(at('2026-10-24', '14:05'), '2026-10-24T13:05:00.000Z')
    assert.equal(at('2026-10-25', '14:05 BST'), 'wrong_zone')
  })

  test('instants shown back in UK time, either side of the change', () => {
    assert.equal(londonClock(new Date('2026-03-29T00:59:00Z')), '00:59')
    assert.equal(londonClock(new Date('2026-03-29T01:00:00Z')), '02:00')
    assert.equal(londonClock(new Date('2026-10-25T00:30:00Z')), '01:30')
    assert.equal(londonClock(new Date('2026-10-25T01:30:00Z')), '01:30')
    assert.equal(londonDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01')
    assert.equal(londonDate(new Date('2026-12-31T23:30:00Z')), '2026-12-31')
  })

  test('messages for the date and the time, keyed by field', () => {
    const fields = (day: string, month: string, year: string, time: string) => {
      const result = readLondonDateTime({ day, month, year, time })
      return 'errors' in result ? result.errors : result.at.toISOString()
    }
    assert.equal(fields('29', '3', '2026', '2:30am'), '2026-03-29T01:30:00.000Z')
    assert.deepEqual(fields('', '', '', ''), { date: 'Enter the date', time: 'Enter the time' })
    assert.deepEqual(fields('30', '2', '2026', '25:00'), {
      date: 'The date must be a real date, like 27 3 2026',
      time: 'Enter a real time, like 14:05 or 2:05pm',
    })
    assert.match(JSON.stringify(fields('29', '3', '2026', '01:30')), /did not happen on 29 March 2026/)
    assert.match(JSON.stringify(fields('25', '10', '2026', '01:30')), /Enter 01:30 BST for the first or 01:30 GMT/)
  })
})
