import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { ok, procedureApp } from '../../../test/helpers/procedure.ts'
import { loadDueItems } from '../due/due.repository.ts'
import { procedureContext } from '../cases/context.ts'
import { dailyTasks } from '../reminders/daily-tasks.ts'
import { longDate } from '../../domain/letter-wording.ts'
import { permissions } from '../../domain/permissions.ts'
import { writeLapsedInterims } from './interim-lapse.service.ts'

// Issue 11, F8, F9: an interim restriction not ratified in time lapses, and the person is still written to: the daily
// job issues the end letter, exactly once, and until it is issued the due list holds it.

const { t, c } = await procedureApp()
after(() => t.close())

interface LetterBody {
  type: string
  sections: { key: string; paragraphs: string[]; bullets?: string[] }[]
}

const db = t.services.db
const endLetterOf = async (proposalId: string) =>
  (
    await db
      .selectFrom('proposal')
      .select('interim_end_letter_id')
      .where('id', '=', proposalId)
      .executeTakeFirstOrThrow()
  ).interim_end_letter_id
const endLetters = async (personId: string) =>
  db
    .selectFrom('letter')
    .select('id')
    .where('person_id', '=', personId)
    .where('type', '=', 'end_of_restriction')
    .execute()
const lapseItems = async (today: string, proposalId: string) =>
  (await loadDueItems(db, today, 5)).filter((i) => i.id === proposalId && i.title.includes('lapsed'))
const daily = (name: string) => {
  const task = dailyTasks.find((d) => d.name === name)
  assert.ok(task)
  return task.run({
    db,
    config: t.services.config,
    now: t.services.now,
    queueReminders: async () => {},
    log: { info: () => {} },
  })
}

/** An interim restriction imposed by the Chief Executive on Monday 4 January 2027: ratify by Monday 18 January. */
async function imposed(fullName: string) {
  t.clock.now = new Date('2027-01-04T10:00:00Z')
  const k = await c.openedCase({ fullName })
  const proposal = await c.proposeInterim(k.caseId, { justification: 'Threatened to harm an officer.' })
  const interim = ok<{ ratifyBy: string }>(await c.chief.post(`/api/v1/proposals/${proposal.id}/interim`, {}))
  assert.equal(interim.ratifyBy, '2027-01-18')
  return { ...k, proposalId: proposal.id, restrictionId: proposal.restrictionIds[0] ?? '' }
}

describe('an interim restriction that lapses unratified (F8, F9)', () => {
  test('F8, F9: due until written to; the daily job issues one end letter, saying it was not confirmed in time', async () => {
    const k = await imposed('Lara Lapsed')
    // F8: one decision-maker approves, the other never decides.
    ok(await c.monitoring.post(`/api/v1/proposals/${k.proposalId}/decisions`, { decision: 'approve', reasons: 'Yes.' }))

    // On the ratify-by date it can still be ratified: not lapsed, nothing to write.
    t.clock.now = new Date('2027-01-18T10:00:00Z')
    assert.deepEqual(await writeLapsedInterims(db, procedureContext(t.services)), [])
    assert.equal((await lapseItems('2027-01-18', k.proposalId)).length, 0)

    // The day after: lapsed, and on the due list, overdue, for those who issue letters (F9).
    t.clock.now = new Date('2027-01-19T10:00:00Z')
    const restriction = ok<{ status: string }>(await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`), 200)
    assert.equal(restriction.status, 'lapsed')
    const [item, ...more] = await lapseItems('2027-01-19', k.proposalId)
    assert.ok(item)
    assert.equal(more.length, 0)
    assert.equal(item.title, 'Interim restriction on Lara Lapsed lapsed: write to the person')
    assert.equal(item.kind, 'ratification')
    assert.equal(item.rule, 'F8')
    assert.equal(item.dueOn, '2027-01-18')
    assert.equal(item.state, 'overdue')
    assert.deepEqual(item.roles, permissions['letters.issue'])
    assert.equal(item.href, `/proposals/${k.proposalId}`)

    // The 07:00 job, twice, and two instances at once: one letter.
    await Promise.all([
      daily('lapsed interim restrictions'),
      daily('lapsed interim restrictions'),
      writeLapsedInterims(db, procedureContext(t.services)),
    ])
    await daily('lapsed interim restrictions')
    const letters = await endLetters(k.personId)
    assert.equal(letters.length, 1)
    const letterId = letters[0]?.id ?? ''
    assert.equal(await endLetterOf(k.proposalId), letterId)

    // F9: the letter says the restriction ended because it was not confirmed in time, and when.
    const letter = ok<LetterBody>(await c.head.get(`/api/v1/letters/${letterId}`), 200)
    assert.equal(letter.type, 'end_of_restriction')
    const ended = letter.sections.find((s) => s.key === 'what_has_ended')
    const text = [...(ended?.paragraphs ?? []), ...(ended?.bullets ?? [])].join(' ')
    assert.match(text, /They did not confirm the limits, so the limits ended on 18 January 2027\./)
    const all = letter.sections.flatMap((s) => [...s.paragraphs, ...(s.bullets ?? [])]).join(' ')
    assert.ok(all.includes(`did not both confirm the limits by ${longDate('2027-01-18')}`), all)

    // The restriction still reads lapsed, and the due item has cleared.
    const after = ok<{ status: string }>(await c.officer.get(`/api/v1/restrictions/${k.restrictionId}`), 200)
    assert.equal(after.status, 'lapsed')
    assert.equal((await lapseItems('2027-01-19', k.proposalId)).length, 0)
    assert.equal((await lapseItems('2027-01-25', k.proposalId)).length, 0)

    // K4: audited as the service's own act.
    const audit = await db
      .selectFrom('audit_entry')
      .select(['actor_id', 'actor_label'])
      .where('action', '=', 'restriction.interim_lapsed')
      .where('object_id', '=', k.proposalId)
      .execute()
    assert.deepEqual(audit, [{ actor_id: null, actor_label: 'Fair Contact' }])
  })

  test('F8: a ratified interim restriction gets no end letter and is never due as lapsed', async () => {
    const k = await imposed('Rita Ratified')
    await c.approve(k.proposalId)
    t.clock.now = new Date('2027-01-20T10:00:00Z')
    await daily('lapsed interim restrictions')
    assert.equal((await endLetters(k.personId)).length, 0)
    assert.equal(await endLetterOf(k.proposalId), null)
    assert.equal((await lapseItems('2027-01-20', k.proposalId)).length, 0)
  })

  test('F8, F9: an interim restriction rejected in time is written to at once; the lapse job writes nothing more', async () => {
    const k = await imposed('Rory Rejected')
    const rejected = ok<{ letterId: string | null }>(
      await c.monitoring.post(`/api/v1/proposals/${k.proposalId}/decisions`, {
        decision: 'reject',
        reasons: 'The threat was not repeated.',
      }),
    )
    assert.ok(rejected.letterId)
    assert.equal(await endLetterOf(k.proposalId), rejected.letterId)
    t.clock.now = new Date('2027-01-20T10:00:00Z')
    await daily('lapsed interim restrictions')
    assert.equal((await endLetters(k.personId)).length, 1)
    assert.equal((await lapseItems('2027-01-20', k.proposalId)).length, 0)
  })
})
