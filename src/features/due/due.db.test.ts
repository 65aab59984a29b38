import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { openAs, pageText, signedIn } from '../../../test/helpers/app.ts'
import { ok, procedureApp } from '../../../test/helpers/procedure.ts'
import { loadDueItems } from './due.repository.ts'

// What is due, read from a record built through the API (F3, F7, F8, F10, F11, K3), and the worklist page per role.

const { t, c } = await procedureApp() // Monday 4 January 2027
const ids: Record<string, string> = {}

before(async () => {
  // F7: a restriction in force, first review on Wednesday 6 January (due soon).
  const p = await c.restrictedCase({ fullName: 'Gary Hollis', reviewOn: '2027-01-06' })
  ids.restriction = p.restrictionId
  ids.warning = p.warningId
  ids.case = p.caseId
  ids.person = p.personId

  // F10: a challenge to the warning, received today: 10 working days from Tuesday, so Monday 18 January.
  const challenge = await c.challenge('warnings', p.warningId, { receivedOn: '2027-01-04', grounds: 'Untrue.' })
  ids.challenge = challenge.id

  // F8: an interim restriction on another person, imposed today by the Chief Executive: ratify by 18 January.
  const q = await c.openedCase({ fullName: 'Ann Other' })
  const interim = await c.proposeInterim(q.caseId, { justification: 'Threats to kill.' })
  ok(await c.chief.post(`/api/v1/proposals/${interim.id}/interim`, {}))
  ids.interim = interim.id
  ids.interimRestriction = interim.restrictionIds[0] ?? ''

  // F3: a warning with nothing after it yet: monitoring for 8 weeks ends Monday 1 March.
  const r = await c.warnedCase({ fullName: 'Sam Third' })
  ids.monitoredCase = r.caseId
  ids.monitoredWarning = r.warningId

  // K3: a safety marker whose review date has passed.
  const marker = await c.safetyMarker(q.personId, {
    precautions: 'Two staff at any visit.',
    reason: 'Threats.',
    reviewOn: '2027-02-01',
  })
  await t.services.db
    .updateTable('safety_marker')
    .set({ review_on: '2026-12-31' })
    .where('id', '=', marker.id)
    .execute()
  ids.marker = marker.id

  // F11: correspondence on a closed matter, unread, that arrived on Christmas Eve 2026.
  const item = await t.services.db
    .insertInto('closed_matter_item')
    .values({
      person_id: p.personId,
      matter_id: p.matterId,
      contact_id: p.contactId,
      restriction_id: ids.restriction,
      reply: 'acknowledge',
      received_at: new Date('2026-12-24T15:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  ids.item = item.id
})
after(() => t.close())

describe('what is due, from the record', () => {
  test('F3, F7, F8, F10, F11, K3: every dated item, its state and working days left, overdue first', async () => {
    const items = await loadDueItems(t.services.db, '2027-01-04', 5)
    assert.deepEqual(
      items.map((i) => [i.kind, i.id, i.dueOn, i.state, i.workingDaysLeft]),
      [
        // Arrived Thursday 24 December: read by Tuesday 29 December (25th and 28th are bank holidays); since then
        // 30th, 31st and 4th are working days (1 January is a bank holiday).
        ['closed_matter_item', ids.item, '2026-12-29', 'overdue', -3],
        ['safety_marker', ids.marker, '2026-12-31', 'overdue', -1],
        ['review', ids.restriction, '2027-01-06', 'due_soon', 2],
        ['ratification', ids.interim, '2027-01-18', 'later', 10],
        ['challenge', ids.challenge, '2027-01-18', 'later', 10],
        // The first case's warning was followed by a proposal: its monitoring is not due.
        ['monitoring', ids.monitoredWarning, '2027-03-01', 'later', 40],
        // F8: an interim restriction in force has its review date too.
        ['review', ids.interimRestriction, '2027-06-30', 'later', 123],
      ],
    )
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]))
    assert.deepEqual(byKind.ratification?.roles, ['chief_executive', 'monitoring_officer'])
    assert.equal(byKind.challenge?.href, `/challenges/${ids.challenge}`)
    assert.ok(byKind.challenge?.excludedStaffIds.includes(c.officer.staff.id), 'F10: the case officer is involved')
    assert.deepEqual(byKind.monitoring?.namedStaffIds, [c.officer.staff.id], 'F3: who issued the warning')
  })

  test('F8: once both have decided, the interim restriction is no longer due; F10: a decided challenge neither', async () => {
    t.clock.now = new Date('2027-01-05T10:00:00Z')
    const snapshot = await loadDueItems(t.services.db, '2027-01-05', 5)
    assert.ok(snapshot.some((i) => i.kind === 'ratification'))
    ok(await c.monitoring.post(`/api/v1/proposals/${ids.interim}/decisions`, { decision: 'approve', reasons: 'Yes.' }))
    const afterOne = (await loadDueItems(t.services.db, '2027-01-05', 5)).find((i) => i.kind === 'ratification')
    assert.deepEqual(afterOne?.roles, ['chief_executive'], 'only the decision still missing')
    t.clock.now = new Date('2027-01-04T10:00:00Z')
  })
})

describe('GET /due: one worklist per role', () => {
  test('a Head of Service sees reviews, monitoring, markers and the queue, overdue first, each linked', async () => {
    const { page: response } = await openAs(t, ['head_of_service'], '/due')
    assert.equal(response.statusCode, 200)
    const text = pageText(response.body)
    assert.match(text, /What is due/)
    assert.match(text, /As Head of Service/)
    assert.ok(
      text.indexOf('Read correspondence from Gary Hollis') < text.indexOf('Review the restriction on Gary Hollis'),
    )
    assert.match(
      text,
      /Review the restriction on Gary Hollis: Contact by one method only .* 6 January 2027 2 working days left Due soon/,
    )
    assert.match(text, /Review the safety marker on Ann Other .* 31 December 2026 1 working day ago Overdue/)
    assert.ok(response.body.includes(`href="/restrictions/${ids.restriction}/reviews/new"`))
    assert.ok(response.body.includes(`href="/closed-matters/${ids.item}"`))
    assert.ok(response.body.includes(`href="/cases/${ids.monitoredCase}"`))
    assert.ok(!text.includes('challenge'), 'challenges are for senior reviewers')
  })

  test('a senior reviewer sees the challenge; a Chief Executive the review and the ratification', async () => {
    const reviewer = await signedIn(t, ['senior_reviewer'])
    const text = pageText((await reviewer.browser.get('/due')).body)
    assert.match(
      text,
      /As Senior reviewer .*Decide Gary Hollis’s challenge to a warning .*18 January 2027 10 working days left Later/,
    )
    const chief = await signedIn(t, ['chief_executive'])
    const chiefText = pageText((await chief.browser.get('/due')).body)
    assert.match(chiefText, /Ratify or end the interim restriction on Ann Other/)
    assert.match(chiefText, /Review the restriction on Gary Hollis/)
    assert.ok(!chiefText.includes('safety marker'))
  })

  test('several roles: a worklist for each; filtered by kind', async () => {
    const { browser } = await signedIn(t, ['case_officer', 'senior_reviewer'])
    const text = pageText((await browser.get('/due')).body)
    assert.match(text, /As Case officer .* As Senior reviewer/)
    const filtered = pageText((await browser.get('/due?kind=safety_marker')).body)
    assert.match(filtered, /Review the safety marker on Ann Other/)
    assert.ok(!filtered.includes('Read correspondence'))
    assert.match(filtered, /Nothing of this kind is due for you as Senior reviewer/)
    assert.match(filtered, /Show everything/)
  })

  test('a role with no deadlines: the empty state; an unknown filter shows everything', async () => {
    const { page: response } = await openAs(t, ['frontline'], '/due?kind=nonsense')
    assert.equal(response.statusCode, 200)
    assert.match(pageText(response.body), /None of your roles is responsible for a deadline/)
  })
})
