import * as example from './letter-examples.ts'
import { composeInterimRestrictionLetter, composeRestrictionLetter, composeWarningLetter } from './letter-compose.ts'
import {
  composeChallengeOutcomeLetter,
  composeEndOfRestrictionLetter,
  composeReviewOutcomeLetter,
} from './letter-outcomes.ts'
import type { LetterContent } from './letters.ts'

/** One letter of each kind, composed from the example facts: what the letter tests run over. */
export function exampleLetters(): LetterContent[] {
  return [
    composeWarningLetter(example.exampleWarning),
    composeRestrictionLetter(example.exampleRestriction),
    composeInterimRestrictionLetter(example.exampleInterim),
    composeReviewOutcomeLetter(example.exampleReview),
    composeChallengeOutcomeLetter(example.exampleChallenge),
    composeEndOfRestrictionLetter(example.exampleEnd),
  ]
}
