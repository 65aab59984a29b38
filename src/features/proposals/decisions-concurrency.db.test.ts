import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { rowWhere } from '../../../test/helpers/rows.ts'
import { procedureApp, proposalBody, YEAR } from '../../../test/helpers/procedure.ts'

// F4: two approvals arriving at the same moment, or the same approval sent twice, leave exactly one correct outcome.
// On PostgreSQL (`npm run test:db` with DATABASE_URL, as CI runs it) the requests really overlap; the proposal row lock
// makes them take turns.

const { t, c } = await procedureApp()
after(() => t.close())

/** A proposal on a warned case, awaiting both decisions. */
async function proposal() {
  const w = await c.warnedCase()
  return c.propose(w.caseId, proposalBody(...YEAR))
}

const decisions = (proposalId: string) =>
  t.services.db.selectFrom('decision').selectAll().where('proposal_id', '=', proposalId).execute()
const status = async (proposalId: string) =>
  (await t.services.db.selectFrom('proposal').select('status').where('id', '=', proposalId).executeTakeFirstOrThrow())
    .status

describe('concurrent decisions (F4)', () => {
  test('F4: the two approvals at the same moment both count, and the proposal is approved once', async () => {
    const { id } = await proposal()
    const body = { decision: 'approve', reasons: 'Proportionate.' }
    const [a, b] = await Promise.all([
      c.chief.post(`/api/v1/proposals/${id}/decisions`, body),
      c.monitoring.post(`/api/v1/proposals/${id}/decisions`, body),
    ])
    assert.deepEqual([a.status, b.status], [201, 201])
    assert.equal((await decisions(id)).length, 2)
    assert.equal(await status(id), 'approved')
  })

  test('F4: the same approval sent twice at once is recorded once; the other is a conflict', async () => {
    const { id } = await proposal()
    const body = { decision: 'approve', reasons: 'Proportionate.' }
    const results = await Promise.all([
      c.chief.post(`/api/v1/proposals/${id}/decisions`, body),
      c.chief.post(`/api/v1/proposals/${id}/decisions`, body),
    ])
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409])
    assert.equal((await decisions(id)).length, 1)
    assert.equal(await status(id), 'awaiting_decision')
  })

  test('F4: an approval and a rejection at once leave the proposal rejected', async () => {
    const { id } = await proposal()
    const [approval, rejection] = await Promise.all([
      c.chief.post(`/api/v1/proposals/${id}/decisions`, { decision: 'approve', reasons: 'Yes.' }),
      c.monitoring.post(`/api/v1/proposals/${id}/decisions`, { decision: 'reject', reasons: 'No.' }),
    ])
    // Whichever is taken first, the rejection stands. An approval taken after it is refused: a rejected proposal is
    // decided, and nothing can bring it back.
    assert.equal(rejection.status, 201)
    assert.ok([201, 409].includes(approval.status), `approval: ${approval.status}`)
    if (approval.status === 409) assert.equal(approval.body.error.code, 'decision_made')
    assert.equal(await status(id), 'rejected')
    assert.equal((await decisions(id)).length, approval.status === 201 ? 2 : 1)
  })

  test('F9: the restriction letter requested twice at once is issued once', async () => {
    const { id } = await proposal()
    await c.approve(id)
    const results = await Promise.all([
      c.officer.post(`/api/v1/proposals/${id}/notice`, {}),
      c.head.post(`/api/v1/proposals/${id}/notice`, {}),
    ])
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409])
    const letters = await t.services.db.selectFrom('letter').select('id').where('type', '=', 'restriction').execute()
    const kase = await rowWhere(t, 'proposal', { id })
    assert.ok(letters.some((l) => l.id === kase.notice_letter_id))
  })
})
