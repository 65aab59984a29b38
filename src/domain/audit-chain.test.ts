import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  canonicalJson,
  chainStart,
  checkpointSigned,
  describeProblem,
  entryHash,
  entryMac,
  firstBadEntry,
  GENESIS_HASH,
  KEYED_ACTION,
  parseCheckpoint,
  rowHash,
  signCheckpoint,
  verifyBatch,
  type AuditRecord,
  type ChainedAuditRecord,
} from './audit-chain.ts'

const key = Buffer.from('a test key, at least thirty-two characters long')
const otherKey = Buffer.from('another key, also thirty-two characters or more')

function record(seq: number, action = 'staff_user.roles_changed'): AuditRecord {
  return {
    seq,
    at: new Date(Date.UTC(2026, 10, 29, 9, seq)),
    actorId: null,
    actorLabel: 'Sam Taylor <sam@council.example>',
    action,
    objectType: 'staff_user',
    objectId: `id-${seq}`,
    reason: 'New post',
    before: { roles: ['frontline'] },
    after: { roles: ['case_officer', 'frontline'], note: { b: 1, a: [1, 2] } },
    rowHashes: null,
  }
}

/** `legacy` entries chained with plain SHA-256, then the keying entry, then `keyed` signed entries. */
function chain(keyed: number, legacy = 0): ChainedAuditRecord[] {
  const entries: ChainedAuditRecord[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= legacy + keyed; seq++) {
    const r = record(seq, seq === legacy + 1 ? KEYED_ACTION : 'staff_user.roles_changed')
    const hash = seq <= legacy ? entryHash(prevHash, r) : entryMac(key, prevHash, r)
    entries.push({ ...r, prevHash, hash })
    prevHash = hash
  }
  return entries
}

/** What someone with the database but not the key can do: rewrite an entry and recompute plain hashes forward. */
function rewriteForward(entries: ChainedAuditRecord[], seq: number, change: Partial<AuditRecord>) {
  let prevHash = GENESIS_HASH
  return entries.map((e) => {
    const next = e.seq === seq ? { ...e, ...change } : { ...e }
    if (e.seq >= seq) {
      next.prevHash = prevHash
      next.hash = entryHash(prevHash, next)
    }
    prevHash = next.hash
    return next
  })
}

describe('K4: the audit trail is a chain signed with a key kept outside the database (issue 12 item 3)', () => {
  test('canonical JSON does not depend on key order (jsonb reorders keys)', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } }),
      canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    )
    assert.equal(canonicalJson({ b: 1, a: 2 }), '{"a":2,"b":1}')
  })

  test('an intact chain verifies, in one batch or several, and the cursor says where the key began', () => {
    const entries = chain(10, 3)
    assert.deepEqual(verifyBatch(key, chainStart, entries), {
      cursor: { expectedSeq: 14, prevHash: entries[12]?.hash, keyedFrom: 4 },
    })
    const first = verifyBatch(key, chainStart, entries.slice(0, 5))
    assert.equal(first.problem, undefined)
    assert.deepEqual(verifyBatch(key, first.cursor, entries.slice(5)).problem, undefined)
  })

  test('the signature depends on the key: another key finds every signed entry altered', () => {
    assert.deepEqual(verifyBatch(otherKey, chainStart, chain(3)).problem, { kind: 'altered', seq: 1 })
  })

  test('an edited entry, its hashes recomputed forward with plain SHA-256, is named', () => {
    const edited = rewriteForward(chain(6), 3, { reason: 'Covered up' })
    const result = verifyBatch(key, chainStart, edited)
    assert.deepEqual(result.problem, { kind: 'altered', seq: 3 })
    assert.equal(result.cursor.expectedSeq, 3, 'the two entries before it are intact')
    assert.equal(firstBadEntry({ kind: 'altered', seq: 3 }), 3)
  })

  test('an entry appended with a plain INSERT (plain hash, chained to the last) is named as forged', () => {
    const entries = chain(4)
    const last = entries.at(-1)
    assert.ok(last)
    const forged = { ...record(5), prevHash: last.hash, hash: '' }
    forged.hash = entryHash(last.hash, forged)
    assert.deepEqual(verifyBatch(key, chainStart, [...entries, forged]).problem, { kind: 'altered', seq: 5 })
    assert.match(describeProblem({ kind: 'altered', seq: 5 }), /Entry 5 was altered or forged/)
  })

  test('a forged keying entry does not turn the key off for what follows', () => {
    const entries = chain(3, 2)
    const rewritten = rewriteForward(entries, 3, { reason: 'Forged' })
    assert.deepEqual(verifyBatch(key, chainStart, rewritten).problem, { kind: 'altered', seq: 3 })
  })

  test('a legacy entry rewritten with its plain hashes recomputed up to the key no longer leads to the keying entry', () => {
    const entries = chain(3, 4)
    let prevHash = GENESIS_HASH
    const tampered = entries.map((e) => {
      if (e.seq > 4) return e
      const next = { ...e, ...(e.seq === 2 && { reason: 'Changed' }), prevHash }
      next.hash = entryHash(prevHash, next)
      prevHash = next.hash
      return next
    })
    assert.deepEqual(verifyBatch(key, chainStart, tampered).problem, { kind: 'relinked', seq: 5 })
  })

  test('a change to rowHashes (the records an entry vouches for) is caught', () => {
    const entries = chain(3)
    const altered = entries.map((e) => (e.seq === 2 ? { ...e, rowHashes: { decision: { x: 'f'.repeat(64) } } } : e))
    assert.deepEqual(verifyBatch(key, chainStart, altered).problem, { kind: 'altered', seq: 2 })
  })

  test('a removed entry is named, first or in the middle', () => {
    const entries = chain(6)
    assert.deepEqual(
      verifyBatch(
        key,
        chainStart,
        entries.filter((e) => e.seq !== 4),
      ).problem,
      { kind: 'removed', seq: 5, expectedSeq: 4 },
    )
    assert.deepEqual(verifyBatch(key, chainStart, entries.slice(1)).problem, {
      kind: 'removed',
      seq: 2,
      expectedSeq: 1,
    })
    assert.match(describeProblem({ kind: 'removed', seq: 5, expectedSeq: 4 }), /Entry 4 was removed/)
    assert.match(describeProblem({ kind: 'removed', seq: 9, expectedSeq: 4 }), /Entries 4 to 8 were removed/)
  })

  test('entries removed from the end are described against the checkpoint that covered them', () => {
    const checkpoint = { seq: 100, hash: 'h', at: '2026-12-05T07:00:00.123Z' }
    assert.equal(
      describeProblem({ kind: 'missing', from: 51, to: 100, checkpoint }),
      'The trail ends at entry 50, but the checkpoint of 2026-12-05T07:00:00Z covered entries 1 to 100: entries 51 to 100 were removed from the end of the trail.',
    )
    assert.match(describeProblem({ kind: 'missing', from: 100, to: 100, checkpoint }), /entry 100 was removed/)
    assert.equal(firstBadEntry({ kind: 'missing', from: 96, to: 100, checkpoint }), 96)
  })
})

describe('K4: checkpoints and row hashes', () => {
  test('a checkpoint is signed: changing any part of it, or another key, fails', () => {
    const checkpoint = signCheckpoint(key, { seq: 12, hash: 'a'.repeat(64), at: '2026-12-05T07:00:00.000Z' })
    assert.equal(checkpointSigned(key, checkpoint), true)
    assert.equal(checkpointSigned(key, { ...checkpoint, seq: 13 }), false)
    assert.equal(checkpointSigned(key, { ...checkpoint, hash: 'b'.repeat(64) }), false)
    assert.equal(checkpointSigned(otherKey, checkpoint), false)
    assert.deepEqual(parseCheckpoint(JSON.stringify(checkpoint)), checkpoint)
    assert.equal(parseCheckpoint('not json'), null)
    assert.equal(parseCheckpoint('{"seq": 1}'), null)
  })

  test('a row hash ignores key order and empty columns, and sees any change of value', () => {
    const row = { id: 'r', reasons: 'Because', decided_at: new Date('2026-12-01T10:00:00Z'), extra: null }
    assert.equal(rowHash(row), rowHash({ decided_at: new Date('2026-12-01T10:00:00Z'), reasons: 'Because', id: 'r' }))
    assert.notEqual(rowHash(row), rowHash({ ...row, reasons: 'Because.' }))
    assert.notEqual(rowHash(row), rowHash({ ...row, decided_at: new Date('2026-12-01T10:00:01Z') }))
    assert.notEqual(rowHash({ bytes: new Uint8Array([1]) }), rowHash({ bytes: new Uint8Array([2]) }))
  })
})
