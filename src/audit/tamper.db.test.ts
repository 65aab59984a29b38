import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { sql, type Transaction } from 'kysely'
import { ok, procedureApp } from '../../test/helpers/procedure.ts'
import { TEST_AUDIT_KEY } from '../../test/helpers/database.ts'
import type { Database } from '../db/database.ts'
import { entryHash, GENESIS_HASH, signCheckpoint, type AuditRecord, type Checkpoint } from '../domain/audit-chain.ts'
import { appendAuditEntry, toRecord } from './audit.ts'
import { verifyAuditTrail, type VerifyReport } from './verify.ts'

// Issue 12 item 3, K4: what someone who can write to the database (but does not hold the audit key, kept outside it)
// can do to the trail, each detected by `audit verify`: entries removed from the end (1, 5, 50), an entry edited and
// the plain hashes recomputed forward, an entry appended with a plain INSERT, and a record (decision.reasons, a safety
// marker's precautions) edited or deleted in SQL behind the service's back. Each tamper is made in a transaction that
// is verified and then rolled back, so every case starts from the same, intact trail.

const { t, c } = await procedureApp()
after(() => t.close())
const db = t.services.db

class Rollback extends Error {}

/** Tampers as a database superuser could (the append-only triggers out of the way), verifies, and rolls back. */
async function verifyTampered(
  tamper: (trx: Transaction<Database>) => Promise<void>,
  checkpoints: Checkpoint[] = [],
): Promise<VerifyReport> {
  let report: VerifyReport | undefined
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await sql`alter table audit_entry disable trigger user`.execute(trx)
      await tamper(trx)
      await sql`alter table audit_entry enable trigger user`.execute(trx)
      report = await verifyAuditTrail(trx, { checkpoints: checkpoints.map((cp, i) => ({ ...cp, line: i + 1 })) })
      throw new Rollback()
    }),
    Rollback,
  )
  assert.ok(report)
  return report
}

const lastSeq = async (executor: Transaction<Database> | typeof db = db) =>
  (
    await executor
      .selectFrom('audit_entry')
      .select(sql<number>`max(seq)::int`.as('n'))
      .executeTakeFirstOrThrow()
  ).n

/** The head of the trail now, signed as `audit checkpoint` signs it. */
async function checkpointNow(): Promise<Checkpoint> {
  const head = await db
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
  return signCheckpoint(TEST_AUDIT_KEY, { seq: head.seq, hash: head.hash, at: new Date().toISOString() })
}

// A real record: a case, a warning, a proposal decided by both decision-makers with reasons, the restriction letter;
// a safety marker; then enough further entries that 50 can be removed from the end.
const r = await c.restrictedCase({ reasons: { chief: 'Proportionate.', monitoring: 'Lawful and proportionate.' } })
const marker = await c.safetyMarker(r.personId, {
  precautions: 'Two officers on any visit',
  reason: 'Threatened an officer',
  reviewOn: '2027-06-01',
})
for (let i = 0; i < 60; i++) {
  await db
    .transaction()
    .execute((trx) =>
      appendAuditEntry(
        trx,
        { id: null, label: 'Test' },
        { action: 'thing.made', objectType: 'thing', objectId: `${i}` },
      ),
    )
}
const decision = await db
  .selectFrom('decision')
  .select(['id', 'reasons'])
  .where('proposal_id', '=', r.proposalId)
  .where('role', '=', 'chief_executive')
  .executeTakeFirstOrThrow()
const decisionEntry = await db
  .selectFrom('audit_entry')
  .select('seq')
  .where('action', '=', 'decision.recorded')
  .where(sql<string>`after->>'decisionId'`, '=', decision.id)
  .executeTakeFirstOrThrow()

describe('K4: the untampered trail verifies (issue 12 item 3)', () => {
  test('every entry signed and chained, every record as its last entry recorded it, the checkpoint reached', async () => {
    const checkpoint = await checkpointNow()
    await db
      .transaction()
      .execute((trx) => appendAuditEntry(trx, { id: null, label: 'Test' }, { action: 'thing.after', objectType: 'x' }))
    const report = await verifyAuditTrail(db, { checkpoints: [{ ...checkpoint, line: 1 }] })
    assert.equal(report.problem, null)
    assert.deepEqual(report.rows.problems, [])
    assert.equal(report.ok, true)
    assert.equal(report.keyedFrom, 1, 'a fresh trail starts under the key')
    assert.equal(report.entries, checkpoint.seq + 1)
    assert.deepEqual(report.checkpoint, { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at })
    assert.equal(report.unanchored, 1, 'the entry since the checkpoint is not yet anchored')
    assert.ok(report.rows.checked >= 10, `the case, warning, proposal, decisions, letters... (${report.rows.checked})`)
  })
})

describe('K4: entries removed from the end are missing from what the checkpoint covered (issue 12 item 3)', () => {
  for (const removed of [1, 5, 50]) {
    test(`the last ${removed} removed`, async () => {
      const checkpoint = await checkpointNow()
      const last = checkpoint.seq
      const report = await verifyTampered(
        (trx) => sql`delete from audit_entry where seq > ${last - removed}`.execute(trx).then(() => undefined),
        [checkpoint],
      )
      assert.equal(report.ok, false)
      assert.deepEqual(report.problem, {
        kind: 'missing',
        from: last - removed + 1,
        to: last,
        checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at },
      })
      assert.equal(report.entries, last - removed, 'the entries before the first missing one are intact')
    })
  }

  test('removed from the end and as many written again in their place: the checkpointed entry is not the same', async () => {
    const checkpoint = await checkpointNow()
    const last = checkpoint.seq
    const report = await verifyTampered(
      async (trx) => {
        await sql`delete from audit_entry where seq > ${last - 5}`.execute(trx)
        for (let i = 0; i < 5; i++) {
          await appendAuditEntry(trx, { id: null, label: 'Test' }, { action: 'thing.instead', objectType: 'thing' })
        }
      },
      [checkpoint],
    )
    assert.deepEqual(report.problem, {
      kind: 'replaced',
      seq: last,
      checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at },
    })
  })

  test('a checkpoint not signed with the key (a forged line in the file) is reported', async () => {
    const checkpoint = await checkpointNow()
    const report = await verifyAuditTrail(db, { checkpoints: [{ ...checkpoint, seq: checkpoint.seq + 1000, line: 7 }] })
    assert.equal(report.ok, false)
    assert.deepEqual(report.checkpointProblems, [{ line: 7, reason: 'not_signed' }])
  })
})

describe('K4: an entry changed or forged is named (issue 12 item 3)', () => {
  test('an entry edited and the plain SHA-256 hashes recomputed forward: the edited entry is the first bad one', async () => {
    const report = await verifyTampered(async (trx) => {
      const rows = await trx
        .selectFrom('audit_entry')
        .selectAll()
        .where('seq', '>=', decisionEntry.seq - 1)
        .orderBy('seq')
        .execute()
      let prevHash = rows[0]?.hash ?? GENESIS_HASH
      for (const row of rows.slice(1)) {
        const record: AuditRecord = toRecord(row)
        if (row.seq === decisionEntry.seq) record.reason = 'Not proportionate.'
        const hash = entryHash(prevHash, record)
        await sql`update audit_entry set reason = ${record.reason}, prev_hash = ${prevHash}, hash = ${hash}
                   where seq = ${row.seq}`.execute(trx)
        prevHash = hash
      }
    })
    assert.equal(report.ok, false)
    assert.deepEqual(report.problem, { kind: 'altered', seq: decisionEntry.seq })
    assert.equal(report.entries, decisionEntry.seq - 1, 'the entries before it are intact')
  })

  test('an entry appended with a plain INSERT, chained to the last with a plain hash, is named as forged', async () => {
    const checkpoint = await checkpointNow()
    const report = await verifyTampered(
      async (trx) => {
        const last = await trx
          .selectFrom('audit_entry')
          .select(['seq', 'hash'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow()
        const forged: AuditRecord = {
          seq: last.seq + 1,
          at: new Date(),
          actorId: null,
          actorLabel: 'Chief Executive <ce@council.example>',
          action: 'decision.recorded',
          objectType: 'proposal',
          objectId: r.proposalId,
          reason: 'Approved after all',
          before: null,
          after: { decision: 'approve' },
          rowHashes: null,
        }
        await sql`insert into audit_entry (seq, at, actor_id, actor_label, action, object_type, object_id, reason, before, after, prev_hash, hash)
        values (${forged.seq}, ${forged.at}, null, ${forged.actorLabel}, ${forged.action}, ${forged.objectType},
                ${forged.objectId}, ${forged.reason}, null, ${JSON.stringify(forged.after)}::jsonb, ${last.hash},
                ${entryHash(last.hash, forged)})`.execute(trx)
      },
      [checkpoint],
    )
    assert.equal(report.ok, false)
    assert.deepEqual(report.problem, { kind: 'altered', seq: checkpoint.seq + 1 })
    assert.equal(report.entries, checkpoint.seq)
  })
})

describe('K4: a record changed behind the service back no longer matches its last entry (issue 12 item 3)', () => {
  test('decision.reasons edited in SQL: the decision and the entry that recorded it are named', async () => {
    const report = await verifyTampered(async (trx) => {
      await sql`update decision set reasons = 'Not proportionate.' where id = ${decision.id}`.execute(trx)
    })
    assert.equal(report.ok, false)
    assert.equal(report.problem, null, 'the chain of entries itself is intact')
    assert.deepEqual(report.rows.problems, [
      { table: 'decision', id: decision.id, seq: decisionEntry.seq, kind: 'changed' },
    ])
  })

  test('a decision deleted in SQL is reported gone', async () => {
    const report = await verifyTampered(async (trx) => {
      await sql`delete from decision where id = ${decision.id}`.execute(trx)
    })
    assert.deepEqual(report.rows.problems, [
      { table: 'decision', id: decision.id, seq: decisionEntry.seq, kind: 'gone' },
    ])
  })

  test('a restriction ended in SQL (proposal and restriction rows) is reported', async () => {
    const report = await verifyTampered(async (trx) => {
      await sql`update restriction set lifted_on = '2027-01-05', lifted_reason = 'x' where id = ${r.restrictionId}`.execute(
        trx,
      )
    })
    assert.deepEqual(
      report.rows.problems.map((p) => [p.table, p.id, p.kind]),
      [['restriction', r.restrictionId, 'changed']],
    )
  })

  test('a later change made through the service is recorded by its own entry, and the trail still verifies; the same change made in SQL is not', async () => {
    ok(
      await c.officer.post(`/api/v1/safety-markers/${marker.id}/reviews`, {
        outcome: 'amend',
        reason: 'Calmer since the summer',
        precautions: 'One officer, in the office only',
        reviewOn: '2027-09-01',
      }),
    )
    const report = await verifyAuditTrail(db)
    assert.equal(report.ok, true, JSON.stringify(report.rows.problems))
    const reviewed = await db
      .selectFrom('audit_entry')
      .select('seq')
      .where('action', '=', 'safety_marker.reviewed')
      .where('object_id', '=', marker.id)
      .executeTakeFirstOrThrow()
    const tampered = await verifyTampered(async (trx) => {
      await sql`update safety_marker set precautions = 'None' where id = ${marker.id}`.execute(trx)
    })
    assert.deepEqual(tampered.rows.problems, [
      { table: 'safety_marker', id: marker.id, seq: reviewed.seq, kind: 'changed' },
    ])
  })

  test('an interim restriction rejected: the end letter recorded on the proposal after the decision is covered too', async () => {
    const k = await c.openedCase({ fullName: 'Ian Interim' })
    const proposal = await c.proposeInterim(k.caseId, { justification: 'Threatened to harm an officer.' })
    ok(await c.chief.post(`/api/v1/proposals/${proposal.id}/interim`, {}))
    ok(
      await c.monitoring.post(`/api/v1/proposals/${proposal.id}/decisions`, {
        decision: 'reject',
        reasons: 'Not needed now.',
      }),
    )
    const report = await verifyAuditTrail(db)
    assert.deepEqual(report.rows.problems, [])
    assert.equal(report.ok, true)
  })

  test('untampered again after every rolled-back tamper', async () => {
    assert.equal((await verifyAuditTrail(db)).ok, true)
    assert.ok((await lastSeq()) > 60)
  })
})
