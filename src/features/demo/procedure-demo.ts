import type { Transaction } from 'kysely'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/database.ts'
import { londonDate } from '../../domain/london-time.ts'
import type { Role } from '../../domain/roles.ts'
import { addDays } from '../../domain/working-days.ts'
import type { Actor } from '../../audit/audit.ts'
import { issueWarning, openCase } from '../cases/cases.service.ts'
import type { ProcedureContext } from '../cases/context.ts'
import { decide, imposeInterim, issueNotice, propose } from '../proposals/proposals.service.ts'
import { decideChallenge, recordChallenge, reviewRestriction } from '../restrictions/restrictions.service.ts'
import { recordContact, recordIncident } from '../contacts/contacts.service.ts'
import { createMatter } from '../matters/matters.service.ts'
import { createPerson } from '../people/people.service.ts'
import { type NewProposal } from '../proposals/schema.ts'

type Trx = Transaction<Database>
type Staff = Actor & { id: string; roles: Role[] }

const DAY = 86_400_000

/**
 * F9: the demo's letters need the council's return address and contact details. When the settings are not given, the
 * demo's letters (to its fictional people) use the fictional council's; the service itself still issues no letter
 * until COUNCIL_ADDRESS and COUNCIL_CONTACT are set (issueLetter).
 */
const demoCouncil = {
  addressLines: ['Customer Relations', 'Civic Offices', '1 Example Street', 'Northampton', 'NN1 1AA'],
  contact:
    'Customer Relations, Civic Offices, 1 Example Street, Northampton NN1 1AA, or customer.relations@demo.example.org',
}

/**
 * The formal procedure at every stage, so that each page, worklist and the report have something to show: a
 * restriction in force with a review coming up and a challenge decided (Gary Hollis), an interim restriction awaiting
 * ratification (F8), a warning being monitored and challenged on its facts (F3, F10), a proposal awaiting the
 * Monitoring Officer (F4), an overdue review (F7) and a restriction that lapsed at its end date (F7, F12).
 */
export async function fillProcedureDemo(
  trx: Trx,
  staff: Record<Role, Staff>,
  config: Config,
  now: Date,
): Promise<string[]> {
  const at = (daysAgo: number): ProcedureContext => {
    const when = new Date(now.getTime() - daysAgo * DAY)
    return {
      now: when,
      today: londonDate(when),
      settings: config.procedure,
      council: {
        name: config.councilName,
        addressLines: config.councilAddress.length ? config.councilAddress : demoCouncil.addressLines,
        contact: config.councilContact || demoCouncil.contact,
      },
    }
  }
  const dateIn = (days: number) => addDays(londonDate(now), days)
  const head = staff.head_of_service
  const officer = staff.case_officer
  const chief = staff.chief_executive
  const mo = staff.monitoring_officer

  async function newPerson(fullName: string, postcode: string) {
    return createPerson(trx, officer, {
      fullName,
      aliases: [],
      emails: [`${fullName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`],
      phones: [`+447700900${500 + (Math.abs(hash(fullName)) % 400)}`],
      addresses: [{ line1: '4 Abington Square', town: 'Northampton', postcode }],
      isCouncillor: false,
      adjustments: [],
    })
  }
  /** A complaint with abusive contact on it: the evidence a case rests on. */
  async function evidence(personId: string, service: string, daysAgo: number, severity: 'high' | 'immediate_risk') {
    const matter = await createMatter(
      trx,
      officer,
      { personId, type: 'complaint', subject: `${service} complaint`, service },
      new Date(now.getTime() - (daysAgo + 30) * DAY),
    )
    const when = new Date(now.getTime() - daysAgo * DAY)
    const contactId = await recordContact(
      trx,
      officer,
      {
        personId,
        channel: 'phone',
        direction: 'inbound',
        at: when,
        matterId: matter.id,
        summary: 'Abusive call',
        minutesSpent: 30,
      },
      now,
    )
    const incidentId = await recordIncident(
      trx,
      officer,
      {
        personId,
        at: when,
        category: 'aggressive_or_abusive',
        severity,
        description:
          severity === 'immediate_risk'
            ? 'Threatened to hurt the officer at the customer service centre; police called'
            : 'Shouted and swore at the officer throughout the call',
        contactId,
      },
      now,
    )
    return { matterId: matter.id, incidentId }
  }
  async function openWarned(personId: string, service: string, daysAgo: number) {
    const e = await evidence(personId, service, daysAgo + 5, 'high')
    const kase = await openCase(
      trx,
      head,
      {
        personId,
        service,
        reason: 'Abuse of staff continued after business-as-usual management.',
        businessAsUsualMeasures: 'One officer handled the calls for two months; an informal warning by phone.',
        incidentIds: [e.incidentId],
        adjustmentsConsidered: 'No adjustments recorded; the person was asked whether any were needed.',
      },
      at(daysAgo + 2),
    )
    const warning = await issueWarning(
      trx,
      officer,
      kase.id,
      {
        behaviour: `Shouting and swearing at staff on the telephone.`,
        whyUnacceptable: 'Staff have a right to work without abuse, and it delays help for other residents.',
        changeRequested: 'Please speak to staff politely.\nPlease keep to one call a day.',
        consequences: 'We may limit how you can contact us.',
      },
      at(daysAgo),
    )
    // F2: the person carried on after the warning: a restriction rests on what was recorded since.
    await recordContact(
      trx,
      officer,
      {
        personId,
        channel: 'phone',
        direction: 'inbound',
        at: new Date(now.getTime() - (daysAgo - 3) * DAY),
        matterId: e.matterId,
        summary: 'Called again about the same complaint and shouted at the officer',
        minutesSpent: 20,
      },
      now,
    )
    return { caseId: kase.id, warningId: warning.id, ...e }
  }
  const proposal = (
    startsDaysAgo: number,
    lengthDays: number,
    reviewAfterDays: number,
    restrictions: NewProposal['restrictions'],
  ): NewProposal => ({
    restrictions,
    rationale: 'The behaviour continued after the warning; staff were abused again.',
    letterReasons: 'Since our letter, you have called us again and shouted and sworn at the staff who answered.',
    alternativesConsidered: 'A named officer alone was tried under business-as-usual management and did not work.',
    adjustmentsConsidered: 'None recorded; none raised.',
    startsOn: dateIn(-startsDaysAgo),
    endsOn: dateIn(-startsDaysAgo + lengthDays),
    reviewOn: dateIn(-startsDaysAgo + reviewAfterDays),
  })
  async function restrict(caseId: string, daysAgo: number, body: NewProposal) {
    const made = await propose(trx, head, caseId, body, at(daysAgo))
    await decide(
      trx,
      chief,
      made.id,
      { decision: 'approve', reasons: 'Proportionate: scoped to the service.' },
      at(daysAgo - 1),
    )
    await decide(trx, mo, made.id, { decision: 'approve', reasons: 'Lawful and proportionate.' }, at(daysAgo - 1))
    await issueNotice(trx, officer, made.id, {}, at(daysAgo - 1))
    return made
  }

  // Gary Hollis (from the record demo): letters and email only for Parking, correspondence on the exhausted
  // complaint closed; review in 10 days; a challenge decided by the senior reviewer.
  const gary = await trx
    .selectFrom('person')
    .select('id')
    .where('full_name', '=', 'Gary Hollis')
    .executeTakeFirstOrThrow()
  const garyIncidents = (await trx.selectFrom('incident').select('id').where('person_id', '=', gary.id).execute()).map(
    (r) => r.id,
  )
  const garyArrangements = (
    await trx.selectFrom('operational_arrangement').select('id').where('person_id', '=', gary.id).execute()
  ).map((r) => r.id)
  const fine = await trx
    .selectFrom('matter')
    .select('id')
    .where('person_id', '=', gary.id)
    .where('status', '=', 'closed')
    .executeTakeFirstOrThrow()
  const garyCase = await openCase(
    trx,
    head,
    {
      personId: gary.id,
      service: 'Parking',
      reason: 'Persistent contact on an exhausted complaint, and threats to staff.',
      businessAsUsualMeasures:
        'A named officer for the calls; an informal warning by phone. Neither changed the contact.',
      incidentIds: garyIncidents,
      arrangementIds: garyArrangements,
      adjustmentsConsidered: 'No adjustments are recorded. Mr Hollis was asked on the phone and said none were needed.',
    },
    at(45),
  )
  await issueWarning(
    trx,
    head,
    garyCase.id,
    {
      behaviour:
        'Calling several times a day about the parking fine complaint, which has been closed.\nSwearing at call handlers.',
      whyUnacceptable: 'The complaint has completed our process. The calls take staff away from other residents.',
      changeRequested: 'Please write to us if you have new information about the fine.\nPlease do not swear at staff.',
      consequences: 'We may limit how you can contact us and close our correspondence on the complaint.',
      monitoringWeeks: 4,
    },
    at(44),
  )
  const garyProposal = await restrict(
    garyCase.id,
    12,
    proposal(11, 180, 21, [
      {
        type: 'contact_method',
        channels: ['letter', 'email'],
        address: 'Parking Services, PO Box 100, Northampton',
        scope: { services: ['Parking'] },
      },
      { type: 'matter_closed', matterId: fine.id, reply: 'acknowledge', scope: { councilWide: true } },
    ]),
  )
  const garyChallenge = await recordChallenge(
    trx,
    officer,
    { restrictionId: garyProposal.restrictionIds[0] ?? '' },
    { receivedOn: dateIn(-8), grounds: 'Mr Hollis says he needs to phone because letters take too long.' },
    at(8),
  )
  await decideChallenge(
    trx,
    staff.senior_reviewer,
    garyChallenge.id,
    { outcome: 'not_upheld', reasons: 'Email is still open to him and is answered within five working days.' },
    at(4),
  )

  // An interim restriction imposed three days ago after a threat (F8): the Chief Executive has ratified it; the
  // Monitoring Officer has not yet.
  const tom = await newPerson('Tom Reilly', 'NN3 6AB')
  const tomEvidence = await evidence(tom, 'Housing', 4, 'immediate_risk')
  const tomCase = await openCase(
    trx,
    head,
    {
      personId: tom,
      service: 'Housing',
      reason: 'A threat of violence to a housing officer.',
      businessAsUsualMeasures: 'None: the threat came without warning (F8).',
      incidentIds: [tomEvidence.incidentId],
      adjustmentsConsidered: 'No adjustments are recorded.',
    },
    at(4),
  )
  const tomProposal = await propose(
    trx,
    head,
    tomCase.id,
    {
      ...proposal(3, 90, 30, [
        { type: 'contact_method', channels: ['letter', 'phone'], scope: { services: ['Housing'] } },
        { type: 'named_contact', staffUserId: officer.id, scope: { services: ['Housing'] } },
      ]),
      immediateRisk: {
        justification: 'Threatened to hurt a housing officer at the office.',
        incidentId: tomEvidence.incidentId,
        policeReference: 'NP/2026/44812',
      },
    },
    at(3),
  )
  await imposeInterim(trx, chief, tomProposal.id, {}, at(3))
  await decide(
    trx,
    chief,
    tomProposal.id,
    { decision: 'approve', reasons: 'The threat was serious; police involved.' },
    at(2),
  )

  // A warning being monitored, challenged on its facts (F3, F10): awaiting the senior reviewer.
  const sandra = await newPerson('Sandra Pike', 'NN2 7JW')
  const sandraCase = await openWarned(sandra, 'Council tax', 20)
  await recordChallenge(
    trx,
    officer,
    { warningId: sandraCase.warningId },
    { receivedOn: dateIn(-5), grounds: 'Ms Pike says the call on the date given was made by her son.' },
    at(5),
  )

  // A proposal awaiting the Monitoring Officer's decision (F4).
  const rita = await newPerson('Rita Coles', 'NN5 5DP')
  const ritaCase = await openWarned(rita, 'Waste', 70)
  const ritaProposal = await propose(
    trx,
    head,
    ritaCase.caseId,
    proposal(-1, 120, 60, [
      {
        type: 'phone_times',
        windows: [
          { day: 'tuesday', from: '10:00', to: '12:00' },
          { day: 'thursday', from: '14:00', to: '16:00' },
        ],
        maxCallMinutes: 20,
        scope: { services: ['Waste'] },
      },
    ]),
    at(2),
  )
  await decide(trx, chief, ritaProposal.id, { decision: 'approve', reasons: 'Set times keep the phone open.' }, at(1))

  // An overdue review (F7): in force for 200 days, review due 30 days ago.
  const kevin = await newPerson('Kevin Marsh', 'NN1 4HJ')
  const kevinCase = await openWarned(kevin, 'Planning', 215)
  await restrict(
    kevinCase.caseId,
    201,
    proposal(200, 330, 170, [
      {
        type: 'contact_agreement',
        terms: 'One email a week to the planning team, answered within ten working days.',
        scope: { services: ['Planning'] },
      },
    ]),
  )

  // A restriction that lapsed at its end date (F7); its history stays at hand (F12). It was reviewed once.
  const neil = await newPerson('Neil Foster', 'NN4 8QT')
  const neilCase = await openWarned(neil, 'Highways', 420)
  const neilProposal = await restrict(
    neilCase.caseId,
    401,
    proposal(400, 365, 150, [{ type: 'contact_method', channels: ['letter'], scope: { services: ['Highways'] } }]),
  )
  await reviewRestriction(
    trx,
    head,
    neilProposal.restrictionIds[0] ?? '',
    { outcome: 'continue', reasons: 'Contact is still very frequent.', nextReviewOn: dateIn(-400 + 330) },
    at(250),
  )

  return [
    'The formal procedure at every stage:',
    '  Gary Hollis   restrictions in force (letters and email for Parking; the closed complaint), a challenge decided',
    '  Tom Reilly    an interim restriction awaiting the Monitoring Officer’s ratification (F8)',
    '  Sandra Pike   a warning being monitored, challenged on its facts (F3, F10)',
    '  Rita Coles    a proposal awaiting the Monitoring Officer’s decision (F4)',
    '  Kevin Marsh   a review overdue (F7);  Neil Foster  a restriction that lapsed at its end date (F7, F12)',
    ...(config.councilAddress.length && config.councilContact
      ? []
      : [
          '',
          'The demo’s letters use a fictional council address. Set COUNCIL_ADDRESS and COUNCIL_CONTACT before the service can issue letters.',
        ]),
  ]
}

function hash(text: string): number {
  let h = 7
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0
  return h
}
