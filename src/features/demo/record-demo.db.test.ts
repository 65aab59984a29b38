import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { sql } from 'kysely'
import { testApp } from '../../../test/helpers/app.ts'
import { rowWhere } from '../../../test/helpers/rows.ts'
import { verifyAuditTrail } from '../../audit/verify.ts'
import { contactPattern } from '../people/timeline.repository.ts'
import { fillWithDemo } from './demo.ts'

const t = await testApp()
after(() => t.close())

const personNamed = async (name: string) =>
  (await t.services.db.selectFrom('person').select('id').where('full_name', '=', name).executeTakeFirstOrThrow()).id

test('the demo gives the record realistic histories: a genuine complainant (P2) and persistence on a closed complaint (F11)', async () => {
  await fillWithDemo(t.services.db, t.config)
  const people =
    (await sql<{ n: number }>`select count(*)::int as n from person`.execute(t.services.db)).rows[0]?.n ?? 0
  assert.ok(people >= 35, `${people} people`)

  const margaret = await contactPattern(t.services.db, await personNamed('Margaret Ellis'), new Date())
  assert.equal(margaret.complaints, 8)
  assert.ok(margaret.complaintsUpheld + margaret.complaintsPartlyUpheld >= 6, 'most of her complaints were upheld')

  const gary = await contactPattern(t.services.db, await personNamed('Gary Hollis'), new Date())
  assert.ok(gary.contactsOnClosedMatters >= 50, 'contact goes on after the complaint closed')
  assert.equal(gary.distinctMatters, 1)
  const markers = await t.services.db.selectFrom('safety_marker').select('id').execute()
  assert.equal(markers.length, 1)
  const councillor = await rowWhere(t, 'person', { full_name: 'Jane Barton' })
  assert.equal(councillor.is_councillor, true)
  assert.equal((await verifyAuditTrail(t.services.db)).ok, true, 'every demo change is in the audit trail')
})

test('the demo shows the formal procedure at every stage (F4, F7, F8, F10)', async () => {
  const { restrictionsOfPerson } = await import('../restrictions/restrictions.repository.ts')
  const { restrictionStatus } = await import('../../domain/restrictions.ts')
  const { londonDate } = await import('../../domain/london-time.ts')
  const today = londonDate(new Date())
  const statuses = async (name: string) =>
    (await restrictionsOfPerson(t.services.db, await personNamed(name))).map((r) => restrictionStatus(r.state, today))
  assert.deepEqual(await statuses('Gary Hollis'), ['active', 'active'])
  assert.deepEqual(await statuses('Tom Reilly'), ['active', 'active'], 'F8: interim, in force until ratified or lapsed')
  assert.deepEqual(await statuses('Rita Coles'), ['awaiting_decision'])
  assert.deepEqual(await statuses('Kevin Marsh'), ['active'])
  assert.deepEqual(await statuses('Neil Foster'), ['lapsed'])
  const open = await t.services.db.selectFrom('challenge').select('id').where('outcome', 'is', null).execute()
  assert.equal(open.length, 1, 'F10: one challenge awaits the senior reviewer')
  const letters = await t.services.db.selectFrom('letter').select('type').execute()
  for (const type of ['warning', 'restriction', 'interim_restriction', 'challenge_outcome', 'review_outcome']) {
    assert.ok(
      letters.some((l) => l.type === type),
      `a ${type} letter`,
    )
  }
})
