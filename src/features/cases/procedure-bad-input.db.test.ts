import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { roles } from '../../domain/roles.ts'
import { apiAs } from '../../../test/helpers/app.ts'
import { rowCounts } from '../../../test/helpers/rows.ts'
import { procedureApp, proposalBody, YEAR } from '../../../test/helpers/procedure.ts'

// Bad input to every procedure endpoint: a clear 4xx, nothing half-stored, never a 500 (contract: "Bad input never
// produces a 500"). The caller holds every role, so only the input decides the answer.

const { t, c } = await procedureApp()
const ids = { case: '', proposal: '', restriction: '', warning: '', challenge: '', person: '' }
before(async () => {
  const w = await c.warnedCase()
  ids.person = w.personId
  ids.case = w.caseId
  ids.warning = w.warningId
  const proposal = await c.propose(ids.case, proposalBody(...YEAR))
  ids.proposal = proposal.id
  ids.restriction = proposal.restrictionIds[0] ?? ''
  ids.challenge = (await c.challenge('warnings', ids.warning, { receivedOn: '2027-01-04', grounds: 'x' })).id
})
after(() => t.close())

const hostile: unknown[] = [
  null,
  [],
  'text',
  42,
  {},
  { personId: 'not-a-uuid', restrictions: 'all', decision: 'maybe', outcome: 7, receivedOn: '2027-02-30' },
  { restrictions: [{ type: 'teleport', scope: { services: [] } }], startsOn: '01/02/2027' },
  { restrictions: [{ type: 'phone_times', windows: [{ day: 'someday', from: '25:00', to: '09:00' }], scope: {} }] },
  { reasons: 'x'.repeat(20000), decision: 'approve' },
  { reasons: 'nul\u0000byte', decision: 'reject' },
  { grounds: '<script>alert(1)</script>', receivedOn: '2099-01-01' },
  { incidentIds: ['00000000-0000-4000-8000-000000000000'], personId: '00000000-0000-4000-8000-000000000000' },
  { channel: 'fax', phone: ['07700900456'] },
]

const routes = () => [
  '/api/v1/cases',
  `/api/v1/cases/${ids.case}/warnings`,
  `/api/v1/cases/${ids.case}/proposals`,
  `/api/v1/cases/${ids.case}/close`,
  `/api/v1/proposals/${ids.proposal}/decisions`,
  `/api/v1/proposals/${ids.proposal}/interim`,
  `/api/v1/restrictions/${ids.restriction}/reviews`,
  `/api/v1/restrictions/${ids.restriction}/challenges`,
  `/api/v1/warnings/${ids.warning}/challenges`,
  `/api/v1/challenges/${ids.challenge}/decision`,
  '/api/v1/contact-checks',
  '/api/v1/cases/not-a-uuid/warnings',
  '/api/v1/proposals/00000000-0000-4000-8000-000000000000/decisions',
]

const tables = ['procedure_case', 'warning', 'proposal', 'decision', 'restriction', 'review', 'challenge', 'letter']
const counts = () => rowCounts(t, tables)

describe('procedure endpoints and bad input', () => {
  test('every hostile body gets a 4xx and stores nothing', async () => {
    const everyone = await apiAs(t, [...roles])
    const before = await counts()
    for (const url of routes()) {
      for (const body of hostile) {
        const response = await everyone.post(url, body)
        assert.ok(
          response.status >= 400 && response.status < 500,
          `${url} with ${JSON.stringify(body)?.slice(0, 80)} -> ${response.status} ${JSON.stringify(response.body)}`,
        )
        assert.ok(response.body?.error?.message, `${url}: the error says what is wrong`)
      }
      const raw = await t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: everyone.authorization, 'content-type': 'application/json' },
        payload: '{"not json',
      })
      assert.equal(raw.statusCode, 400, `${url}: malformed JSON`)
    }
    assert.deepEqual(await counts(), before)
  })
})
