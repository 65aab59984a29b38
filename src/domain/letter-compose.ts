// Composing the warning and restriction letters from plain facts (F2, F3, F4, F8, F9). Pure: the services gather the
// facts (names, dates already worked out in working days), these functions only word them. Plain English, "we" and
// "you", no blame; every date written out. checkLetter (letters.ts) says whether the result is complete.

import type { LetterContent, LetterSection, Signatory } from './letters.ts'
import type { InterimRestrictionLetterFacts, RestrictionLetterFacts, WarningLetterFacts } from './letter-facts.ts'
import { around, contactSection, letter, paras, restrictionBullets, section } from './letter-parts.ts'
import { joinAnd, longDate, ombudsmanParagraphs } from './letter-wording.ts'

const onlyYou = 'These limits apply only to you, not to anyone who helps or represents you.'

/** F3: what happened, why it is a problem, what we ask, what may happen, how long we will watch, the facts. */
export function composeWarningLetter(facts: WarningLetterFacts): LetterContent {
  const ref = facts.reference.trim()
  const sections = [
    section(
      'what_happened',
      facts.behaviour.length
        ? [
            'We are writing to you about the way you have been contacting us recently. We want to explain our concerns and give you the chance to put things right.',
            'This is what happened:',
          ]
        : [],
      facts.behaviour.map((b) =>
        b.date && longDate(b.date) ? `${longDate(b.date)}: ${b.description.trim()}` : b.description.trim(),
      ),
    ),
    section(
      'why_a_problem',
      around(
        paras(facts.whyUnacceptable),
        [],
        [
          'We understand that you may be worried or frustrated about the things you have raised with us. We still want to help you with them.',
        ],
      ),
    ),
    section('what_we_ask', facts.changeRequested.length ? ['We are asking you to:'] : [], facts.changeRequested),
    section(
      'what_may_happen',
      [
        facts.consequences.length
          ? 'If this continues, we may have to limit how you can contact us. This could mean:'
          : 'If this continues, we may have to limit how you can contact us.',
      ],
      facts.consequences,
    ),
    section('monitoring', [
      `We will keep the way you contact us under review for ${facts.monitoringWeeks} weeks, until ${longDate(facts.monitoringEndsOn)}.`,
      'This letter does not limit how you can contact us. You can still contact us in the usual way during this time.',
      'If we did decide to limit your contact, two senior officers would look at it first, and we would write to you to explain why and how you could challenge it.',
    ]),
    section('facts_wrong', [
      `If you think anything in this letter is wrong, please tell us by ${longDate(facts.challengeBy)}. Tell us what you think is wrong and why, and quote ${ref}.`,
      'A senior officer who was not involved in sending this letter will look at what you tell us and write to you with their decision.',
      `You can contact us here: ${facts.contactRoute.trim()}`,
    ]),
  ]
  const nextSteps = [
    'Please read what we are asking you to do.',
    `If you think the facts in this letter are wrong, tell us by ${longDate(facts.challengeBy)}.`,
    `We will keep things under review until ${longDate(facts.monitoringEndsOn)}.`,
  ]
  return letter('warning', facts, 'We are asking you to change how you contact us', sections, nextSteps, [
    facts.signatory,
  ])
}

function restrictionSections(facts: RestrictionLetterFacts, why: string[], howLong: string[]): LetterSection[] {
  const { scope, bullets } = restrictionBullets(facts.restrictions)
  const ref = facts.reference.trim()
  return [
    section('why', why),
    section(
      'what_we_are_doing',
      [
        `From ${longDate(facts.startsOn)}, we are limiting how you can contact us.`,
        ...scope,
        onlyYou,
        'This is what it means for you:',
      ],
      bullets,
    ),
    section('how_long', howLong),
    contactSection(facts.restrictions, facts.contactRoute, facts.otherRestrictions),
    section('how_to_challenge', [
      `If you disagree with this decision, you can ask us to look at it again. Please tell us by ${longDate(facts.challengeBy)}, quote ${ref}, and tell us why you disagree.`,
      'A senior officer who was not involved in the decision will look at it and write to you with the outcome.',
      `You can send your challenge to: ${facts.contactRoute.trim()}`,
    ]),
    section('ombudsman', ombudsmanParagraphs('after we have looked at your challenge', facts.ombudsman)),
  ]
}

function decidedBy(signatories: readonly Signatory[]): string {
  const named = signatories.filter((s) => s.name.trim())
  if (named.length < 2) return ''
  return `This decision was made by ${joinAnd(named.map((s) => `${s.name.trim()} (${s.role.trim()})`))}.`
}

/** F9: why, what, how long and the review, how to contact us, how to challenge, the Ombudsman; signed by both (F4). */
export function composeRestrictionLetter(facts: RestrictionLetterFacts): LetterContent {
  const warned =
    facts.warningSentOn && longDate(facts.warningSentOn)
      ? `We wrote to you on ${longDate(facts.warningSentOn)} about our concerns and asked you to change how you contact us.${(facts.recordedSinceWarning ?? 0) > 0 ? ' Since then, the problems have continued.' : ''}`
      : ''
  const why = around(
    paras(facts.rationale),
    [warned],
    [
      'We have thought carefully about this. We have chosen the smallest change that we think will work.',
      decidedBy(facts.signatories),
    ],
  )
  const howLong = [
    `These limits start on ${longDate(facts.startsOn)} and end on ${longDate(facts.endsOn)}.`,
    `We will review them by ${longDate(facts.reviewOn)}. We will write to you after the review to tell you whether we are keeping, changing or ending them.`,
    `They will end on ${longDate(facts.endsOn)} unless we write to you before then with a new decision.`,
  ]
  const nextSteps = [
    `From ${longDate(facts.startsOn)}, please contact us only in the ways set out in this letter.`,
    `If you disagree with this decision, tell us by ${longDate(facts.challengeBy)}.`,
    `We will review these limits by ${longDate(facts.reviewOn)}.`,
  ]
  return letter(
    'restriction',
    facts,
    'We are limiting how you can contact us',
    restrictionSections(facts, why, howLong),
    nextSteps,
    facts.signatories,
  )
}

/** F8 + F9: as a restriction, imposed at once; the decision-makers confirm or end it by `ratifyBy`. */
export function composeInterimRestrictionLetter(facts: InterimRestrictionLetterFacts): LetterContent {
  const why = around(
    paras(facts.immediateRiskSummary),
    [],
    [
      'We were worried about the immediate safety and welfare of our staff, so we have done this straight away, without writing to you first.',
      ...paras(facts.rationale),
    ],
  )
  const howLong = [
    `These limits start on ${longDate(facts.startsOn)}. For now, they are temporary.`,
    `By ${longDate(facts.ratifyBy)}, two senior officers will decide whether to confirm these limits or end them. We will write to you to tell you what they decide.`,
    `If they are confirmed, they will end on ${longDate(facts.endsOn)} at the latest, and we will review them by ${longDate(facts.reviewOn)}.`,
  ]
  const nextSteps = [
    `From ${longDate(facts.startsOn)}, please contact us only in the ways set out in this letter.`,
    `We will write to you by ${longDate(facts.ratifyBy)} to tell you whether the limits are confirmed or ended.`,
    `If you disagree with this decision, tell us by ${longDate(facts.challengeBy)}.`,
  ]
  return letter(
    'interim_restriction',
    facts,
    'We are limiting how you can contact us for now',
    restrictionSections(facts, why, howLong),
    nextSteps,
    facts.signatories,
  )
}
