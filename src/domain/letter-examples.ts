// Example facts for each letter: used by the tests, and usable for a preview or a demonstration. Invented people.

import type {
  ChallengeOutcomeLetterFacts,
  CommonLetterFacts,
  EndOfRestrictionLetterFacts,
  InterimRestrictionLetterFacts,
  RestrictionLetterFacts,
  ReviewOutcomeLetterFacts,
  WarningLetterFacts,
} from './letter-facts.ts'
import type { RestrictionForLetter } from './restriction-wording.ts'

export const exampleCommon: CommonLetterFacts = {
  councilName: 'Northshire County Council',
  returnAddressLines: ['Customer Relations', 'County Hall', 'High Street', 'Northtown', 'NN1 1AA'],
  contactRoute: 'Write to Sam Jones, Customer Relations, County Hall, High Street, Northtown NN1 1AA',
  reference: 'CASE-2026-000012',
  date: '2027-01-07',
  recipient: { fullName: 'Alex Example', addressLines: ['12 Sample Road', 'Northtown', 'NN2 3BB'] },
  largePrint: false,
}

const council = { councilWide: true } as const

export const exampleRestrictions: RestrictionForLetter[] = [
  { type: 'contact_method', channels: ['letter'], address: 'Customer Relations, County Hall, NN1 1AA', scope: council },
  {
    type: 'named_contact',
    staffUserId: 's1',
    deputyStaffUserId: 's2',
    namedOfficerName: 'Sam Jones',
    deputyName: 'Priya Shah',
    scope: council,
  },
  {
    type: 'phone_times',
    windows: [
      { day: 'thursday', from: '14:00', to: '16:00' },
      { day: 'tuesday', from: '10:00', to: '12:00' },
    ],
    maxCallMinutes: 20,
    scope: council,
  },
  { type: 'contact_agreement', terms: 'We will reply to your letters within 10 working days.', scope: council },
  {
    type: 'matter_closed',
    matterId: 'm1',
    reply: 'file_without_acknowledgement',
    matterReference: 'CMP-2026-000123',
    matterSubject: 'missed bin collections',
    matterType: 'complaint',
    scope: council,
  },
]

const deciders = [
  { name: 'Jo Chief', role: 'Chief Executive' },
  { name: 'Mo Legal', role: 'Monitoring Officer' },
]

export const exampleWarning: WarningLetterFacts = {
  ...exampleCommon,
  behaviour: [
    { date: '2026-12-01', description: 'You telephoned the contact centre 14 times in one day.' },
    { date: '2026-12-03', description: 'You used offensive language to a member of staff on the phone.' },
  ],
  whyUnacceptable: 'Staff need to be able to do their work safely and to help other people too.',
  changeRequested: ['Please call no more than once a day.', 'Please do not use offensive language.'],
  consequences: ['Contact by letter only.', 'Contact through one named officer only.'],
  monitoringWeeks: 8,
  monitoringEndsOn: '2027-03-04',
  challengeBy: '2027-01-21',
  signatory: { name: 'Pat Head', role: 'Head of Customer Services' },
}

export const exampleRestriction: RestrictionLetterFacts = {
  ...exampleCommon,
  rationale: ['Since our letter, you have telephoned us many times a day and staff have found some calls distressing.'],
  warningSentOn: '2026-11-02',
  restrictions: exampleRestrictions,
  startsOn: '2027-01-07',
  endsOn: '2028-01-06',
  reviewOn: '2027-07-06',
  challengeBy: '2027-01-21',
  signatories: deciders,
}

export const exampleInterim: InterimRestrictionLetterFacts = {
  ...exampleRestriction,
  immediateRiskSummary: 'On 6 January 2027 you threatened to harm a member of staff at the council offices.',
  ratifyBy: '2027-01-21',
  signatories: [deciders[0] ?? { name: 'Jo Chief', role: 'Chief Executive' }],
}

export const exampleReview: ReviewOutcomeLetterFacts = {
  ...exampleCommon,
  outcome: 'vary',
  reasons: 'Contact has been calmer, so we no longer need to limit telephone calls.',
  restrictions: exampleRestrictions.slice(0, 2),
  endsOn: '2028-01-06',
  nextReviewOn: '2027-10-06',
  challengeBy: '2027-01-21',
  signatories: [{ name: 'Pat Head', role: 'Head of Customer Services' }],
}

export const exampleChallenge: ChallengeOutcomeLetterFacts = {
  ...exampleCommon,
  about: 'restriction',
  outcome: 'not_upheld',
  reasons: 'The records of your calls show the contact described in our letter.',
  receivedOn: '2027-01-15',
  challengedLetterDate: '2027-01-07',
  restrictions: exampleRestrictions.slice(0, 1),
  endsOn: '2028-01-06',
  reviewOn: '2027-07-06',
  signatory: { name: 'Lee Senior', role: 'Director of Resources' },
}

export const exampleEnd: EndOfRestrictionLetterFacts = {
  ...exampleCommon,
  reason: 'lifted',
  endedOn: '2027-06-30',
  reasons: 'Contact over the last few months has been constructive.',
  restrictions: exampleRestrictions.slice(0, 1),
  signatories: [{ name: 'Pat Head', role: 'Head of Customer Services' }],
}
