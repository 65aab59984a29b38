import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  canonicalJson,
  chainStart,
  describeProblem,
  entryHash,
  GENESIS_HASH,
  verifyBatch,
  type AuditRecord,
  type ChainedAuditRecord,
} from './audit-chain.ts'

function chain(count: number): ChainedAuditRecord[] {
  const entries: ChainedAuditRecord[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= count; seq++) {
    const record: AuditRecord = {
      seq,
      at: new Date(Date.UTC(2026, 10, 29, 9, seq)),
      actorId: null,
      actorLabel: 'Sam Taylor <sam@council.example>',
      action: 'staff_user.roles_changed',
      objectType: 'staff_user',
      objectId: `id-${seq}`,
      reason: 'New post',
      before: { roles: ['frontline'] },
      after: { roles: ['case_officer', 'frontline'], note: { b: 1, a: [1, 2] } },
    }
    const hash = entryHash(prevHash, record)
    entries.push({ ...record, prevHash, hash })
    prevHash = hash
  }
  return entries
}

describe('K4: the audit trail is a hash chain', () => {
  test('canonical JSON does not depend on key order (jsonb reorders keys)', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } }),
      canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    )
    assert.equal(canonicalJson({ b: 1, a: 2 }), '{"a":2,"b":1}')
  })

  test('an intact chain verifies, in one batch or several', () => {
    const entries = chain(10)
    assert.deepEqual(verifyBatch(chainStart, entries), { cursor: { expectedSeq: 11, prevHash: entries[9]?.hash } })
    const first = verifyBatch(chainStart, entries.slice(0, 4))
    assert.ok('cursor' in first)
    assert.ok('cursor' in verifyBatch(first.cursor, entries.slice(4)))
  })

  test('an altered entry is named', () => {
    const entries = chain(5)
    const altered = entries.map((e) => (e.seq === 3 ? { ...e, reason: 'Something else' } : e))
    assert.deepEqual(verifyBatch(chainStart, altered), { problem: { kind: 'altered', seq: 3 } })
  })

  test('a change to before/after is caught, even deep inside', () => {
    const entries = chain(3)
    const altered = entries.map((e) => (e.seq === 2 ? { ...e, after: { roles: ['admin'] } } : e))
    assert.deepEqual(verifyBatch(chainStart, altered), { problem: { kind: 'altered', seq: 2 } })
  })

  test('a removed entry is named, first or in the middle', () => {
    const entries = chain(6)
    assert.deepEqual(
      verifyBatch(
        chainStart,
        entries.filter((e) => e.seq !== 4),
      ),
      {
        problem: { kind: 'removed', seq: 5, expectedSeq: 4 },
      },
    )
    assert.deepEqual(verifyBatch(chainStart, entries.slice(1)), {
      problem: { kind: 'removed', seq: 2, expectedSeq: 1 },
    })
    assert.match(describeProblem({ kind: 'removed', seq: 5, expectedSeq: 4 }), /Entry 4 was removed/)
    assert.match(describeProblem({ kind: 'removed', seq: 9, expectedSeq: 4 }), /Entries 4 to 8 were removed/)
  })

  test('an entry rewritten with a recomputed hash breaks the link from the next entry', () => {
    const entries = chain(4)
    const target = entries[1]
    assert.ok(target)
    const rewritten = { ...target, reason: 'Covered up' }
    rewritten.hash = entryHash(rewritten.prevHash, rewritten)
    const tampered = entries.map((e) => (e.seq === 2 ? rewritten : e))
    assert.deepEqual(verifyBatch(chainStart, tampered), { problem: { kind: 'relinked', seq: 3 } })
  })
})
