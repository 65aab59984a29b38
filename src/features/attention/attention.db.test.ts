import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { apiAs, openAs, pageText, signedIn, testApp, type TestApp } from '../../../test/helpers/app.ts'
import { rowWhere } from '../../../test/helpers/rows.ts'
import { contactPattern } from '../people/timeline.repository.ts'
import { refreshAttention } from './attention.repository.ts'

// Who may need attention (P1, P2), kept incrementally: day rows maintained by triggers on `contact`, per-person rows
// recomputed only when due, and a page that reads the listed rows.

let t: TestApp
let officer: Awaited<ReturnType<typeof apiAs>>
let staffIds: string[] = []
const NOW = new Date('2026-11-20T12:00:00Z')
const TODAY = '2026-11-20'

before(async () => {
  t = await testApp()
  t.clock.now = NOW
  officer = await apiAs(t, ['case_officer'])
  staffIds = []
  for (let i = 0; i < 8; i += 1) staffIds.push((await apiAs(t, ['frontline'])).staff.id)
})
after(() => t.close())

function ok<T = { id: string }>(r: { status: number; body: unknown }, status = 201): T {
  assert.equal(r.status, status, JSON.stringify(r.body))
  return r.body as T
}

const person = async (fullName: string) => ok(await officer.post('/api/v1/people', { fullName })).id
const matter = async (personId: string, type = 'complaint', subject = 'Bin collections') =>
  ok(await officer.post('/api/v1/matters', { personId, type, subject, service: 'Waste' })).id
const closeAt = async (matterId: string, at: Date, outcome: string, processExhausted = false) => {
  const was = t.clock.now
  t.clock.now = at
  ok(await officer.post(`/api/v1/matters/${matterId}/close`, { outcome, processExhausted }), 200)
  t.clock.now = was
}
const daysAgo = (n: number, hour = 12) => new Date(NOW.getTime() - n * 86_400_000 + (hour - 12) * 3_600_000)

/** Contacts in one statement, as the CRM import inserts them (the trigger sees them all at once). */
async function bulkContacts(
  personId: string,
  rows: { at: Date; channel?: string; minutes?: number; staff?: string; matterId?: string }[],
) {
  await t.services.db
    .insertInto('contact')
    .values(
      rows.map((r) => ({
        person_id: personId,
        matter_id: r.matterId ?? null,
        channel: (r.channel ?? 'email') as 'email',
        direction: 'inbound' as const,
        at: r.at,
        staff_user_id: r.staff ?? null,
        summary: 'Asked again about the same matter',
        minutes_spent: r.minutes ?? null,
      })),
    )
    .execute()
}

const indicatorOf = (personId: string) =>
  t.services.db.selectFrom('person_indicator').selectAll().where('person_id', '=', personId).executeTakeFirstOrThrow()

const settings = () => t.services.config.attention

test('P1: twelve contacts in a week list the person with each indicator explained; a quiet person is not listed', async () => {
  const busy = await person('Orla Busyworth')
  const quiet = await person('Quentin Quiet')
  const m = await matter(busy)
  // Through the API one by one (the contact page's path), and the rest in one statement (the import's path).
  for (let i = 0; i < 4; i += 1)
    ok(
      await officer.post('/api/v1/contacts', {
        personId: busy,
        channel: ['phone', 'email', 'letter', 'web'][i],
        direction: 'inbound',
        at: daysAgo(i).toISOString(),
        matterId: m,
        summary: 'Called about the missed collection',
        minutesSpent: 20,
        staffUserId: staffIds[i],
      }),
    )
  await bulkContacts(
    busy,
    Array.from({ length: 8 }, (_, i) => ({ at: daysAgo(i % 6, 9 + i), minutes: 10, staff: staffIds[i] })),
  )
  await bulkContacts(quiet, [{ at: daysAgo(3) }, { at: daysAgo(40) }])

  const { page: response } = await openAs(t, ['head_of_service'], '/attention')
  assert.equal(response.statusCode, 200)
  const text = pageText(response.body)
  assert.match(text, /Who may need attention/)
  assert.match(text, /never changes anyone’s status and never restricts anyone/)
  assert.match(text, /Orla Busyworth/)
  assert.doesNotMatch(text, /Quentin Quiet/)
  assert.match(text, /12 contacts in the last 7 days \(threshold 10\)/)
  assert.match(text, /12 times their usual weekly contact/)
  assert.match(text, /In touch through 4 different channels in the last 7 days \(threshold 3\)/)
  assert.match(text, /In touch with 8 different members of staff in the last 30 days \(threshold 6\)/)
  // P2: the counterweights beside the indicators.
  assert.match(text, /1 distinct matter raised/)
  assert.match(text, /1 open matter the council has not yet answered/)
  // Every threshold is explained.
  for (const s of ['ATTENTION_CONTACTS_7_DAYS', 'ATTENTION_RATIO_TO_HISTORY', 'ATTENTION_STAFF_MINUTES_30_DAYS'])
    assert.match(text, new RegExp(s))
  assert.match(response.body, /href="\/people\/[0-9a-f-]+#contact-pattern"/)

  const row = await indicatorOf(busy)
  assert.equal(row.contacts_7, 12)
  assert.equal(row.minutes_30, 4 * 20 + 8 * 10)
  assert.deepEqual(row.flags, ['contacts_7_days', 'above_usual', 'channels', 'staff'])
})

test('P1, P2: the figures agree with the person page (contacts in 7/30/90/365 days, on closed matters, counterweights)', async () => {
  const id = await person('Agnes Agreement')
  const closed = await matter(id)
  const open = await matter(id, 'service_request', 'Potholes')
  await closeAt(closed, daysAgo(250), 'not_upheld', true)
  await bulkContacts(id, [
    ...[1, 2, 5, 6, 10, 20, 29, 45, 80, 89, 120, 200, 300, 364].map((n) => ({ at: daysAgo(n), matterId: closed })),
    { at: daysAgo(150), matterId: open },
    { at: daysAgo(400) },
  ])
  await refreshAttention(t.services.db, TODAY, settings())
  const row = await indicatorOf(id)
  const pattern = await contactPattern(t.services.db, id, NOW)
  assert.deepEqual(
    [row.contacts_7, row.contacts_30, row.contacts_90, row.contacts_365],
    [
      pattern.contactsLast.days7,
      pattern.contactsLast.days30,
      pattern.contactsLast.days90,
      pattern.contactsLast.days365,
    ],
  )
  assert.deepEqual([row.contacts_7, row.contacts_30, row.contacts_90, row.contacts_365], [4, 7, 10, 15])
  // On the person page "after they closed" is over all time; here it is over the last 90 days (P1 setting).
  assert.equal(row.closed_matter_contacts_90, 10)
  assert.equal(pattern.contactsOnClosedMatters, 12)
  assert.equal(row.distinct_matters, pattern.distinctMatters)
  assert.equal(row.complaints, pattern.complaints)
  assert.equal(row.open_matters, 1)
  assert.ok(row.flags.includes('closed_matters'))
})

test('P2: a genuine complainant with many upheld complaints is shown as such, not as a problem', async () => {
  const id = await person('Gwen Genuine')
  for (let i = 0; i < 8; i += 1) {
    const m = await matter(id, 'complaint', `Complaint ${i + 1}`)
    await closeAt(m, daysAgo(200 + i), i < 4 ? 'upheld' : i < 7 ? 'partly_upheld' : 'not_upheld')
  }
  await matter(id, 'complaint', 'Complaint 9')
  await bulkContacts(
    id,
    Array.from({ length: 11 }, (_, i) => ({ at: daysAgo(i % 5) })),
  )
  const { browser } = await signedIn(t, ['case_officer'])
  const html = (await browser.get('/attention')).body
  const card = html.slice(html.indexOf('Gwen Genuine'))
  const text = pageText(card.slice(0, card.indexOf('</dl>')))
  assert.match(text, /Mostly upheld complaints/)
  assert.match(
    text,
    /9 complaints, 7 upheld or partly upheld: many genuine complaints are not unreasonable persistence/,
  )
  assert.match(text, /11 contacts in the last 7 days \(threshold 10\)/)
  assert.match(card, /govuk-tag--blue/)
})

test('kept incrementally: the day rows equal a recount of every contact, through inserts, a merge and a deletion', async () => {
  const a = await person('Dora Daycount')
  const b = await person('Dora Daycount (duplicate)')
  const m = await matter(a)
  await bulkContacts(a, [
    { at: new Date('2026-11-19T23:30:00Z'), channel: 'phone', staff: staffIds[0], minutes: 5 }, // 19 Nov in London
    { at: new Date('2026-06-30T23:30:00Z'), channel: 'email', staff: staffIds[1] }, // 1 July in London (BST)
    { at: daysAgo(2), channel: 'email', staff: staffIds[0], matterId: m },
  ])
  await bulkContacts(b, [
    { at: daysAgo(2), channel: 'letter', staff: staffIds[2], minutes: 15 },
    { at: daysAgo(3), channel: 'web' },
  ])
  // A merge moves the duplicate's contacts (merge.service.ts updates person_id).
  await t.services.db.updateTable('contact').set({ person_id: a }).where('person_id', '=', b).execute()
  const one = await rowWhere(t, 'contact', { person_id: a, channel: 'web' })
  await t.services.db.deleteFrom('contact').where('id', '=', one.id).execute()

  const recount = await sql<{ rows: string }>`
    select coalesce(string_agg(x::text, ';' order by x::text), '') as rows from (
      select c.person_id, (c.at at time zone 'Europe/London')::date as day, count(*)::int as contacts,
             coalesce(sum(c.minutes_spent), 0)::int as minutes,
             (count(*) filter (where m.closed_at is not null and c.at > m.closed_at))::int as on_closed,
             bit_or(attention_channel_bit(c.channel)) as channels,
             coalesce(array_agg(distinct c.staff_user_id order by c.staff_user_id) filter (where c.staff_user_id is not null), '{}') as staff
        from contact c left join matter m on m.id = c.matter_id group by 1, 2) x`.execute(t.services.db)
  const kept = await sql<{ rows: string }>`
    select coalesce(string_agg(x::text, ';' order by x::text), '') as rows from (
      select person_id, day, contacts, minutes, on_closed, channels,
             array(select s from unnest(staff) s order by s) as staff from person_contact_day) x`.execute(t.services.db)
  assert.equal(kept.rows[0]?.rows, recount.rows[0]?.rows)

  const days = await t.services.db
    .selectFrom('person_contact_day')
    .select(['day', 'contacts'])
    .where('person_id', '=', a)
    .orderBy('day')
    .execute()
  assert.deepEqual(days, [
    { day: '2026-07-01', contacts: 1 },
    { day: '2026-11-18', contacts: 2 },
    { day: '2026-11-19', contacts: 1 },
  ])
  assert.equal((await indicatorOf(b)).next_due, '-infinity')
})

test('kept incrementally: a contact makes only its person due, and the windows move with the days', async () => {
  await refreshAttention(t.services.db, TODAY, settings())
  const id = await person('Walter Windows')
  await bulkContacts(
    id,
    Array.from({ length: 10 }, (_, i) => ({ at: daysAgo(i % 3) })),
  )
  const due = await t.services.db
    .selectFrom('person_indicator')
    .select('person_id')
    .where('next_due', '<=', TODAY)
    .execute()
  assert.deepEqual(
    due.map((r) => r.person_id),
    [id],
  )
  assert.deepEqual(await refreshAttention(t.services.db, TODAY, settings()), { refreshed: 1 })
  assert.deepEqual(await refreshAttention(t.services.db, TODAY, settings()), { refreshed: 0 })
  const row = await indicatorOf(id)
  assert.ok(row.flags.includes('contacts_7_days'))
  // Their first contacts were 2 days ago: the 7-day window first changes 5 days from now.
  assert.equal(row.next_due, '2026-11-25')

  // Four days on: none of their days has left a window, so their row is not recomputed (others' may be).
  await refreshAttention(t.services.db, '2026-11-24', settings())
  assert.equal((await indicatorOf(id)).computed_on, TODAY)
  // Ten days on: the contacts have left the 7-day window; the person is no longer listed.
  const later = await refreshAttention(t.services.db, '2026-11-30', settings())
  assert.ok(later.refreshed >= 1)
  const moved = await indicatorOf(id)
  assert.equal(moved.contacts_7, 0)
  assert.equal(moved.contacts_30, 10)
  assert.deepEqual(moved.flags, [])
  // The clock going back (or new thresholds) recomputes every row.
  const back = await refreshAttention(t.services.db, TODAY, settings())
  const people = await t.services.db.selectFrom('person_indicator').select('person_id').execute()
  assert.equal(back.refreshed, people.length)
  assert.ok((await indicatorOf(id)).flags.includes('contacts_7_days'))
})

test('P1: closing and reopening a matter changes which contacts came after it closed', async () => {
  const id = await person('Clara Closed')
  const m = await matter(id)
  await bulkContacts(
    id,
    Array.from({ length: 6 }, (_, i) => ({ at: daysAgo(i + 1), matterId: m })),
  )
  await closeAt(m, daysAgo(10), 'not_upheld', true)
  await refreshAttention(t.services.db, TODAY, settings())
  assert.equal((await indicatorOf(id)).closed_matter_contacts_90, 6)
  assert.ok((await indicatorOf(id)).flags.includes('closed_matters'))
  // F11: reopening for reconsideration (closed-matters.service.ts) clears closed_at.
  await t.services.db
    .updateTable('matter')
    .set({ status: 'open', closed_at: null, outcome: null, process_exhausted: false, complaint_stage: 'stage_1' })
    .where('id', '=', m)
    .execute()
  await refreshAttention(t.services.db, TODAY, settings())
  assert.equal((await indicatorOf(id)).closed_matter_contacts_90, 0)
})

test('P1: filter by indicator, and pages of 50', async () => {
  // 55 people with 10 contacts in the last 7 days each, inserted in one statement.
  const ids: string[] = []
  for (let i = 0; i < 55; i += 1) ids.push(await person(`Paging Person ${String(i).padStart(2, '0')}`))
  await t.services.db
    .insertInto('contact')
    .values(
      ids.flatMap((personId) =>
        Array.from({ length: 10 }, (_, i) => ({
          person_id: personId,
          channel: 'phone' as const,
          direction: 'inbound' as const,
          at: daysAgo(i % 7),
          summary: 'Phoned again',
        })),
      ),
    )
    .execute()
  const { browser, page: all } = await openAs(t, ['auditor'], '/attention?indicator=contacts_7_days')
  const text = pageText(all.body)
  const total = Number(/(\d+) people with this indicator/.exec(text)?.[1])
  assert.ok(total >= 55)
  assert.equal((all.body.match(/data-qa="attention-entry"/g) ?? []).length, 50)
  assert.match(all.body, /href="\/attention\?indicator=contacts_7_days&amp;page=2"/)
  const second = await browser.get('/attention?indicator=contacts_7_days&page=2')
  assert.equal((second.body.match(/data-qa="attention-entry"/g) ?? []).length, total - 50)
  const staffOnly = pageText((await browser.get('/attention?indicator=staff_minutes')).body)
  assert.match(staffOnly, /No one has this indicator at the moment/)
  // Something typed into the address that is not an indicator shows everyone.
  assert.equal((await browser.get('/attention?indicator=nonsense&page=x')).statusCode, 200)
})

test('P1: viewing the list changes no record: only the attention figures are brought up to date', async () => {
  const id = await person('Victor Viewonly')
  await bulkContacts(
    id,
    Array.from({ length: 12 }, (_, i) => ({ at: daysAgo(i % 4) })),
  )
  const { browser } = await signedIn(t, ['chief_executive'])
  const snapshot = async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE'
         and table_name not in ('person_indicator', 'attention_state', 'staff_session')
       order by table_name`.execute(t.services.db)
    const out: Record<string, string> = {}
    for (const { table_name } of tables.rows) {
      const r = await sql<{ h: string | null }>`
        select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.table(table_name)} x`.execute(
        t.services.db,
      )
      out[table_name] = r.rows[0]?.h ?? ''
    }
    return out
  }
  const before = await snapshot()
  assert.equal((await indicatorOf(id)).next_due, '-infinity')
  const response = await browser.get('/attention')
  assert.equal(response.statusCode, 200)
  assert.match(pageText(response.body), /Victor Viewonly/)
  assert.deepEqual(await snapshot(), before)
  assert.notEqual((await indicatorOf(id)).next_due, '-infinity')
})

test('P1: the list is for those who oversee the procedure; front-line staff cannot see it or its link', async () => {
  const { browser } = await signedIn(t, ['frontline'])
  assert.equal((await browser.get('/attention')).statusCode, 403)
  assert.doesNotMatch((await browser.get('/')).body, /Who may need attention/)
  const { browser: head } = await signedIn(t, ['head_of_service'])
  assert.match((await head.get('/')).body, /href="\/attention"/)
})
