import assert from 'node:assert/strict'
import { test } from 'node:test'
import { composeInterimRestrictionLetter, composeRestrictionLetter } from './letter-compose.ts'
import { exampleChallenge, exampleInterim, exampleRestriction, exampleReview } from './letter-examples.ts'
import { composeChallengeOutcomeLetter, composeReviewOutcomeLetter } from './letter-outcomes.ts'
import type { LetterContent } from './letters.ts'
import { bankHolidayDivisions, nations, ombudsmen } from './nations.ts'

// Issue 14: the council's nation names the Ombudsman every letter with a right to go to one names (F9), and the
// division of GOV.UK's bank holidays that working-day deadlines skip (F8, F10).

const ombudsmanText = (letter: LetterContent) =>
  letter.sections.find((s) => s.key === 'ombudsman')?.paragraphs.join('\n') ?? ''

const expected = {
  england: ['Local Government and Social Care Ombudsman', 'www.lgo.org.uk'],
  wales: ['Public Services Ombudsman for Wales', 'www.ombudsman.wales'],
  scotland: ['Scottish Public Services Ombudsman', 'www.spso.org.uk'],
  northern_ireland: ['Northern Ireland Public Services Ombudsman', 'www.nipso.org.uk'],
} as const

for (const nation of nations) {
  test(`F9: a council in ${nation} names the ${ombudsmen[nation].short} in restriction, interim, review and challenge letters`, () => {
    const ombudsman = ombudsmen[nation]
    const letters = [
      composeRestrictionLetter({ ...exampleRestriction, ombudsman }),
      composeInterimRestrictionLetter({ ...exampleInterim, ombudsman }),
      composeReviewOutcomeLetter({ ...exampleReview, ombudsman }),
      composeChallengeOutcomeLetter({ ...exampleChallenge, ombudsman }),
    ]
    for (const letter of letters) {
      const text = ombudsmanText(letter)
      const [name, website] = expected[nation]
      assert.ok(text.includes(name), `${letter.type}: ${text}`)
      assert.ok(text.includes(website), `${letter.type}: ${text}`)
      for (const other of nations.filter((n) => n !== nation)) assert.ok(!text.includes(expected[other][0]))
    }
  })
}

test('F9: without a nation, letters name the LGSCO, as before', () => {
  assert.match(
    ombudsmanText(composeRestrictionLetter(exampleRestriction)),
    /Local Government and Social Care Ombudsman/,
  )
})

test('F8, F10: Scotland and Northern Ireland keep their own bank holidays; England and Wales share one list', () => {
  assert.deepEqual(bankHolidayDivisions, {
    england: 'england-and-wales',
    wales: 'england-and-wales',
    scotland: 'scotland',
    northern_ireland: 'northern-ireland',
  })
})
