import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { Channel, IncidentCategory, Severity } from '../../domain/contacts.ts'
import type { MatterOutcome, MatterType } from '../../domain/matters.ts'
import type { Actor } from '../../audit/audit.ts'
import { recordContact, recordIncident } from '../contacts/contacts.service.ts'
import { closeMatter, createMatter } from '../matters/matters.service.ts'
import { recordArrangement } from '../people/arrangements.service.ts'
import { createPerson, linkRepresentative } from '../people/people.service.ts'
import { addSafetyMarker } from '../safety-markers/safety-markers.service.ts'

type Trx = Transaction<Database>

// A fictional council's people, with histories that show what the record is for. Phone numbers are in Ofcom's drama
// range and emails on example.org, so nothing here can reach a real person.

/** A small seeded generator, so every demo is the same. */
function seeded(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

const firstNames = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Arthur',
  'Ivy',
  'Leo',
  'Grace',
  'Oscar',
  'Freya',
  'Harry',
  'Lily',
  'Jack',
  'Rosie',
  'Alfie',
  'Evie',
  'Charlie',
  'Nadia',
  'Tariq',
  'Priya',
  'Kwame',
  'Siobhan',
  'Dylan',
]
const lastNames = [
  'Ahmed',
  'Baker',
  'Clarke',
  'Davies',
  'Evans',
  'Fletcher',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  "O'Connor",
  'Patel',
  'Quinn',
  'Roberts',
  'Singh',
  'Turner',
]
const streets = [
  'High Street',
  'Church Lane',
  'Station Road',
  'Mill Road',
  'Park Avenue',
  'Victoria Road',
  'The Green',
  'Kings Road',
]
const postcodes = [
  'NN1 2AB',
  'NN2 6JD',
  'NN3 8QA',
  'NN4 5EY',
  'NN5 7PL',
  'NN6 0HR',
  'NN8 1AA',
  'NN9 6LS',
  'NN10 0QS',
  'NN11 4HT',
]
const services = ['Waste', 'Highways', 'Housing', 'Council tax', 'Planning', 'Adult social care', 'Parking']
const subjects: Record<string, string[]> = {
  Waste: ['Missed bin collection', 'Bulky waste not collected', 'Fly-tipping in the lane'],
  Highways: ['Pothole outside the house', 'Street light out', 'Blocked drain'],
  Housing: ['Damp in the flat', 'Repair not done', 'Noise from neighbours'],
  'Council tax': ['Bill is wrong', 'Single person discount', 'Payment not recorded'],
  Planning: ['Neighbour extension', 'Planning enforcement', 'Objection not acknowledged'],
  'Adult social care': ['Care package review', 'Carer assessment', 'Charges for care'],
  Parking: ['Parking fine', 'Resident permit', 'Disabled bay request'],
}

const day = 86_400_000

export async function fillRecordDemo(trx: Trx, actor: Actor, now: Date): Promise<string[]> {
  const random = seeded(20261129)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const ago = (days: number) => new Date(now.getTime() - days * day)
  let phone = 100

  async function person(fullName: string, extra: Partial<Parameters<typeof createPerson>[2]> = {}) {
    phone += 1
    return createPerson(trx, actor, {
      fullName,
      aliases: [],
      emails: [`${fullName.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`],
      phones: [`+447700900${String(phone).padStart(3, '0')}`],
      addresses: [
        { line1: `${1 + Math.floor(random() * 120)} ${pick(streets)}`, town: 'Northampton', postcode: pick(postcodes) },
      ],
      isCouncillor: false,
      adjustments: [],
      ...extra,
    })
  }
  async function matter(personId: string, type: MatterType, service: string, subject: string, openedDaysAgo: number) {
    return createMatter(trx, actor, { personId, type, subject, service }, ago(openedDaysAgo))
  }
  async function close(matterId: string, outcome: MatterOutcome, exhausted: boolean, daysAgo: number) {
    await closeMatter(trx, actor, matterId, { outcome, processExhausted: exhausted }, ago(daysAgo))
  }
  async function contact(
    personId: string,
    channel: Channel,
    daysAgo: number,
    summary: string,
    matterId?: string,
    minutes = 10,
  ) {
    return recordContact(
      trx,
      actor,
      { personId, channel, direction: 'inbound', at: ago(daysAgo), summary, matterId, minutesSpent: minutes },
      now,
    )
  }
  async function incident(
    personId: string,
    daysAgo: number,
    category: IncidentCategory,
    severity: Severity,
    description: string,
    contactId?: string,
  ) {
    await recordIncident(trx, actor, { personId, at: ago(daysAgo), category, severity, description, contactId }, now)
  }

  // Everyday contact: most people get in touch now and then about a thing or two.
  for (let i = 0; i < 30; i++) {
    const id = await person(`${pick(firstNames)} ${pick(lastNames)}`)
    for (let m = 0; m < 1 + Math.floor(random() * 2); m++) {
      const service = pick(services)
      const opened = 20 + Math.floor(random() * 300)
      const type = random() < 0.3 ? 'complaint' : random() < 0.5 ? 'service_request' : 'enquiry'
      const created = await matter(id, type, service, pick(subjects[service] ?? ['General enquiry']), opened)
      for (let c = 0; c < 1 + Math.floor(random() * 4); c++) {
        await contact(
          id,
          pick(['phone', 'email', 'web', 'letter'] as const),
          opened - c * 3,
          'Asked for an update',
          created.id,
          5 + Math.floor(random() * 20),
        )
      }
      if (random() < 0.6)
        await close(
          created.id,
          type === 'complaint' ? pick(['upheld', 'partly_upheld', 'not_upheld'] as const) : 'resolved',
          false,
          Math.max(1, opened - 15),
        )
    }
  }

  // A genuine complainant (P2): many complaints, most of them upheld. Persistence with good reason.
  const margaret = await person('Margaret Ellis', {
    adjustments: [
      {
        need: 'Visual impairment',
        agreedAdjustment: 'Letters in large print (16pt or larger)',
        agreedOn: ago(400).toISOString().slice(0, 10),
      },
    ],
  })
  const outcomes: MatterOutcome[] = [
    'upheld',
    'upheld',
    'partly_upheld',
    'upheld',
    'not_upheld',
    'upheld',
    'partly_upheld',
    'upheld',
  ]
  for (const [i, outcome] of outcomes.entries()) {
    const opened = 330 - i * 40
    const created = await matter(
      margaret,
      'complaint',
      'Housing',
      ['Damp in the flat', 'Repair not done', 'Mould returned', 'Heating broken'][i % 4] ?? 'Repair not done',
      opened,
    )
    for (let c = 0; c < 6; c++)
      await contact(
        margaret,
        c % 2 ? 'email' : 'letter',
        opened - c * 4,
        'Chased the repair with photographs',
        created.id,
        15,
      )
    await close(created.id, outcome, outcome !== 'upheld', opened - 30)
  }

  // Persistent contact on a closed complaint (F11): the complaint finished the process months ago, and the contact
  // goes on: many calls and emails a week, some abusive. Business-as-usual measures have been tried (S4).
  const gary = await person('Gary Hollis', { aliases: ['G. Hollis'], phones: ['+447700900999', '+441632960123'] })
  const fine = await matter(gary, 'complaint', 'Parking', 'Parking fine on Gold Street', 200)
  await contact(gary, 'letter', 199, 'Complaint about the parking fine', fine.id, 20)
  await close(fine.id, 'not_upheld', true, 150)
  for (let i = 0; i < 60; i++) {
    const daysAgo = 148 - i * 2.4
    const contactId = await contact(
      gary,
      i % 3 === 0 ? 'email' : 'phone',
      daysAgo,
      'Disputes the parking fine again; no new information',
      fine.id,
      15 + (i % 4) * 5,
    )
    if (i === 20)
      await incident(
        gary,
        daysAgo,
        'aggressive_or_abusive',
        'medium',
        'Swore repeatedly at the call handler and would not end the call',
        contactId,
      )
    if (i === 45)
      await incident(
        gary,
        daysAgo,
        'aggressive_or_abusive',
        'high',
        'Said he would "come down and sort this out" with staff at the customer service centre',
        contactId,
      )
  }
  await incident(
    gary,
    60,
    'unreasonable_levels_of_contact',
    'medium',
    'Called 14 times in one day about the closed complaint',
  )
  await recordArrangement(trx, actor, gary, {
    kind: 'arrangement',
    service: 'Parking',
    description: 'Calls about the fine passed to one named officer',
    startedOn: ago(120).toISOString().slice(0, 10),
    endedOn: ago(70).toISOString().slice(0, 10),
    outcome: 'Contact continued at the same rate with other staff',
  })
  await recordArrangement(trx, actor, gary, {
    kind: 'informal_warning',
    service: 'Parking',
    description: 'Told on the phone that the complaint is closed and that swearing at staff is not acceptable',
    startedOn: ago(50).toISOString().slice(0, 10),
    outcome: 'No change',
  })
  await addSafetyMarker(
    trx,
    actor,
    gary,
    {
      precautions: 'Do not meet alone; meet at the customer service centre only',
      reason: 'Threat made against staff on the phone',
      reviewOn: new Date(now.getTime() + 90 * day).toISOString().slice(0, 10),
    },
    now,
  )

  // A councillor (S2), an FOI requester (S3), and a person with a representative (S5).
  await person('Jane Barton', { isCouncillor: true })
  const foi = await person('Dylan Morgan')
  await matter(foi, 'foi', 'Information governance', 'Spending on consultants 2025/26', 12)
  const doris = await person('Doris Wainwright', {
    adjustments: [{ need: 'Dementia', agreedAdjustment: 'Contact through her daughter, who has her consent' }],
  })
  const karen = await person('Karen Wainwright')
  await linkRepresentative(trx, actor, {
    personId: doris,
    representativeId: karen,
    relationship: 'Daughter',
    consentRecorded: true,
  })

  return [
    'Demo people added: about 40, with matters and contacts. Try "Find a person" with:',
    '  Margaret Ellis  a genuine complainant: eight complaints, most upheld (P2)',
    '  Gary Hollis     persistent contact on a closed complaint, with incidents and a safety marker (F11, K3)',
    '  Jane Barton     a councillor (S2);  Doris Wainwright  a person with a representative (S5)',
  ]
}
