import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  assessAttention,
  contactPatternText,
  counterweights,
  counterweightsText,
  emptyFigures,
  mostlyUpheld,
  thresholdExplanations,
  type AttentionFigures,
  type AttentionThresholds,
} from './attention.ts'

// The defaults in src/config.ts.
const thresholds: AttentionThresholds = {
  contacts7Days: 10,
  contacts30Days: 25,
  ratioToHistory: 3,
  closedMatterContacts90Days: 5,
  channels7Days: 3,
  staff30Days: 6,
  staffMinutes30Days: 300,
}
const figures = (f: Partial<AttentionFigures>): AttentionFigures => ({ ...emptyFigures, ...f })

test('P1: a quiet history reaches no indicator and scores 0', () => {
  const a = assessAttention(
    figures({ contacts7: 1, contacts30: 3, contacts90: 6, history: 40, distinctMatters: 2 }),
    thresholds,
  )
  assert.deepEqual(a.flags, [])
  assert.equal(a.score, 0)
})

test('P1: 15 contacts in the last 7 days reaches the 7-day threshold, explained with the figure and the threshold', () => {
  const a = assessAttention(figures({ contacts7: 15, contacts30: 15, history: 51 * 6 }), thresholds)
  assert.deepEqual(a.flags, ['contacts_7_days'])
  assert.equal(a.reached[0]?.text, '15 contacts in the last 7 days (threshold 10)')
  assert.equal(a.score, 1.5)
})

test('P1: a threshold is reached at exactly its value', () => {
  const a = assessAttention(figures({ contacts30: 25, minutes30: 300, history: 51 * 10 }), thresholds)
  assert.deepEqual(a.flags, ['contacts_30_days', 'staff_minutes'])
  assert.equal(a.score, 1)
})

test('P1: against their own history: 15 this week for someone usually in touch 5 times a week is 3 times their usual', () => {
  const a = assessAttention(figures({ contacts7: 15, history: 51 * 5 }), thresholds)
  const usual = a.reached.find((r) => r.indicator === 'above_usual')
  assert.ok(usual)
  assert.match(
    usual.text,
    /^3 times their usual weekly contact: 15 contacts in the last 7 days, usually about 5 contacts a week/,
  )
  // Someone usually in touch 10 times a week is not above their usual with the same 15.
  assert.ok(!assessAttention(figures({ contacts7: 15, history: 51 * 10 }), thresholds).flags.includes('above_usual'))
})

test('P1: someone new is treated as usually in touch once a week, so 2 contacts are not "many times" their usual', () => {
  assert.deepEqual(assessAttention(figures({ contacts7: 2 }), thresholds).flags, [])
  const a = assessAttention(figures({ contacts7: 4 }), thresholds)
  assert.deepEqual(a.flags, ['above_usual'])
  assert.match(a.reached[0]?.text ?? '', /4 times their usual weekly contact: .*less than once a week/)
})

test('P1: contacts on closed matters, several channels, many staff and staff time are each explained', () => {
  const a = assessAttention(
    figures({ closedMatterContacts90: 6, channels7: 4, staff30: 7, minutes30: 320, contacts7: 2, history: 510 }),
    thresholds,
  )
  assert.deepEqual(a.flags, ['closed_matters', 'channels', 'staff', 'staff_minutes'])
  assert.deepEqual(
    a.reached.map((r) => r.text),
    [
      '6 contacts in the last 90 days about matters after they were closed (threshold 5)',
      'In touch through 4 different channels in the last 7 days (threshold 3)',
      'In touch with 7 different members of staff in the last 30 days (threshold 6)',
      '320 minutes of staff time in the last 30 days (threshold 300)',
    ],
  )
  assert.equal(a.score, 4 / 3)
})

test('P1: the score is how far above its threshold the furthest indicator is', () => {
  const a = assessAttention(figures({ contacts7: 20, contacts30: 30, history: 51 * 20 }), thresholds)
  assert.equal(a.score, 2)
})

test('P2: the genuine complainant: 8 complaints, 7 upheld or partly upheld, is shown as such beside the indicators', () => {
  const genuine = figures({
    contacts7: 12,
    contacts30: 30,
    history: 51 * 2,
    distinctMatters: 9,
    complaints: 8,
    complaintsDecided: 8,
    upheld: 4,
    partlyUpheld: 3,
    openMatters: 1,
  })
  const a = assessAttention(genuine, thresholds)
  assert.ok(a.mostlyUpheld)
  // Still listed (P1: it prompts a look), but never described as a problem (P2).
  assert.deepEqual(a.flags, ['contacts_7_days', 'contacts_30_days', 'above_usual'])
  assert.deepEqual(a.counterweights, [
    '9 distinct matters raised',
    '8 complaints, 7 upheld or partly upheld: many genuine complaints are not unreasonable persistence',
    '1 open matter the council has not yet answered',
  ])
  for (const text of [...a.reached.map((r) => r.text), ...a.counterweights])
    assert.doesNotMatch(text, /unreasonable (behaviour|contact)|vexatious|persistent complainer|problem/i)
})

test('P2: mostly upheld needs at least 3 decided complaints, at least half upheld or partly upheld', () => {
  assert.equal(mostlyUpheld(figures({ complaints: 2, complaintsDecided: 2, upheld: 2 })), false)
  assert.equal(mostlyUpheld(figures({ complaints: 4, complaintsDecided: 4, upheld: 1, partlyUpheld: 1 })), true)
  assert.equal(mostlyUpheld(figures({ complaints: 5, complaintsDecided: 5, upheld: 1, partlyUpheld: 1 })), false)
  // Open complaints are not decided: 6 complaints, 2 decided and both upheld is not enough to say "mostly".
  assert.equal(mostlyUpheld(figures({ complaints: 6, complaintsDecided: 2, upheld: 2 })), false)
})

test('P2: the counterweights are always there, even with no complaints and nothing open', () => {
  assert.deepEqual(counterweights(figures({ distinctMatters: 1 })), [
    '1 distinct matter raised',
    'No complaints',
    'No open matters waiting for the council',
  ])
  assert.deepEqual(counterweights(figures({ distinctMatters: 3, complaints: 5, complaintsDecided: 5, upheld: 1 })), [
    '3 distinct matters raised',
    '5 complaints, 1 upheld or partly upheld',
    'No open matters waiting for the council',
  ])
})

test('P2: the counterweights and the contact pattern in the words staff read beside persistence', () => {
  assert.equal(
    counterweightsText({ distinctMatters: 5, upheld: 1, partlyUpheld: 1 }),
    'Raised 5 distinct matters; 2 complaints upheld or partly upheld',
  )
  assert.equal(
    counterweightsText({ distinctMatters: 1, upheld: 0, partlyUpheld: 1 }),
    'Raised 1 distinct matter; 1 complaint upheld or partly upheld',
  )
  assert.equal(
    contactPatternText({ days30: 1, days90: 4, days365: 1200, onClosedMatters: 0 }),
    '1 contact in the last 30 days, 4 in the last 90 days and 1,200 in the last year; 0 contacts on matters after they closed',
  )
})

test('S3 (issue 13): the contact pattern in words says how many contacts about FOI or EIR requests were not counted', () => {
  assert.equal(
    contactPatternText({ days30: 2, days90: 3, days365: 3, onClosedMatters: 0, foiEirNotCounted: 4 }),
    '2 contacts in the last 30 days, 3 in the last 90 days and 3 in the last year; 0 contacts on matters after they closed; 4 contacts about FOI or EIR requests in the last year not counted, as the procedure does not apply to them (S3)',
  )
  assert.match(
    contactPatternText({ days30: 0, days90: 0, days365: 0, onClosedMatters: 0, foiEirNotCounted: 1 }),
    /; 1 contact about FOI or EIR requests in the last year not counted/,
  )
  assert.doesNotMatch(
    contactPatternText({ days30: 0, days90: 0, days365: 0, onClosedMatters: 0, foiEirNotCounted: 0 }),
    /FOI/,
  )
})

test('P1: every threshold is explained with its setting and value', () => {
  const rows = thresholdExplanations(thresholds)
  assert.equal(rows.length, 7)
  assert.deepEqual(
    rows.map((r) => r.setting),
    [
      'ATTENTION_CONTACTS_7_DAYS',
      'ATTENTION_CONTACTS_30_DAYS',
      'ATTENTION_RATIO_TO_HISTORY',
      'ATTENTION_CLOSED_MATTER_CONTACTS_90_DAYS',
      'ATTENTION_CHANNELS_7_DAYS',
      'ATTENTION_STAFF_30_DAYS',
      'ATTENTION_STAFF_MINUTES_30_DAYS',
    ],
  )
  assert.ok(rows.every((r) => r.meaning.length > 20 && r.value))
})
