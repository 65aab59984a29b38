import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { extractText, getDocumentProxy } from 'unpdf'
import { longDate } from '../../domain/letters.ts'
import { addWorkingDays } from '../../domain/working-days.ts'
import { bankHolidays } from '../bank-holidays/bank-holidays.repository.ts'
import type { TestApp } from '../../../test/helpers/app.ts'
import { type Cast, MONDAY, ok, procedureApp, warningBody } from '../../../test/helpers/procedure.ts'

// Issue 11: a letter can never be changed once issued, so it must say what the record holds. Every letter type is
// read back after its step, as the person reads it (the sections, and the text of the PDF), and compared with the
// record: the terms, the dates (start, end, review, challenge-by), the status, and the ways still open (F9), which the
// contact check must agree with (V1, F5, F6).

let t: TestApp
let c: Cast
before(async () => ({ t, c } = await procedureApp()))
after(() => t.close())

interface LetterBody {
  type: string
  title: string
  sections: { key: string; heading: string; paragraphs: string[]; bullets?: string[] }[]
}

interface RestrictionBody {
  id: string
  type: string
  status: string
  startsOn: string
  endsOn: string
  reviewOn: string
  noticeIssuedOn: string | null
  liftedOn: string | null
  interim: { imposedOn: string; ratifyBy: string } | null
  channels?: string[]
  scope: unknown
}

const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").trim()

/** A letter as issued: its sections, and the text of its PDF. `says` checks a phrase is in both. */
async function read(letterId: string) {
  const letter = ok<LetterBody>(await c.head.get(`/api/v1/letters/${letterId}`), 200)
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/letters/${letterId}/pdf`,
    headers: { authorization: c.head.authorization },
  })
  assert.equal(response.statusCode, 200)
  const pdf = await getDocumentProxy(new Uint8Array(response.rawPayload))
  const pdfText = squash((await extractText(pdf, { mergePages: true })).text)
  const text = (key: string) => {
    const s = letter.sections.find((x) => x.key === key)
    return s ? squash([...s.paragraphs, ...(s.bullets ?? [])].join(' ')) : ''
  }
  const all = squash(letter.sections.map((s) => `${s.heading} ${text(s.key)}`).join(' '))
  return {
    letter,
    text,
    says(phrase: string, key?: string) {
      const where = key ? text(key) : all
      assert.ok(where.includes(phrase), `the letter${key ? `'s ${key}` : ''} says "${phrase}":\n${where}`)
      assert.ok(pdfText.includes(squash(phrase)), `the PDF says "${phrase}"`)
    },
    never(phrase: string | RegExp) {
      const found = typeof phrase === 'string' ? all.includes(phrase) || pdfText.includes(phrase) : phrase.test(all)
      assert.ok(!found, `the letter does not say ${String(phrase)}:\n${all}`)
    },
  }
}

const restriction = async (id: string) => ok<RestrictionBody>(await c.head.get(`/api/v1/restrictions/${id}`), 200)

/** F10: the last day to challenge, as the record's dates give it: 10 working days from the letter. */
async function challengeBy(from: string) {
  return addWorkingDays(from, t.config.procedure.challengeWorkingDays, await bankHolidays(t.services.db))
}

/** What the contact check answers for this person, this channel, about Waste (or nothing named), at `at`. */
async function check(personId: string, channel: string, at: string, service: string | undefined = 'Waste') {
  const body = ok<{ verdict: string }>(
    await c.frontline.post('/api/v1/contact-checks', { personId, channel, at, ...(service ? { service } : {}) }),
    200,
  )
  return body.verdict
}

/** The dates of a restriction letter are the record's (F7, F9, F10). */
async function datesMatch(r: RestrictionBody, l: Awaited<ReturnType<typeof read>>) {
  assert.ok(r.noticeIssuedOn, 'the record holds when the person was written to')
  l.says(`These limits start on ${longDate(r.startsOn)} and end on ${longDate(r.endsOn)}.`, 'how_long')
  l.says(`We will review them by ${longDate(r.reviewOn)}.`, 'how_long')
  l.says(`Please tell us by ${longDate(await challengeBy(r.noticeIssuedOn))}`, 'how_to_challenge')
}

const tuesday10to12 = [{ day: 'tuesday', from: '10:00', to: '12:00' }]
const TUESDAY_11AM = '2027-01-05T11:00:00Z'
const TUESDAY_3PM = '2027-01-05T15:00:00Z'

describe('the warning letter says what the record holds (F3, F10)', () => {
  test('F3, F10: the monitoring end and the challenge-by date are the record’s; contact is not limited', async () => {
    const k = await c.openedCase({ fullName: 'Wendy Warned' })
    const warned = ok<{ id: string; letterId: string; monitoringEndsOn: string; challengeBy: string }>(
      await c.officer.post(`/api/v1/cases/${k.caseId}/warnings`, warningBody),
    )
    const file = ok<{ warnings: { id: string; issuedOn: string; monitoringEndsOn: string }[] }>(
      await c.head.get(`/api/v1/cases/${k.caseId}`),
      200,
    )
    const recorded = file.warnings.find((w) => w.id === warned.id)
    assert.ok(recorded)
    assert.equal(warned.challengeBy, await challengeBy(recorded.issuedOn))
    const l = await read(warned.letterId)
    assert.equal(l.letter.type, 'warning')
    l.says(`until ${longDate(recorded.monitoringEndsOn)}`, 'monitoring')
    l.says('This letter does not limit how you can contact us.', 'monitoring')
    l.says(`please tell us by ${longDate(warned.challengeBy)}`, 'facts_wrong')
    l.says('shouted at and swore at an officer', 'what_happened')
  })
})

describe('the restriction letter lists every way still open, as the contact check sees it (F9, F5, F6)', () => {
  test('F5a, F6, F9: letters and email on Waste: those ways at any time, no other on Waste, anything else as usual', async () => {
    const k = await c.restrictedCase({
      fullName: 'Lena Letters',
      restrictions: [{ type: 'contact_method', channels: ['letter', 'email'], scope: { services: ['Waste'] } }],
    })
    const r = await restriction(k.restrictionId)
    assert.equal(r.status, 'active')
    assert.deepEqual(r.channels, ['letter', 'email'])
    const l = await read(k.noticeLetterId)
    assert.equal(l.letter.title, 'We are limiting how you can contact us')
    await datesMatch(r, l)
    l.says('You can contact us by letter or by email only.', 'what_we_are_doing')
    l.says('About waste, you can write to us by letter or email at any time.', 'how_to_contact')
    l.says('Please do not contact us about waste in any other way while these limits apply.', 'how_to_contact')
    l.says('For anything else, you can contact us in any of the usual ways.', 'how_to_contact')
    l.says('we will look at it on its merits', 'how_to_contact') // P3
    // The contact check agrees: email is dealt with, a call about Waste is not; a call about anything else is.
    assert.equal(await check(k.personId, 'email', TUESDAY_3PM), 'proceed')
    assert.equal(await check(k.personId, 'phone', TUESDAY_3PM), 'redirect')
    assert.equal(await check(k.personId, 'phone', TUESDAY_3PM, 'Highways'), 'proceed')
  })

  test('F5b, F9: a named officer: every way stays open, through the officer and their deputy, named', async () => {
    const k = await c.restrictedCase({
      fullName: 'Nina Named',
      restrictions: [
        {
          type: 'named_contact',
          staffUserId: c.officer.staff.id,
          deputyStaffUserId: c.frontline.staff.id,
          scope: { councilWide: true },
        },
      ],
    })
    const r = await restriction(k.restrictionId)
    assert.equal(r.status, 'active')
    const l = await read(k.noticeLetterId)
    await datesMatch(r, l)
    const officer = c.officer.staff.name
    l.says(
      'You can write to us by letter or email, use our online form, visit us in person or telephone us at any time.',
      'how_to_contact',
    )
    l.says(`please ask for ${officer}, your named officer, or address what you send to them.`, 'how_to_contact')
    l.says(`contact ${c.frontline.staff.name} instead.`, 'how_to_contact')
    l.never('through the named officer')
    assert.equal(await check(k.personId, 'letter', TUESDAY_3PM), 'redirect') // passed to the officer
  })

  test('F5c, F6, F9: telephone times on Waste: letter and email at any time, calls on Tuesdays, the rest as usual', async () => {
    const k = await c.restrictedCase({
      fullName: 'Phil Phones',
      restrictions: [
        { type: 'phone_times', windows: tuesday10to12, maxCallMinutes: 20, scope: { services: ['Waste'] } },
      ],
    })
    const r = await restriction(k.restrictionId)
    assert.equal(r.status, 'active')
    const l = await read(k.noticeLetterId)
    await datesMatch(r, l)
    l.says(
      'About waste, you can write to us by letter or email, use our online form or visit us in person at any time.',
      'how_to_contact',
    )
    l.says(
      'You can telephone us about waste only on Tuesdays, 10am to 12 noon. Each call can last up to 20 minutes.',
      'how_to_contact',
    )
    l.says('For anything else, you can contact us in any of the usual ways.', 'how_to_contact')
    l.never('Please do not contact us')
    assert.equal(await check(k.personId, 'email', TUESDAY_3PM), 'proceed')
    assert.equal(await check(k.personId, 'phone', TUESDAY_11AM), 'proceed_with_conditions')
    assert.equal(await check(k.personId, 'phone', TUESDAY_3PM), 'redirect')
  })

  test('F5d, F9: a contact agreement: its terms, and nothing closed', async () => {
    const terms = 'We will reply to one email a week, on Fridays.'
    const k = await c.restrictedCase({
      fullName: 'Alma Agreed',
      restrictions: [{ type: 'contact_agreement', terms, agreedOn: '2026-12-15', scope: { councilWide: true } }],
    })
    const r = await restriction(k.restrictionId)
    const l = await read(k.noticeLetterId)
    await datesMatch(r, l)
    l.says(`Please also keep to what we agreed with you on 15 December 2026: ${terms}`, 'how_to_contact')
    l.never('Please do not contact us')
  })

  test('F5e, F11, P3: a closed complaint: still read; anything else in the usual ways; new complaints on their merits', async () => {
    const k = await c.closedMatter('file_without_acknowledgement', { fullName: 'Colin Closed' })
    const r = await restriction(k.restrictionId)
    const l = await read(k.noticeLetterId)
    await datesMatch(r, l)
    l.says('You can contact us in any of the usual ways.', 'how_to_contact')
    l.says(
      `About complaint ${k.matterReference} (Bin collections): we will read what you send, and reply only if it contains new information.`,
      'how_to_contact',
    )
    l.says('If you have a new concern or complaint, we will look at it on its merits', 'how_to_contact')
  })

  test('F8, F9: the interim letter: in force today, the ratify-by date, end and review as the record holds', async () => {
    const k = await c.openedCase({ fullName: 'Ivan Interim' })
    const proposal = await c.proposeInterim(k.caseId, { justification: 'Threatened to harm an officer.' })
    const imposed = ok<{ letterId: string; ratifyBy: string }>(
      await c.chief.post(`/api/v1/proposals/${proposal.id}/interim`, {}),
    )
    const r = await restriction(proposal.restrictionIds[0] ?? '')
    assert.equal(r.status, 'active')
    assert.equal(r.interim?.ratifyBy, imposed.ratifyBy)
    const l = await read(imposed.letterId)
    assert.equal(l.letter.type, 'interim_restriction')
    l.says(`These limits start on ${longDate(r.interim?.imposedOn ?? '')}. For now, they are temporary.`, 'how_long')
    l.says(`By ${longDate(imposed.ratifyBy)}, two senior officers will decide`, 'how_long')
    l.says(`they will end on ${longDate(r.endsOn)} at the latest, and we will review them by ${longDate(r.reviewOn)}`)
    l.says(`Please tell us by ${longDate(await challengeBy(r.interim?.imposedOn ?? ''))}`, 'how_to_challenge')
    l.says('About waste, you can write to us by letter at any time.', 'how_to_contact')
  })

  test('F8, F9: an interim restriction not ratified ends, and the end letter says so and that every way is open', async () => {
    const k = await c.openedCase({ fullName: 'Eddie Ended' })
    const proposal = await c.proposeInterim(k.caseId, { justification: 'Threatened to harm an officer.' })
    ok(await c.chief.post(`/api/v1/proposals/${proposal.id}/interim`, {}))
    const rejected = ok<{ letterId: string | null }>(
      await c.monitoring.post(`/api/v1/proposals/${proposal.id}/decisions`, {
        decision: 'reject',
        reasons: 'The threat was not repeated.',
      }),
    )
    const r = await restriction(proposal.restrictionIds[0] ?? '')
    assert.equal(r.status, 'rejected')
    assert.ok(rejected.letterId)
    const l = await read(rejected.letterId)
    assert.equal(l.letter.type, 'end_of_restriction')
    l.says(`They did not confirm the limits, so the limits ended on ${longDate('2027-01-04')}.`, 'what_has_ended')
    l.says('You can contact us in any of the usual ways.', 'how_to_contact')
    assert.equal(await check(k.personId, 'phone', TUESDAY_3PM), 'proceed')
  })
})

describe('the letters after a review say what the record now holds (F7)', () => {
  test('F7, F10: continued: the next review date the record holds, the end unchanged, a new challenge window', async () => {
    const k = await c.restrictedCase({
      fullName: 'Connie Continued',
      restrictions: [{ type: 'phone_times', windows: tuesday10to12, scope: { services: ['Waste'] } }],
    })
    t.clock.now = new Date('2027-03-01T10:00:00Z')
    try {
      const reviewed = ok<{ letterId: string }>(
        await c.head.post(`/api/v1/restrictions/${k.restrictionId}/reviews`, {
          outcome: 'continue',
          reasons: 'The calls are still frequent.',
          nextReviewOn: '2027-06-01',
        }),
      )
      const r = await restriction(k.restrictionId)
      assert.equal(r.status, 'active')
      assert.equal(r.reviewOn, '2027-06-01')
      const l = await read(reviewed.letterId)
      assert.equal(l.letter.title, 'We are keeping the limits on how you can contact us')
      l.says(`The limits will end on ${longDate(r.endsOn)}`, 'how_long')
      l.says(`We will review them again by ${longDate(r.reviewOn)}.`, 'how_long')
      l.says(`please tell us by ${longDate(await challengeBy('2027-03-01'))}`, 'how_to_challenge')
      l.says('You can telephone us about waste only on Tuesdays, 10am to 12 noon.', 'how_to_contact')
      l.says('For anything else, you can contact us in any of the usual ways.', 'how_to_contact')
    } finally {
      t.clock.now = new Date(MONDAY)
    }
  })

  test('F7, F9: continuing one of two restrictions: the ways still open count the other one too', async () => {
    const k = await c.restrictedCase({
      fullName: 'Tobias Two',
      restrictions: [
        { type: 'phone_times', windows: tuesday10to12, scope: { services: ['Waste'] } },
        { type: 'named_contact', staffUserId: c.officer.staff.id, scope: { services: ['Waste'] } },
      ],
    })
    const reviewed = ok<{ letterId: string }>(
      await c.head.post(`/api/v1/restrictions/${k.restrictionIds[0] ?? ''}/reviews`, {
        outcome: 'continue',
        reasons: 'Still needed.',
        nextReviewOn: '2027-05-01',
      }),
    )
    const l = await read(reviewed.letterId)
    l.says('You can telephone us about waste only on Tuesdays, 10am to 12 noon.', 'how_to_contact')
    l.says(`please ask for ${c.officer.staff.name}, your named officer`, 'how_to_contact')
  })

  test('F7: lifted: the record shows it lifted today; the letter says so and that every way is open', async () => {
    const k = await c.restrictedCase({ fullName: 'Liam Lifted' })
    const reviewed = ok<{ letterId: string }>(
      await c.head.post(`/api/v1/restrictions/${k.restrictionId}/reviews`, {
        outcome: 'lift',
        reasons: 'Contact has been reasonable.',
      }),
    )
    const r = await restriction(k.restrictionId)
    assert.equal(r.status, 'lifted')
    assert.equal(r.liftedOn, '2027-01-04')
    const l = await read(reviewed.letterId)
    assert.equal(l.letter.title, 'We are ending the limits on how you can contact us')
    l.says(`They ended on ${longDate(r.liftedOn ?? '')}.`, 'outcome')
    l.says('You can contact us in any of the usual ways.', 'how_to_contact')
    l.never(/About waste/)
    assert.equal(await check(k.personId, 'phone', TUESDAY_3PM), 'proceed')
  })
})

describe('the challenge outcome letters say what the record now holds (F10)', () => {
  async function challenged(fullName: string) {
    const k = await c.restrictedCase({ fullName })
    const ch = await c.challenge('restrictions', k.restrictionId, {
      receivedOn: '2027-01-04',
      grounds: 'I only called about my bins.',
    })
    return { ...k, challengeId: ch.id }
  }

  test('F10: not upheld: the limits, their end and review as the record holds, and the ways still open', async () => {
    const k = await challenged('Nora Notupheld')
    const decided = ok<{ letterId: string }>(
      await c.reviewer.post(`/api/v1/challenges/${k.challengeId}/decision`, {
        outcome: 'not_upheld',
        reasons: 'The calls were about many matters.',
      }),
    )
    const r = await restriction(k.restrictionId)
    assert.equal(r.status, 'active')
    const l = await read(decided.letterId)
    assert.equal(l.letter.title, 'We have looked at your challenge and the limits on your contact stay in place')
    l.says(`which we received on ${longDate('2027-01-04')}`, 'outcome')
    l.says(`The limits will end on ${longDate(r.endsOn)}.`, 'what_happens_next')
    l.says(`We will review them by ${longDate(r.reviewOn)}.`, 'what_happens_next')
    l.says('About waste, you can write to us by letter at any time.', 'how_to_contact')
  })

  test('F10: upheld: the record shows it lifted; the letter says the limits ended and every way is open', async () => {
    const k = await challenged('Una Upheld')
    const decided = ok<{ letterId: string }>(
      await c.reviewer.post(`/api/v1/challenges/${k.challengeId}/decision`, {
        outcome: 'upheld',
        reasons: 'The calls were about one matter.',
      }),
    )
    const r = await restriction(k.restrictionId)
    assert.equal(r.status, 'lifted')
    const l = await read(decided.letterId)
    l.says('We have ended the limits on how you can contact us', 'outcome')
    l.says('You can now contact us in the usual way.', 'what_happens_next')
    l.says('You can contact us in any of the usual ways.', 'how_to_contact')
    l.never(/About waste/)
    assert.equal(await check(k.personId, 'phone', TUESDAY_3PM), 'proceed')
  })

  test('F10: varied: the lesser terms in force, their end as the record holds, the ways they leave open', async () => {
    const k = await challenged('Vera Varied')
    const decided = ok<{ letterId: string; restrictionId: string | null }>(
      await c.reviewer.post(`/api/v1/challenges/${k.challengeId}/decision`, {
        outcome: 'varied',
        reasons: 'Email too is reasonable.',
        variation: {
          restrictions: [{ type: 'contact_method', channels: ['letter', 'email'], scope: { services: ['Waste'] } }],
          endsOn: '2027-09-30',
        },
      }),
    )
    assert.ok(decided.restrictionId)
    const old = await restriction(k.restrictionId)
    assert.equal(old.status, 'lifted')
    const r = await restriction(decided.restrictionId)
    assert.equal(r.status, 'active')
    assert.equal(r.endsOn, '2027-09-30')
    assert.deepEqual(r.channels, ['letter', 'email'])
    const l = await read(decided.letterId)
    l.says('We have changed the limits on how you can contact us', 'outcome')
    l.says(`The limits will end on ${longDate(r.endsOn)}.`, 'what_happens_next')
    l.says(`We will review them by ${longDate(r.reviewOn)}.`, 'what_happens_next')
    l.says('You can contact us by letter or by email only.', 'what_happens_next')
    l.says('About waste, you can write to us by letter or email at any time.', 'how_to_contact')
    l.never('by letter at any time')
    assert.equal(await check(k.personId, 'email', TUESDAY_3PM), 'proceed')
  })
})

describe('no letter is issued with a placeholder for the council’s details (F9)', () => {
  test('F9: without the return address or the contact details, issuing is refused 422, naming the setting, and nothing is stored', async () => {
    const k = await c.openedCase({ fullName: 'Paula Placeholder' })
    const { config } = t.services
    const saved = { address: config.councilAddress, contact: config.councilContact }
    const lettersBefore = await t.services.db.selectFrom('letter').select('id').execute()
    try {
      config.councilAddress = []
      const noAddress = await c.officer.post(`/api/v1/cases/${k.caseId}/warnings`, warningBody)
      assert.equal(noAddress.status, 422)
      assert.match(
        JSON.stringify(noAddress.body),
        /Set the council's return address \(an administrator sets it under Settings, or COUNCIL_ADDRESS\) before letters can be issued/,
      )
      config.councilAddress = saved.address
      config.councilContact = ''
      const noContact = await c.officer.post(`/api/v1/cases/${k.caseId}/warnings`, warningBody)
      assert.equal(noContact.status, 422)
      assert.match(JSON.stringify(noContact.body), /under Settings, or COUNCIL_CONTACT\) before letters can be issued/)
    } finally {
      config.councilAddress = saved.address
      config.councilContact = saved.contact
    }
    const file = ok<{ warnings: unknown[]; letters: unknown[] }>(await c.head.get(`/api/v1/cases/${k.caseId}`), 200)
    assert.deepEqual(file.warnings, [])
    assert.deepEqual(file.letters, [])
    assert.equal((await t.services.db.selectFrom('letter').select('id').execute()).length, lettersBefore.length)
    // Set again, the same warning is issued, with the council's details on it.
    const warned = ok<{ letterId: string }>(await c.officer.post(`/api/v1/cases/${k.caseId}/warnings`, warningBody))
    const letter = await t.services.db
      .selectFrom('letter')
      .select('content')
      .where('id', '=', warned.letterId)
      .executeTakeFirstOrThrow()
    const content = letter.content as { sender: { returnAddressLines: string[]; contactRoute: string } }
    assert.deepEqual(content.sender.returnAddressLines, saved.address)
    assert.equal(content.sender.contactRoute, saved.contact)
    assert.doesNotMatch(JSON.stringify(content), /set COUNCIL/i)
  })
})
