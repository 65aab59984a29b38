// Composing the letters that follow a decision: a review (F7), a challenge (F10), and the end of a restriction.
// Pure, in the same plain words as letter-compose.ts.

import type { LetterContent } from './letters.ts'
import type {
  ChallengeOutcomeLetterFacts,
  EndOfRestrictionLetterFacts,
  ReviewOutcomeLetterFacts,
} from './letter-facts.ts'
import { around, contactSection, letter, paras, restrictionBullets, section, usualWaysAgain } from './letter-parts.ts'
import { longDate, ombudsmanParagraphs } from './letter-wording.ts'
import { describeRestriction } from './restriction-wording.ts'

const reviewTitles: Record<ReviewOutcomeLetterFacts['outcome'], string> = {
  continue: 'We are keeping the limits on how you can contact us',
  vary: 'We are changing the limits on how you can contact us',
  lift: 'We are ending the limits on how you can contact us',
}

/** F7: the outcome of a review, the reasons, how long now, how to contact us, the Ombudsman. */
export function composeReviewOutcomeLetter(facts: ReviewOutcomeLetterFacts): LetterContent {
  const lifted = facts.outcome === 'lift'
  const { scope, bullets } = restrictionBullets(lifted ? [] : facts.restrictions)
  const decided = {
    continue: 'We have decided to keep them in place. As a reminder, this is what they mean for you:',
    vary: 'We have decided to change them. From now on, this is what they mean for you:',
    lift: `We have decided to end them. They ended on ${longDate(facts.endsOn)}.`,
  }[facts.outcome]
  const end = longDate(facts.endsOn)
  const next = facts.nextReviewOn && longDate(facts.nextReviewOn)
  const sections = [
    section(
      'outcome',
      ['We have reviewed the limits on how you can contact us.', decided, ...(lifted ? [] : scope)],
      bullets,
    ),
    section('reasons', paras(facts.reasons)),
    section(
      'how_long',
      lifted
        ? [`The limits ended on ${end}.`]
        : [
            `The limits will end on ${end} unless we write to you before then with a new decision.`,
            next ? `We will review them again by ${next}.` : '',
          ],
      [],
      lifted ? 'When the limits ended' : undefined,
    ),
    contactSection(lifted ? [] : facts.restrictions, facts.contactRoute, facts.otherRestrictions),
  ]
  if (facts.outcome !== 'lift' && facts.challengeBy && longDate(facts.challengeBy)) {
    sections.push(
      section('how_to_challenge', [
        `If you disagree with this decision, please tell us by ${longDate(facts.challengeBy)}, quote ${facts.reference.trim()}, and tell us why. A senior officer who was not involved in the decision will look at it and write to you.`,
      ]),
    )
  }
  sections.push(section('ombudsman', ombudsmanParagraphs('with this decision', facts.ombudsman)))
  const nextSteps = lifted
    ? ['You do not need to do anything.', usualWaysAgain(facts.otherRestrictions)]
    : [
        'Please keep contacting us only in the ways set out in this letter.',
        ...(next ? [`We will review the limits again by ${next}.`] : []),
        `The limits will end on ${end} unless we write to you with a new decision.`,
      ]
  return letter('review_outcome', facts, reviewTitles[facts.outcome], sections, nextSteps, facts.signatories)
}

const challengeTitles = {
  warning: {
    upheld: 'We agree with your challenge and have withdrawn our warning',
    varied: 'We agree with part of your challenge and have corrected our warning',
    not_upheld: 'We have looked at your challenge and our warning stays in place',
  },
  restriction: {
    upheld: 'We agree with your challenge and have ended the limits on your contact',
    varied: 'We agree with part of your challenge and have changed the limits on your contact',
    not_upheld: 'We have looked at your challenge and the limits on your contact stay in place',
  },
} as const

/** F10: the outcome of a challenge, decided by a senior officer not involved in the decision. */
export function composeChallengeOutcomeLetter(facts: ChallengeOutcomeLetterFacts): LetterContent {
  const of = facts.challengedLetterDate && longDate(facts.challengedLetterDate)
  const set = of ? `, which we set out in our letter of ${of}` : ''
  const ours = facts.about === 'warning' ? `our warning letter${of ? ` of ${of}` : ''}` : ''
  const decision = {
    warning: {
      upheld: `We agree with you. We have withdrawn ${ours}.`,
      varied: `We agree with some of what you told us. We have corrected ${ours}, as explained below.`,
      not_upheld: `We have decided that the facts in ${ours} are correct, so the warning stays in place.`,
    },
    restriction: {
      upheld: `We agree with you. We have ended the limits on how you can contact us${set}.`,
      varied: `We agree with some of what you told us. We have changed the limits on how you can contact us${set}.`,
      not_upheld: `We have decided that the limits on how you can contact us${set}${set ? ',' : ''} should stay in place.`,
    },
  }[facts.about][facts.outcome]
  const restrictions = facts.about === 'restriction' && facts.outcome !== 'upheld' ? (facts.restrictions ?? []) : []
  const { scope, bullets } = restrictionBullets(restrictions)
  const timing = [
    facts.endsOn && longDate(facts.endsOn) ? `The limits will end on ${longDate(facts.endsOn)}.` : '',
    facts.reviewOn && longDate(facts.reviewOn) ? `We will review them by ${longDate(facts.reviewOn)}.` : '',
  ]
  const next = {
    warning: {
      upheld: [
        'We will not take any further action because of the warning. We will keep a note on our records that it was withdrawn and why.',
      ],
      varied: [
        'We have corrected our records. The rest of the warning still applies, and we will keep things under review as our letter explained.',
      ],
      not_upheld: ['The warning still applies, and we will keep things under review as our letter explained.'],
    },
    restriction: {
      upheld: [
        facts.otherRestrictions?.length
          ? 'The limits you challenged have ended. Other limits still apply, as this letter explains.'
          : 'The limits have ended. You can now contact us in the usual way.',
      ],
      varied: ['From now on, these limits apply.', ...scope, ...timing],
      not_upheld: ['The limits stay as our letter set them out.', ...scope, ...timing],
    },
  }[facts.about][facts.outcome]
  const sections = [
    section('outcome', [
      `Thank you for your challenge, which we received on ${longDate(facts.receivedOn)}. ${facts.signatory.name.trim()}, a senior officer who was not involved in the original decision, has looked at it carefully.`,
      ...lateParagraphs(facts.late),
      decision,
    ]),
    section('reasons', paras(facts.reasons)),
    section(
      'what_happens_next',
      [...next, ...paras(facts.whatHappensNext), bullets.length ? 'This is what the limits mean for you:' : ''],
      bullets,
    ),
  ]
  if (facts.about === 'restriction') {
    sections.push(contactSection(restrictions, facts.contactRoute, facts.otherRestrictions))
  }
  sections.push(
    section('ombudsman', [
      'This letter is the end of our own process for this decision.',
      ...ombudsmanParagraphs('with this decision', facts.ombudsman),
    ]),
  )
  const nextSteps =
    facts.about === 'restriction' && facts.outcome !== 'upheld'
      ? ['Please keep contacting us only in the ways set out in this letter.']
      : ['You do not need to do anything.']
  return letter('challenge_outcome', facts, challengeTitles[facts.about][facts.outcome], sections, nextSteps, [
    facts.signatory,
  ])
}

/** The restrictions have ended: what, why, and that the person can contact us in the usual way again. */
export function composeEndOfRestrictionLetter(facts: EndOfRestrictionLetterFacts): LetterContent {
  const ended = longDate(facts.endedOn)
  const what = {
    lifted: `We have decided to end the limits on how you can contact us. They ended on ${ended}.`,
    lapsed: `The limits on how you can contact us came to an end on ${ended}, as our letter said they would.`,
    not_ratified: `We limited how you could contact us straight away, for a short time, while two senior officers looked at what happened. They did not confirm the limits, so the limits ended on ${ended}.`,
    challenge_upheld: `After looking at your challenge, we have ended the limits on how you can contact us. They ended on ${ended}.`,
  }[facts.reason]
  const restrictions = facts.restrictions ?? []
  const sections = [
    section(
      'what_has_ended',
      [what, restrictions.length ? 'These limits no longer apply:' : ''],
      restrictions.map(describeRestriction),
    ),
    section(
      'reasons',
      around(
        paras(facts.reasons),
        [],
        ['We keep a record of these decisions, as we must. You can ask to see the information we hold about you.'],
      ),
    ),
    contactSection([], facts.contactRoute, facts.otherRestrictions),
  ]
  return letter(
    'end_of_restriction',
    facts,
    'The limits on how you can contact us have ended',
    sections,
    ['You do not need to do anything.', usualWaysAgain(facts.otherRestrictions)],
    facts.signatories,
  )
}

/** F10: what a letter says about a challenge that arrived after the time allowed. */
function lateParagraphs(late: ChallengeOutcomeLetterFacts['late']): string[] {
  if (!late) return []
  const why = paras(late.reason)
  return late.heard
    ? ['Your challenge reached us after the time we allow for challenges, but we have looked at it anyway.', ...why]
    : [
        'Your challenge reached us after the time we allow for challenges, and we have not reopened the decision.',
        ...why,
      ]
}
