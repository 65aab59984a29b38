import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { sql } from 'kysely'
import { createStaff, openAs, signedIn, testApp } from '../../../test/helpers/app.ts'
import { appendAuditEntry } from '../../audit/audit.ts'
import { verifyAuditTrail } from '../../audit/verify.ts'

const t = await testApp()
after(() => t.close())

const record = (action: string, objectId: string) =>
  t.services.db
    .transaction()
    .execute((trx) =>
      appendAuditEntry(
        trx,
        { id: null, label: 'Test' },
        { action, objectType: 'thing', objectId, after: { n: objectId, nested: { b: 2, a: 1 } } },
      ),
    )

/** Tampering needs the append-only triggers out of the way, as a database superuser could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await t.services.db.transaction().execute(async (trx) => {
    await sql`alter table audit_entry disable trigger user`.execute(trx)
    await statement.execute(trx)
    await sql`alter table audit_entry enable trigger user`.execute(trx)
  })
}

describe('K4: the audit trail', () => {
  test('entries are written in the same transaction as the change: a rolled-back change leaves no entry', async () => {
    const before = await t.services.db
      .selectFrom('audit_entry')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
    await assert.rejects(
      t.services.db.transaction().execute(async (trx) => {
        await appendAuditEntry(trx, { id: null, label: 'Test' }, { action: 'thing.made', objectType: 'thing' })
        throw new Error('the change failed')
      }),
    )
    const afterCount = await t.services.db
      .selectFrom('audit_entry')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
    assert.equal(afterCount.n, before.n)
    await record('thing.made', 'x')
    const written = await t.services.db
      .selectFrom('audit_entry')
      .select(sql<number>`max(seq)::int`.as('n'))
      .executeTakeFirstOrThrow()
    const verified = await verifyAuditTrail(t.services.db)
    assert.deepEqual(
      { ok: verified.ok, entries: verified.entries },
      { ok: true, entries: written.n },
      'no gap after a rollback',
    )
  })

  test('concurrent writers still build one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => record('thing.concurrent', String(i))))
    const result = await verifyAuditTrail(t.services.db, { batchSize: 7 })
    assert.equal(result.ok, true)
  })

  test('the database refuses to update, delete or truncate an entry', async () => {
    await record('thing.kept', 'k')
    await assert.rejects(sql`update audit_entry set reason = 'changed'`.execute(t.services.db), /append-only/)
    await assert.rejects(sql`delete from audit_entry`.execute(t.services.db), /append-only/)
    await assert.rejects(sql`truncate audit_entry`.execute(t.services.db), /append-only/)
  })

  test('verify names the first entry that was altered', async () => {
    await record('thing.a', 'a')
    const target = await record('thing.b', 'b')
    await record('thing.c', 'c')
    await tamper(sql`update audit_entry set after = '{"n": "forged"}' where seq = ${target}`)
    const result = await verifyAuditTrail(t.services.db)
    assert.equal(result.ok, false)
    assert.deepEqual(!result.ok && result.problem, { kind: 'altered', seq: target })
    await tamper(sql`delete from audit_entry where seq >= ${target}`)
  })

  test('verify names an entry that was removed', async () => {
    const target = await record('thing.d', 'd')
    await record('thing.e', 'e')
    await tamper(sql`delete from audit_entry where seq = ${target}`)
    const result = await verifyAuditTrail(t.services.db)
    assert.deepEqual(!result.ok && result.problem, { kind: 'removed', seq: target + 1, expectedSeq: target })
  })
})

describe('browsing the audit trail', () => {
  test('auditors filter by action, record and date; the newest come first', async () => {
    const { browser } = await signedIn(t, ['auditor'])
    const staff = await createStaff(t, ['frontline'])
    await t.services.db.transaction().execute((trx) =>
      appendAuditEntry(
        trx,
        { id: null, label: 'Sam Taylor <sam@council.example>' },
        {
          action: 'staff_user.roles_changed',
          objectType: 'staff_user',
          objectId: staff.id,
          reason: 'A <b>reason</b>',
        },
      ),
    )
    const filtered = await browser.get(`/audit?action=staff_user.roles_changed&objectId=${staff.id}`)
    assert.equal(filtered.statusCode, 200)
    assert.match(filtered.body, /Sam Taylor &lt;sam@council.example&gt;/)
    assert.match(filtered.body, /A &lt;b&gt;reason&lt;\/b&gt;/, 'escaped, never rendered as HTML')
    const rows = filtered.body.slice(filtered.body.indexOf('<tbody'))
    assert.doesNotMatch(rows, /thing\.a/)

    const today = new Date().toISOString().slice(0, 10)
    const byDate = await browser.get(`/audit?from=${today}&to=${today}&actor=sam%20taylor`)
    assert.match(byDate.body, /staff_user.roles_changed/)
    const none = await browser.get('/audit?from=2020-01-01&to=2020-01-02')
    assert.match(none.body, /No entries match these filters/)
  })

  test('a wrong date gets a message, not a 500', async () => {
    const { browser, page: response } = await openAs(t, ['auditor'], '/audit?from=2026-02-30&to=yesterday')
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /From must be a real date/)
    assert.match(response.body, /To must be a real date/)
    const reversed = await browser.get('/audit?from=2026-03-02&to=2026-03-01')
    assert.match(reversed.body, /To must be the same as or after From/)
  })

  test('paging walks back through older entries', async () => {
    for (let i = 0; i < 55; i++) await record('thing.paged', `p${i}`)
    const { browser, page: first } = await openAs(t, ['admin'], '/audit?action=thing.paged')
    const next = first.body.match(/href="\/audit\?([^"]+)">Older entries/)?.[1]
    assert.ok(next)
    const second = await browser.get(`/audit?${next.replace(/&amp;/g, '&')}`)
    assert.match(second.body, />p4</)
    assert.doesNotMatch(second.body, />p54</)
  })
})
