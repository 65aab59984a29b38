import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { sql } from 'kysely'
import { testDatabase } from '../../test/helpers/database.ts'
import { entryHash, GENESIS_HASH, KEYED_ACTION, type AuditRecord } from '../domain/audit-chain.ts'
import { appendAuditEntry, bringTrailUnderKey } from './audit.ts'
import { recordedTables } from './recorded-rows.ts'
import { verifyAuditTrail } from './verify.ts'

// Issue 12 item 3, K4: a trail written before the key (plain SHA-256, as every entry was until now) is brought under
// the key by the service the first time it runs with one: the legacy entries are kept as they are and verified by
// their plain hashes up to the keying entry, which is signed and holds their number and head, and the hash of every
// record row as it stood (the baseline). Rewriting a legacy entry afterwards, hashes recomputed, is detected.

const handle = await testDatabase()
after(() => handle.close())
const db = handle.db

/** What the service wrote before the key: entries chained with plain SHA-256. */
async function legacyEntries(count: number) {
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= count; seq++) {
    const record: AuditRecord = {
      seq,
      at: new Date(Date.UTC(2026, 10, 1, 9, seq)),
      actorId: null,
      actorLabel: 'Sam Taylor <sam@council.example>',
      action: 'staff_user.roles_changed',
      objectType: 'staff_user',
      objectId: `id-${seq}`,
      reason: `Legacy ${seq}`,
      before: null,
      after: { roles: ['frontline'] },
      rowHashes: null,
    }
    const hash = entryHash(prevHash, record)
    await sql`insert into audit_entry (seq, at, actor_id, actor_label, action, object_type, object_id, reason, before, after, prev_hash, hash)
      values (${seq}, ${record.at}, null, ${record.actorLabel}, ${record.action}, ${record.objectType}, ${record.objectId},
              ${record.reason}, null, ${JSON.stringify(record.after)}::jsonb, ${prevHash}, ${hash})`.execute(db)
    prevHash = hash
  }
}

class Rollback extends Error {}

describe('K4: the legacy trail brought under the key (issue 12 item 3)', () => {
  test('a trail of plain entries only is reported as not under the key', async () => {
    await legacyEntries(3)
    const report = await verifyAuditTrail(db)
    assert.equal(report.ok, false)
    assert.deepEqual(report.problem, { kind: 'unkeyed', entries: 3 })
  })

  test('the first start with the key appends one signed entry holding the legacy head and the rows as they stand', async () => {
    // A record written before the key, with no entry of its own: the baseline holds it.
    const person = await sql<{
      id: string
    }>`insert into person (full_name, name_key) values ('Pat Legacy', 'pat legacy') returning id`.execute(db)
    const personId = person.rows[0]?.id ?? ''
    const marker = await sql<{ id: string }>`insert into safety_marker (person_id, precautions, reason, review_on)
      values (${personId}, 'Meet in the office', 'Shouted', '2027-06-01') returning id`.execute(db)
    const markerId = marker.rows[0]?.id ?? ''

    assert.equal(await bringTrailUnderKey(db), 4)
    assert.equal(await bringTrailUnderKey(db), null, 'once only')
    const keying = await db.selectFrom('audit_entry').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow()
    assert.equal(keying.action, KEYED_ACTION)
    assert.match(keying.reason ?? '', /entries 1 to 3 were written before it, chained with plain SHA-256/)
    const legacyHead = await db.selectFrom('audit_entry').select('hash').where('seq', '=', 3).executeTakeFirstOrThrow()
    assert.deepEqual(keying.after, { legacyEntries: 3, legacyHead: legacyHead.hash, legacyIntact: true })
    assert.ok(keying.row_hashes?.safety_marker?.[markerId], 'the baseline holds the marker')

    await db
      .transaction()
      .execute((trx) => appendAuditEntry(trx, { id: null, label: 'Test' }, { action: 'thing.made', objectType: 'x' }))
    const report = await verifyAuditTrail(db)
    assert.equal(report.ok, true)
    assert.equal(report.keyedFrom, 4)
    assert.equal(report.entries, 5)

    // The marker edited in SQL: it no longer matches the baseline (the keying entry).
    let tampered: Awaited<ReturnType<typeof verifyAuditTrail>> | undefined
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await sql`update safety_marker set precautions = 'None' where id = ${markerId}`.execute(trx)
        tampered = await verifyAuditTrail(trx)
        throw new Rollback()
      }),
      Rollback,
    )
    assert.deepEqual(tampered?.rows.problems, [{ table: 'safety_marker', id: markerId, seq: 4, kind: 'changed' }])
  })

  test('a legacy entry rewritten afterwards, plain hashes recomputed up to the key, is detected at the keying entry', async () => {
    let report: Awaited<ReturnType<typeof verifyAuditTrail>> | undefined
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await sql`alter table audit_entry disable trigger user`.execute(trx)
        const rows = await trx.selectFrom('audit_entry').selectAll().where('seq', '<=', 3).orderBy('seq').execute()
        let prevHash = GENESIS_HASH
        for (const row of rows) {
          const reason = row.seq === 2 ? 'Rewritten' : row.reason
          const record: AuditRecord = {
            seq: row.seq,
            at: row.at,
            actorId: row.actor_id,
            actorLabel: row.actor_label,
            action: row.action,
            objectType: row.object_type,
            objectId: row.object_id,
            reason,
            before: row.before,
            after: row.after,
            rowHashes: null,
          }
          const hash = entryHash(prevHash, record)
          await sql`update audit_entry set reason = ${reason}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${row.seq}`.execute(
            trx,
          )
          prevHash = hash
        }
        report = await verifyAuditTrail(trx)
        throw new Rollback()
      }),
      Rollback,
    )
    assert.deepEqual(report?.problem, { kind: 'relinked', seq: 4 })
    assert.equal(report?.ok, false)
  })

  test('every table audit/recorded-rows.ts lists has the trigger that notes the rows written', async () => {
    const { rows } = await sql<{ table: string }>`
      select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where t.tgname like '%\\_audit\\_row' and not t.tgisinternal order by c.relname`.execute(db)
    assert.deepEqual(
      rows.map((r) => r.table),
      [...recordedTables].sort(),
    )
  })
})
