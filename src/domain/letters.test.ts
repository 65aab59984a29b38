import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  exampleChallenge,
  exampleEnd,
  exampleInterim,
  exampleRestriction,
  exampleRestrictions,
  exampleReview,
  exampleWarning,
} from './letter-examples.ts'
import { composeInterimRestrictionLetter, composeRestrictionLetter, composeWarningLetter } from './letter-compose.ts'
import {
  composeChallengeOutcomeLetter,
  composeEndOfRestrictionLetter,
  composeReviewOutcomeLetter,
} from './letter-outcomes.ts'
import { exampleLetters } from './letters.fixtures.ts'
import {
  checkLetter,
  describeRestriction,
  howYouCanStillContactUs,
  letterText,
  longDate,
  requiredSections,
  spokenTime,
  type LetterContent,
  type RestrictionForLetter,
} from './letters.ts'

const council = { councilWide: true } as const
const section = (letter: LetterContent, key: string) => letter.sections.find((s) => s.key === key)
const sectionText = (letter: LetterContent, key: string) => {
  const s = section(letter, key)
  return s ? [...s.paragraphs, ...(s.bullets ?? [])].join('\n') : ''
}

function assertComplete(letter: LetterContent) {
  for (const key of requiredSections[letter.type]) {
    const s = section(letter, key)
    assert.ok(s, `${letter.type} has ${key}`)
    assert.ok(s.heading.trim(), `${key} has a heading`)
    assert.ok(s.paragraphs.length + (s.bullets?.length ?? 0) > 0, `${key} has text`)
  }
  assert.deepEqual(checkLetter(letter), [])
}

describe('each letter has every section its rule requires', () => {
  test('F3: a warning says what happened and when, why, the change asked for, what may happen, monitoring, and how to say the facts are wrong', () => {
    const letter = composeWarningLetter(exampleWarning)
    assertComplete(letter)
    assert.equal(letter.title, 'We are asking you to change how you contact us')
    assert.match(sectionText(letter, 'what_happened'), /1 December 2026: You telephoned the contact centre 14 times/)
    assert.match(sectionText(letter, 'monitoring'), /for 8 weeks, until 4 March 2027/)
    assert.match(sectionText(letter, 'facts_wrong'), /by 21 January 2027/)
    assert.match(sectionText(letter, 'monitoring'), /does not limit how you can contact us/)
  })

  test('F9: a restriction letter says why, what, how long, how to contact, how to challenge and the Ombudsman', () => {
    const letter = composeRestrictionLetter(exampleRestriction)
    assertComplete(letter)
    assert.equal(letter.title, 'We are limiting how you can contact us')
    assert.match(sectionText(letter, 'why'), /We wrote to you on 2 November 2026/) // F2
    assert.match(sectionText(letter, 'how_long'), /start on 7 January 2027 and end on 6 January 2028/) // F7
    assert.match(sectionText(letter, 'how_long'), /review them by 6 July 2027/)
    assert.match(sectionText(letter, 'how_to_challenge'), /by 21 January 2027/) // F10
    assert.match(sectionText(letter, 'what_we_are_doing'), /organisations that provide council services/) // F6
  })

  test('F4: a restriction letter is signed by both decision-makers and says who decided', () => {
    const letter = composeRestrictionLetter(exampleRestriction)
    assert.equal(letter.signatories.length, 2)
    assert.match(sectionText(letter, 'why'), /Jo Chief \(Chief Executive\) and Mo Legal \(Monitoring Officer\)/)
  })

  test('F8: an interim restriction letter says the decision-makers will confirm or end it by the ratify-by date', () => {
    const letter = composeInterimRestrictionLetter(exampleInterim)
    assertComplete(letter)
    assert.match(
      sectionText(letter, 'how_long'),
      /By 21 January 2027, two senior officers will decide whether to confirm/,
    )
    assert.match(sectionText(letter, 'why'), /threatened to harm/)
    assert.match(sectionText(letter, 'why'), /without writing to you first/)
  })

  test('F7: a review outcome letter says the outcome, reasons, how long, how to contact us and the Ombudsman', () => {
    for (const outcome of ['continue', 'vary', 'lift'] as const) {
      const letter = composeReviewOutcomeLetter({ ...exampleReview, outcome })
      assertComplete(letter)
    }
    const lifted = composeReviewOutcomeLetter({ ...exampleReview, outcome: 'lift', endsOn: '2027-05-01' })
    assert.equal(lifted.title, 'We are ending the limits on how you can contact us')
    assert.match(sectionText(lifted, 'how_long'), /ended on 1 May 2027/)
    assert.doesNotMatch(sectionText(lifted, 'how_to_contact'), /named officer/)
    const varied = composeReviewOutcomeLetter(exampleReview)
    assert.match(sectionText(varied, 'how_long'), /review them again by 6 October 2027/)
    assert.ok(section(varied, 'how_to_challenge'), 'a variation can be challenged (F10)')
  })

  test('F10: a challenge outcome letter says the outcome, reasons, what happens next and the Ombudsman', () => {
    const titles = new Set<string>()
    for (const about of ['warning', 'restriction'] as const) {
      for (const outcome of ['upheld', 'varied', 'not_upheld'] as const) {
        const letter = composeChallengeOutcomeLetter({ ...exampleChallenge, about, outcome })
        assertComplete(letter)
        assert.match(sectionText(letter, 'outcome'), /received on 15 January 2027/)
        assert.match(sectionText(letter, 'outcome'), /Lee Senior, a senior officer who was not involved/)
        titles.add(letter.title)
      }
    }
    assert.equal(titles.size, 6, 'each outcome has its own title')
  })

  test('the end of a restriction says what has ended, why, and how to contact us', () => {
    for (const reason of ['lifted', 'lapsed', 'not_ratified', 'challenge_upheld'] as const) {
      const letter = composeEndOfRestrictionLetter({ ...exampleEnd, reason })
      assertComplete(letter)
      assert.match(sectionText(letter, 'what_has_ended'), /30 June 2027/)
      assert.match(sectionText(letter, 'how_to_contact'), /usual way/)
    }
  })

  test('F9: the Ombudsman section names the LGSCO, its website and telephone, once our route is finished', () => {
    const text = sectionText(composeRestrictionLetter(exampleRestriction), 'ombudsman')
    assert.match(text, /Local Government and Social Care Ombudsman/)
    assert.match(text, /www\.lgo\.org\.uk/)
    assert.match(text, /0300 061 0614/)
    assert.match(text, /finished our own process first/)
  })

  test('every letter quotes its reference and writes every date out', () => {
    const letters = exampleLetters()
    for (const letter of letters) {
      const text = letterText(letter)
      assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, `${letter.type}: no ISO dates`)
      assert.match(text, /Date: 7 January 2027/)
      assert.equal(letter.quoteReferenceLine, 'Please quote CASE-2026-000012 in any reply.')
      assert.ok(text.trimEnd().endsWith('End of letter'))
      assert.match(text, new RegExp(`# ${letter.title}`))
    }
  })
})

describe('checkLetter says what is missing before a letter can be issued', () => {
  test('a missing section is named by its key and heading', () => {
    const letter = composeRestrictionLetter(exampleRestriction)
    const without = { ...letter, sections: letter.sections.filter((s) => s.key !== 'how_to_challenge') }
    assert.deepEqual(checkLetter(without), [{ key: 'how_to_challenge', heading: 'How to challenge this decision' }])
  })

  test('an empty fact leaves its section empty, and so named', () => {
    const letter = composeRestrictionLetter({ ...exampleRestriction, rationale: '  ' })
    assert.deepEqual(
      checkLetter(letter).map((p) => p.key),
      ['why'],
    )
    const warning = composeWarningLetter({ ...exampleWarning, behaviour: [], changeRequested: [] })
    assert.deepEqual(
      checkLetter(warning).map((p) => p.key),
      ['what_happened', 'what_we_ask'],
    )
  })

  test('no name or address, or no signatory, is named', () => {
    const letter = composeEndOfRestrictionLetter({
      ...exampleEnd,
      recipient: { fullName: '', addressLines: [' '] },
      signatories: [],
    })
    assert.deepEqual(
      checkLetter(letter).map((p) => p.key),
      ['recipient_name', 'recipient_address', 'signatory'],
    )
  })

  test('F4: a restriction letter needs two different decision-makers as signatories', () => {
    const one = composeRestrictionLetter({ ...exampleRestriction, signatories: [{ name: 'Jo Chief', role: 'CE' }] })
    assert.deepEqual(checkLetter(one), [
      { key: 'second_signatory', heading: 'Both decision-makers as signatories (F4)' },
    ])
    const same = composeRestrictionLetter({
      ...exampleRestriction,
      signatories: [
        { name: 'Jo Chief', role: 'Chief Executive' },
        { name: 'jo chief', role: 'Monitoring Officer' },
      ],
    })
    assert.equal(checkLetter(same)[0]?.key, 'second_signatory')
    // F8: the interim letter may be signed by the one officer who imposed it.
    assert.deepEqual(checkLetter(composeInterimRestrictionLetter(exampleInterim)), [])
  })
})

describe('describeRestriction says each restriction in plain English (F5)', () => {
  const [method, named, phone, agreement, closed] = exampleRestrictions as [
    RestrictionForLetter,
    RestrictionForLetter,
    RestrictionForLetter,
    RestrictionForLetter,
    RestrictionForLetter,
  ]

  test('F5a: a contact method', () => {
    assert.equal(
      describeRestriction(method),
      'You can contact us by letter only, to Customer Relations, County Hall, NN1 1AA.',
    )
    assert.equal(
      describeRestriction({ type: 'contact_method', channels: ['letter', 'email', 'web'], scope: council }),
      'You can contact us by letter, by email or using our online form only.',
    )
  })

  test('F5b: a named officer, with a deputy for absence', () => {
    assert.equal(
      describeRestriction(named),
      'Please contact only Sam Jones, your named officer. When Sam is away, contact Priya Shah.',
    )
    assert.equal(
      describeRestriction({ type: 'named_contact', staffUserId: 'x', scope: council }),
      'Please contact only your named officer.',
    )
  })

  test('F5c: telephone times with days and times written out', () => {
    assert.equal(
      describeRestriction(phone),
      'You can telephone us only on Tuesdays, 10am to 12 noon, and Thursdays, 2pm to 4pm. Each call can last up to 20 minutes.',
    )
    assert.equal(
      describeRestriction({
        type: 'phone_times',
        windows: [
          { day: 'monday', from: '14:30', to: '15:15' },
          { day: 'monday', from: '09:00', to: '09:45' },
        ],
        scope: council,
      }),
      'You can telephone us only on Mondays, 9am to 9:45am and 2:30pm to 3:15pm.',
    )
    assert.deepEqual(['00:00', '09:05', '12:00', '12:30', '23:59'].map(spokenTime), [
      '12 midnight',
      '9:05am',
      '12 noon',
      '12:30pm',
      '11:59pm',
    ])
  })

  test('F5d: a contact agreement', () => {
    assert.equal(
      describeRestriction(agreement),
      'We agreed with you how we will keep in touch: We will reply to your letters within 10 working days.',
    )
    assert.match(
      describeRestriction({ ...agreement, agreedOn: '2027-01-05' } as RestrictionForLetter),
      /on 5 January 2027/,
    )
  })

  test('F5e, F11: a closed matter is still read; the reply is as the record says', () => {
    assert.equal(
      describeRestriction(closed),
      'We have closed our correspondence on complaint CMP-2026-000123 (missed bin collections). We will still read anything you send about it, but we will not reply unless it contains new information.',
    )
    assert.equal(
      describeRestriction({ ...closed, reply: 'acknowledge' } as RestrictionForLetter),
      'We have closed our correspondence on complaint CMP-2026-000123 (missed bin collections). We will still read anything you send about it, but we will only acknowledge it, unless it contains new information.',
    )
  })

  test('F9, F5, P3, F11: how you can still contact us works out every way still open from all the restrictions together', () => {
    // Letters only to one address, through a named officer: the phone times never open the phone (F5a closes it).
    assert.deepEqual(howYouCanStillContactUs(exampleRestrictions, 'Write to Customer Relations'), [
      'You can write to us by letter at any time, to Customer Relations, County Hall, NN1 1AA. Please do not contact us in any other way while these limits apply. Whichever way you contact us, please ask for Sam Jones, your named officer, or address what you send to them. When Sam is away, contact Priya Shah instead. Please also keep to what we agreed with you: We will reply to your letters within 10 working days.',
      'About complaint CMP-2026-000123 (missed bin collections): we will read what you send, and reply only if it contains new information.',
      'Our contact details: Write to Customer Relations',
      'If you have a new concern or complaint, we will look at it on its merits, as we would for anyone.',
    ])
    assert.equal(howYouCanStillContactUs([], 'Phone 01234 567890')[0], 'You can contact us in any of the usual ways.')
  })

  test('F5c, F6: telephone times on one service leave letter, email and every other service open', () => {
    const phoneWaste: RestrictionForLetter = {
      type: 'phone_times',
      windows: [{ day: 'tuesday', from: '10:00', to: '12:00' }],
      scope: { services: ['Waste'] },
    }
    assert.deepEqual(howYouCanStillContactUs([phoneWaste], 'Phone 01234 567890').slice(0, 2), [
      'About waste, you can write to us by letter or email, use our online form or visit us in person at any time. You can telephone us about waste only on Tuesdays, 10am to 12 noon.',
      'For anything else, you can contact us in any of the usual ways.',
    ])
  })

  test('F5b: a named officer leaves every way open, through them', () => {
    const named: RestrictionForLetter = {
      type: 'named_contact',
      staffUserId: 's1',
      namedOfficerName: 'Sam Jones',
      scope: council,
    }
    assert.equal(
      howYouCanStillContactUs([named], 'Phone 01234 567890')[0],
      'You can write to us by letter or email, use our online form, visit us in person or telephone us at any time. Whichever way you contact us, please ask for Sam Jones, your named officer, or address what you send to them.',
    )
  })

  test('F5c: two sets of telephone times together allow only the times both allow', () => {
    const a: RestrictionForLetter = {
      type: 'phone_times',
      windows: [{ day: 'tuesday', from: '10:00', to: '12:00' }],
      maxCallMinutes: 30,
      scope: council,
    }
    const b: RestrictionForLetter = {
      type: 'phone_times',
      windows: [{ day: 'tuesday', from: '11:00', to: '14:00' }],
      maxCallMinutes: 20,
      scope: council,
    }
    assert.match(
      howYouCanStillContactUs([a, b], 'x')[0] ?? '',
      /You can telephone us only on Tuesdays, 11am to 12 noon\. Each call can last up to 20 minutes\.$/,
    )
  })
})

test('dates are written out, and a date that does not exist is not', () => {
  assert.equal(longDate('2027-01-07'), '7 January 2027')
  assert.equal(longDate('2028-02-29'), '29 February 2028')
  assert.equal(longDate('2027-02-29'), '')
  assert.equal(longDate('7/1/2027'), '')
})
