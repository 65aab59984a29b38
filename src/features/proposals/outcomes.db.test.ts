import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { ok, procedureApp, proposalBody, YEAR } from '../../../test/helpers/procedure.ts'

// Issue 11: every outcome is true. What the record holds, the letter says, and the contact check applies.

const { t, c } = await procedureApp()
after(() => t.close())

describe('the notice (F9)', () => {
  test('F9: the restriction letter is issued with no body and no content type, as the contract writes it', async () => {
    const k = await c.restrictedCase({ notice: false })
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/proposals/${k.proposalId}/notice`,
      headers: { authorization: c.officer.authorization },
    })
    assert.equal(response.statusCode, 201, response.body)
    const restriction = await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)
    assert.equal(restriction.body.status, 'active')
  })
})

describe('closing correspondence (F11)', () => {
  test('F11: a matter_closed restriction on a complaint closed before its process was exhausted is refused (422)', async () => {
    const w = await c.warnedCase()
    ok(
      await c.officer.post(`/api/v1/matters/${w.matterId}/close`, { outcome: 'not_upheld', processExhausted: false }),
      200,
    )
    const response = await c.head.post(
      `/api/v1/cases/${w.caseId}/proposals`,
      proposalBody(...YEAR, [
        { type: 'matter_closed', matterId: w.matterId, reply: 'acknowledge', scope: { councilWide: true } },
      ]),
    )
    assert.equal(response.status, 422)
    assert.equal(response.body.error.rule, 'F11')
    assert.equal(response.body.error.code, 'complaint_not_exhausted')
  })

  test('F11: accepted once the complaint is closed with the process exhausted', async () => {
    const k = await c.closedMatter('acknowledge')
    const restriction = await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`)
    assert.equal(restriction.body.status, 'active')
  })
})
