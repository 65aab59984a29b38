import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Kysely } from 'kysely'
import { apiAs, openAs, pageText, testApp, type TestApp } from '../../../test/helpers/app.ts'
import { down, up } from '../../db/migrations/20261205T0610_attention_foi_eir.ts'
import { contactPattern } from '../people/timeline.repository.ts'
import { refreshAttention } from './attention.repository.ts'

// Issue 13, S3: FOI and EIR requests have their own statutory process, so contacts about them are not persistence
// under this procedure. They count in none of the attention list's indicators (contacts, staff time, channels, staff,
// contacts on closed matters), whichever way they are recorded or moved, and the page says so.

let t: TestApp
let officer: Awaited<ReturnType<typeof apiAs>>
const staffIds: string[] = []
const NOW = new Date('2026-11-20T12:00:00Z')
const TODAY = '2026-11-20'

before(async () => {
  t = await testApp()
  t.clock.now = NOW
  officer = await apiAs(t, ['case_officer'])
  for (let i = 0; i < 8; i += 1) staffIds.push((await apiAs(t, ['frontline'])).staff.id)
})
after(() => t.close())

function ok<T = { id: string }>(r: { status: number; body: unknown }, status = 201): T {
  assert.equal(r.status, status, JSON.stringify(r.body))
  return r.body as T
}

const person = async (fullName: string) => ok(await officer.post('/api/v1/people', { fullName })).id
const matter = async (personId: string, type: string, subject = 'Bin collections') =>
  ok(await officer.post('/api/v1/matters', { personId, type, subject, service: 'Waste' })).id
const daysAgo = (n: number, hour = 12) => new Date(NOW.getTime() - n * 86_400_000 + (hour - 12) * 3_600_000)
const channels = ['phone', 'email', 'letter', 'web'] as const

/** Twelve contacts in the last 7 days on one matter, in one statement as the CRM import inserts them. */
async function busyWeek(personId: string, matterId: string) {
  await t.services.db
    .insertInto('contact')
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        person_id: personId,
        matter_id: matterId,
        channel: channels[i % 4] ?? 'email',
        direction: 'inbound' as const,
        at: daysAgo(i % 6, 9 + i),
        staff_user_id: staffIds[i % 8] ?? null,
        summary: 'Asked again about the request',
        minutes_spent: 30,
      })),
    )
    .execute()
}

const indicatorOf = (personId: string) =>
  t.services.db.selectFrom('person_indicator').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow()
const figures = async (personId: string) => {
  const r = await indicatorOf(personId)
  return {
    contacts: [r.contacts_7, r.contacts_30, r.contacts_365],
    minutes: r.minutes_30,
    channels: r.channels_7,
    staff: r.staff_30,
    flags: r.flags,
  }
}
const refresh = () => refreshAttention(t.services.db, TODAY, t.services.config.attention)

test('S3 (issue 13): contacts about FOI or EIR requests count in no indicator; the page says why', async () => {
  const requester = await person('Fergus Requester')
  const complainant = await person('Connie Complainant')
  await busyWeek(requester, await matter(requester, 'foi', 'Spending on consultants'))
  await busyWeek(complainant, await matter(complainant, 'complaint'))
  // Through the API too (the contact page's path): an EIR request, and one call about a service request that counts.
  const eir = await matter(requester, 'eir', 'Air quality readings')
  for (const at of [daysAgo(1), daysAgo(2)])
    ok(
      await officer.post('/api/v1/contacts', {
        personId: requester,
        channel: 'in_person',
        direction: 'inbound',
        at: at.toISOString(),
        matterId: eir,
        summary: 'Asked for the readings again',
        minutesSpent: 45,
      }),
    )
  ok(
    await officer.post('/api/v1/contacts', {
      personId: requester,
      channel: 'phone',
      direction: 'inbound',
      at: daysAgo(3).toISOString(),
      matterId: await matter(requester, 'service_request', 'A new recycling box'),
      summary: 'Asked when the box would come',
      minutesSpent: 5,
      staffUserId: staffIds[0],
    }),
  )
  await refresh()

  assert.deepEqual(
    await figures(complainant),
    {
      contacts: [12, 12, 12],
      minutes: 360,
      channels: 4,
      staff: 8,
      flags: ['contacts_7_days', 'above_usual', 'channels', 'staff', 'staff_minutes'],
    },
    'the same contacts about a complaint reach five indicators',
  )
  assert.deepEqual(
    await figures(requester),
    { contacts: [1, 1, 1], minutes: 5, channels: 1, staff: 1, flags: [] },
    'about FOI and EIR requests they count in none: only the call about the service request is counted',
  )
  // The person page's figures agree: the pattern leaves them out and counts them apart.
  const pattern = await contactPattern(t.services.db, requester, NOW)
  assert.deepEqual(pattern.contactsLast, { days7: 1, days30: 1, days90: 1, days365: 1 })
  assert.equal(pattern.foiEirContactsLastYear, 14)

  const { page } = await openAs(t, ['head_of_service'], '/attention')
  const text = pageText(page.body)
  assert.match(text, /Connie Complainant/)
  assert.doesNotMatch(text, /Fergus Requester/)
  assert.match(
    text,
    /Contacts about FOI or EIR requests are not counted: the procedure does not apply to them \(S3\)\./,
    'the page explaining the indicators says so',
  )
})

test('S3: a contact moved onto or off an FOI request, or a matter that becomes an EIR request, is recounted', async () => {
  const id = await person('Morag Moved')
  const complaint = await matter(id, 'complaint')
  const foi = await matter(id, 'foi', 'Spending on consultants')
  await busyWeek(id, complaint)
  await refresh()
  assert.deepEqual((await figures(id)).contacts, [12, 12, 12])

  // Recorded against the complaint by mistake: moved to the FOI request.
  await t.services.db.updateTable('contact').set({ matter_id: foi }).where('person_id', '=', id).execute()
  await refresh()
  assert.deepEqual(await figures(id), { contacts: [0, 0, 0], minutes: 0, channels: 0, staff: 0, flags: [] })

  // And back.
  await t.services.db.updateTable('contact').set({ matter_id: complaint }).where('person_id', '=', id).execute()
  await refresh()
  assert.deepEqual((await figures(id)).contacts, [12, 12, 12])

  // An enquiry that turns out to be an EIR request (corrected in the record): its contacts stop counting.
  const enquiry = await matter(id, 'enquiry', 'Pollution by the depot')
  await t.services.db.updateTable('contact').set({ matter_id: enquiry }).where('person_id', '=', id).execute()
  await refresh()
  assert.deepEqual((await figures(id)).contacts, [12, 12, 12])
  await t.services.db.updateTable('matter').set({ type: 'eir' }).where('id', '=', enquiry).execute()
  await refresh()
  assert.deepEqual((await figures(id)).contacts, [0, 0, 0])
})

test('S3: the migration recounts contacts recorded before it, and its down migration restores the old count', async () => {
  const db = t.services.db as unknown as Kysely<unknown>
  await down(db)
  const id = await person('Bernard Before')
  await busyWeek(id, await matter(id, 'foi', 'Spending on consultants'))
  await refresh()
  assert.deepEqual((await figures(id)).contacts, [12, 12, 12], 'before the migration, they were counted')

  await up(db)
  await refresh()
  assert.deepEqual(await figures(id), { contacts: [0, 0, 0], minutes: 0, channels: 0, staff: 0, flags: [] })
  const days = await t.services.db.selectFrom('person_contact_day').selectAll().where('person_id', '=', id).execute()
  assert.deepEqual(days, [], 'no day row is left for them')
})
