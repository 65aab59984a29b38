import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { dateFields, pageText, signedIn } from '../../../test/helpers/app.ts'
import { ok, procedureApp } from '../../../test/helpers/procedure.ts'
import { latestAudit, rowCounts, rowWhere, rowsWhere } from '../../../test/helpers/rows.ts'
import { loadDueItems } from '../due/due.repository.ts'

// K3: a safety marker is reviewed: it continues to a new review date, its precautions are amended, or it is removed and
// no longer shown anywhere. Through the API (POST /api/v1/safety-markers/{id}/reviews) and the review page.

const { t, c } = await procedureApp() // Monday 4 January 2027
after(() => t.close())

const TODAY = '2027-01-04'
const stored = () => rowCounts(t, ['safety_marker_review', 'audit_entry'])

/** A person with a marker whose review date has passed (31 December 2026): overdue today. */
async function overdueMarker(fullName: string, precautions = 'Meet only in pairs') {
  const p = await c.personWithHistory({ fullName })
  const marker = await c.safetyMarker(p.personId, {
    precautions,
    reason: 'Threats on 2 November',
    reviewOn: '2027-02-01',
  })
  await t.services.db
    .updateTable('safety_marker')
    .set({ review_on: '2026-12-31' })
    .where('id', '=', marker.id)
    .execute()
  return { personId: p.personId, markerId: marker.id }
}

const review = (markerId: string, body: unknown, as = c.officer) =>
  as.post(`/api/v1/safety-markers/${markerId}/reviews`, body)

const dueItem = async (markerId: string) =>
  (await loadDueItems(t.services.db, TODAY, 5)).find((i) => i.kind === 'safety_marker' && i.id === markerId)

const check = async (personId: string) =>
  ok<{ safetyMarkers: { precautions: string; reviewOn: string }[] }>(
    await c.frontline.post('/api/v1/contact-checks', { personId, channel: 'in_person' }),
    200,
  ).safetyMarkers

describe('reviewing a safety marker through the API', () => {
  test('K3: continue moves the review date and clears the due item; the review is stored and audited', async () => {
    const { markerId } = await overdueMarker('Cara Continue')
    const due = await dueItem(markerId)
    assert.equal(due?.state, 'overdue')
    assert.equal(due?.href, `/safety-markers/${markerId}/review`, 'the due item leads to the review')

    const body = { outcome: 'continue', reason: 'Still threatening staff in December.', reviewOn: '2027-07-01' }
    const reviewed = ok<{ id: string; markerId: string; outcome: string; reviewOn: string }>(
      await review(markerId, body),
    )
    assert.deepEqual(
      { ...reviewed, id: undefined },
      { id: undefined, markerId, outcome: 'continue', reviewOn: '2027-07-01' },
    )

    const marker = await rowWhere(t, 'safety_marker', { id: markerId })
    assert.deepEqual(
      [marker.review_on, marker.precautions, marker.removed_at],
      ['2027-07-01', 'Meet only in pairs', null],
    )
    const row = await rowWhere(t, 'safety_marker_review', { id: reviewed.id })
    assert.deepEqual(
      [row.safety_marker_id, row.outcome, row.reason, row.precautions_before, row.precautions_after],
      [markerId, 'continue', body.reason, 'Meet only in pairs', 'Meet only in pairs'],
    )
    assert.deepEqual(
      [row.review_on_before, row.review_on_after, row.reviewed_by],
      ['2026-12-31', '2027-07-01', c.officer.staff.id],
    )
    assert.deepEqual(row.reviewed_at, new Date('2027-01-04T10:00:00Z'))

    const after = await dueItem(markerId)
    assert.deepEqual([after?.dueOn, after?.state], ['2027-07-01', 'later'], 'no longer overdue: due at the new date')

    const entry = await latestAudit(t, 'safety_marker.reviewed')
    assert.deepEqual([entry.object_id, entry.actor_id, entry.reason], [markerId, c.officer.staff.id, body.reason])
    assert.deepEqual(entry.before, { precautions: 'Meet only in pairs', reviewOn: '2026-12-31' })
    assert.deepEqual(entry.after, {
      reviewId: reviewed.id,
      outcome: 'continue',
      precautions: 'Meet only in pairs',
      reviewOn: '2027-07-01',
    })
  })

  test('K3, P4: amend changes the precautions the contact check shows; audited with before and after', async () => {
    const { personId, markerId } = await overdueMarker('Andy Amend')
    assert.deepEqual(await check(personId), [{ precautions: 'Meet only in pairs', reviewOn: '2026-12-31' }])
    const body = {
      outcome: 'amend',
      reason: 'Threats have stopped; visits are still a risk.',
      precautions: 'No home visits',
      reviewOn: '2027-04-01',
    }
    const reviewed = ok<{ id: string; reviewOn: string }>(await review(markerId, body))
    assert.equal(reviewed.reviewOn, '2027-04-01')
    assert.deepEqual(await check(personId), [{ precautions: 'No home visits', reviewOn: '2027-04-01' }])
    const row = await rowWhere(t, 'safety_marker_review', { id: reviewed.id })
    assert.deepEqual(
      [row.outcome, row.precautions_before, row.precautions_after],
      ['amend', 'Meet only in pairs', 'No home visits'],
    )
    const entry = await latestAudit(t, 'safety_marker.reviewed')
    assert.equal(entry.object_id, markerId)
    assert.deepEqual(entry.after, {
      reviewId: reviewed.id,
      outcome: 'amend',
      precautions: 'No home visits',
      reviewOn: '2027-04-01',
    })
    assert.equal((await dueItem(markerId))?.dueOn, '2027-04-01')
  })

  test('K3: remove hides the marker from the contact check, the person page and the recording pages; audited', async () => {
    const { personId, markerId } = await overdueMarker('Rita Remove', 'Never meet alone')
    const { browser } = await signedIn(t, ['case_officer'])
    assert.match(pageText((await browser.get(`/people/${personId}`)).body), /Staff safety: Never meet alone/)

    const reason = 'Added to the wrong record: it belongs to another person.'
    const reviewed = ok<{ id: string; outcome: string; reviewOn: string | null }>(
      await review(markerId, { outcome: 'remove', reason }),
    )
    assert.deepEqual([reviewed.outcome, reviewed.reviewOn], ['remove', null])

    const marker = await rowWhere(t, 'safety_marker', { id: markerId })
    assert.ok(marker.removed_at instanceof Date)
    assert.equal(marker.removed_reason, reason)
    const row = await rowWhere(t, 'safety_marker_review', { id: reviewed.id })
    assert.deepEqual([row.outcome, row.precautions_after, row.review_on_after], ['remove', null, null])

    assert.deepEqual(await check(personId), [], 'the contact check no longer shows it')
    const record = ok<{ safetyMarkers: unknown[] }>(await c.frontline.get(`/api/v1/people/${personId}`), 200)
    assert.deepEqual(record.safetyMarkers, [])
    const page = await browser.get(`/people/${personId}`)
    assert.ok(!page.body.includes('data-qa="safety-marker"'), 'the person page shows no marker')
    assert.ok(!pageText(page.body).includes('Never meet alone'), 'not even in the timeline')
    assert.match(
      pageText(page.body),
      /Safety marker added, since removed .*Removed on 4 January 2027: Added to the wrong record/,
    )
    for (const url of [`/people/${personId}/contacts/new`, `/people/${personId}/incidents/new`]) {
      const recording = await browser.get(url)
      assert.equal(recording.statusCode, 200)
      assert.ok(!recording.body.includes('data-qa="safety-marker"'), url)
    }
    assert.equal(await dueItem(markerId), undefined, 'nothing is due for a removed marker')

    const entry = await latestAudit(t, 'safety_marker.removed')
    assert.deepEqual([entry.object_id, entry.reason], [markerId, reason])
    assert.deepEqual(entry.before, { precautions: 'Never meet alone', reviewOn: '2026-12-31' })
    assert.equal((entry.after as { outcome: string }).outcome, 'remove')
  })

  test('K3: a removed marker cannot be reviewed again (409); nothing more is stored', async () => {
    const { markerId } = await overdueMarker('Rory Removed')
    ok(await review(markerId, { outcome: 'remove', reason: 'No longer needed.' }))
    const before = await stored()
    for (const body of [
      { outcome: 'continue', reason: 'Try again.', reviewOn: '2027-06-01' },
      { outcome: 'remove', reason: 'Twice.' },
    ]) {
      const again = await review(markerId, body)
      assert.equal(again.status, 409)
      assert.equal(again.body.error.code, 'marker_removed')
      assert.equal(again.body.error.rule, 'K3')
    }
    assert.deepEqual(await stored(), before)
  })

  test('K3: bad input gets 422 with a message for each field and stores nothing', async () => {
    const { markerId } = await overdueMarker('Bea Badinput')
    const reason = 'Still needed.'
    const cases: [unknown, Record<string, RegExp>][] = [
      [{ outcome: 'continue', reviewOn: '2027-06-01' }, { reason: /Enter the reason/ }],
      [{ outcome: 'continue', reason: '   ', reviewOn: '2027-06-01' }, { reason: /Enter the reason/ }],
      [{ outcome: 'remove' }, { reason: /Enter why the marker is no longer needed/ }],
      [{ outcome: 'continue', reason }, { reviewOn: /Enter the next review date/ }],
      [{ outcome: 'continue', reason, reviewOn: TODAY }, { reviewOn: /must be in the future/ }],
      [{ outcome: 'continue', reason, reviewOn: '2026-12-01' }, { reviewOn: /must be in the future/ }],
      [{ outcome: 'continue', reason, reviewOn: '2029-01-05' }, { reviewOn: /on or before 4 January 2029/ }],
      [{ outcome: 'amend', reason, reviewOn: '2027-06-01' }, { precautions: /Enter the new precautions/ }],
      [
        { outcome: 'amend', reason, reviewOn: '2027-06-01', precautions: 'Meet only in pairs' },
        { precautions: /the same as the current ones/ },
      ],
      [{ outcome: 'amend', reason, precautions: 'Phone only' }, { reviewOn: /Enter the next review date/ }],
      [
        { outcome: 'continue', reason, reviewOn: '2027-06-01', precautions: 'Phone only' },
        { precautions: /amend the marker instead/ },
      ],
      [{ outcome: 'remove', reason, reviewOn: '2027-06-01' }, { reviewOn: /A removed marker has no review date/ }],
      [{ outcome: 'amend' }, { reviewOn: /Enter the next/, precautions: /Enter the new/, reason: /Enter the reason/ }],
    ]
    const before = await stored()
    for (const [body, expected] of cases) {
      const response = await review(markerId, body)
      const label = JSON.stringify(body)
      assert.equal(response.status, 422, label)
      assert.equal(response.body.error.rule, 'K3', label)
      assert.deepEqual(Object.keys(response.body.error.fields).sort(), Object.keys(expected).sort(), label)
      for (const [field, message] of Object.entries(expected)) assert.match(response.body.error.fields[field], message)
    }
    // Not the contract's shape at all: 400, as everywhere else.
    assert.equal((await review(markerId, { outcome: 'delete', reason })).status, 400)
    assert.equal((await review(markerId, { outcome: 'continue', reason, reviewOn: '2027-02-30' })).status, 400)
    assert.deepEqual(await stored(), before)
    const marker = await rowWhere(t, 'safety_marker', { id: markerId })
    assert.deepEqual(
      [marker.review_on, marker.precautions, marker.removed_at],
      ['2026-12-31', 'Meet only in pairs', null],
    )
    // The last day allowed, two years from today, is accepted.
    assert.equal(
      ok<{ reviewOn: string }>(await review(markerId, { outcome: 'continue', reason, reviewOn: '2029-01-04' }))
        .reviewOn,
      '2029-01-04',
    )
  })

  test('K3: front-line staff get 403, and so does anyone who does not manage markers; an unknown marker is 404', async () => {
    const { markerId } = await overdueMarker('Fred Frontline')
    const before = await stored()
    const body = { outcome: 'continue', reason: 'Still needed.', reviewOn: '2027-06-01' }
    for (const as of [c.frontline, c.chief, c.reviewer]) assert.equal((await review(markerId, body, as)).status, 403)
    assert.deepEqual(await stored(), before)
    assert.equal((await review('00000000-0000-4000-8000-000000000000', body)).status, 404)
    assert.equal((await review('not-a-marker', body)).status, 400)
    assert.equal((await review(markerId, body, c.head)).status, 201, 'a Head of Service manages markers too')
  })
})

describe('the review page', () => {
  const reviewForm = (over: Record<string, string> = {}) => ({
    outcome: 'continue',
    ...dateFields('reviewOn', 1, 7, 2027),
    precautions: '',
    reason: 'Nothing has happened since November; keep it for six months.',
    ...over,
  })

  test('K3: GET shows the marker, who added it, its past reviews and the form; the view is recorded', async () => {
    const { markerId } = await overdueMarker('Pam Page')
    ok(
      await review(markerId, { outcome: 'continue', reason: 'Checked with the team.', reviewOn: '2027-01-20' }, c.head),
    )
    const { browser, staff } = await signedIn(t, ['case_officer'])
    const page = await browser.get(`/safety-markers/${markerId}/review`)
    assert.equal(page.statusCode, 200)
    const text = pageText(page.body)
    assert.match(text, /Pam Page Review the safety marker/)
    assert.match(text, /Precautions staff must take Meet only in pairs/)
    assert.match(text, /Why it was added Threats on 2 November/)
    assert.match(text, /Review due 20 January 2027/)
    assert.match(text, new RegExp(`Added by ${c.officer.staff.name} on \\d{1,2} \\w+ \\d{4}`))
    assert.match(
      text,
      /Past reviews Reviewed on 4 January 2027 Outcome Continued unchanged Reason Checked with the team/,
    )
    assert.match(text, new RegExp(`Next review 20 January 2027 Reviewed by ${c.head.staff.name}`))
    assert.match(
      text,
      /What is the outcome of the review\? .*Continue it unchanged .*Amend the precautions .*Remove it/,
    )
    // Without JavaScript, the fields of each outcome are their own fieldsets, all on the page.
    assert.match(text, /If it continues or is amended: the next review date/)
    assert.match(text, /If it is amended: the new precautions/)
    assert.equal((page.body.match(/<fieldset/g) ?? []).length, 3)
    assert.match(page.body, /<textarea[^>]*name="precautions"[^>]*>\s*Meet only in pairs<\/textarea>/, 'ready to amend')
    const views = await rowsWhere(t, 'audit_entry', { action: 'safety_marker.viewed', actor_id: staff.id })
    assert.deepEqual(
      views.map((v) => [v.object_id, v.after]),
      [[markerId, { where: 'review' }]],
    )
  })

  test('K3: the person page and the due list link to the review for those who manage markers, not for others', async () => {
    const { personId, markerId } = await overdueMarker('Lena Link')
    const href = `href="/safety-markers/${markerId}/review"`
    const officer = await signedIn(t, ['case_officer'])
    assert.ok((await officer.browser.get(`/people/${personId}`)).body.includes(href))
    assert.ok((await officer.browser.get('/due?kind=safety_marker')).body.includes(href))
    const frontline = await signedIn(t, ['frontline'])
    assert.ok(!(await frontline.browser.get(`/people/${personId}`)).body.includes(href))
    assert.equal((await frontline.browser.get(`/safety-markers/${markerId}/review`)).statusCode, 403)
    assert.equal(
      (await officer.browser.get('/safety-markers/00000000-0000-4000-8000-000000000000/review')).statusCode,
      404,
    )
  })

  test('K3: POST with errors shows the GOV.UK error summary in page order and stores nothing', async () => {
    const { markerId } = await overdueMarker('Eve Errors')
    const { browser } = await signedIn(t, ['case_officer'])
    const url = `/safety-markers/${markerId}/review`
    await browser.get(url)
    const before = await rowCounts(t, ['safety_marker_review'])

    const empty = await browser.post(url, {})
    assert.equal(empty.statusCode, 422)
    assert.match(
      pageText(empty.body),
      /There is a problem Select whether the marker continues, is amended or is removed Enter the reason/,
    )
    assert.ok(empty.body.includes('href="#outcome"') && empty.body.includes('href="#reason"'))

    const amend = await browser.post(
      url,
      reviewForm({ outcome: 'amend', ...dateFields('reviewOn', 3, 1, 2027), reason: '' }),
    )
    assert.equal(amend.statusCode, 422)
    const summary =
      pageText(amend.body).match(/There is a problem (.*?) Eve Errors Review the safety marker/)?.[1] ?? ''
    assert.equal(
      summary,
      'The next review date must be in the future Enter the new precautions staff must take Enter the reason for your decision, for example what has happened since the marker was last reviewed',
    )
    assert.ok(amend.body.indexOf('href="#reviewOn-day"') < amend.body.indexOf('href="#precautions"'))
    assert.match(amend.body, /<title>Error: /)

    const unreal = await browser.post(url, reviewForm({ ...dateFields('reviewOn', 30, 2, 2027) }))
    assert.match(pageText(unreal.body), /The next review date must be a real date/)
    const far = await browser.post(url, reviewForm({ ...dateFields('reviewOn', 1, 2, 2030) }))
    assert.match(
      pageText(far.body),
      /The next review date must be on or before 4 January 2029, within 2 years of today/,
    )
    assert.deepEqual(await rowCounts(t, ['safety_marker_review']), before)
  })

  test('K3: POST ok goes back to the person page with a banner; once removed, the page offers no form (409)', async () => {
    const { personId, markerId } = await overdueMarker('Otto Okay')
    const { browser } = await signedIn(t, ['head_of_service'])
    const url = `/safety-markers/${markerId}/review`
    await browser.get(url)

    const continued = await browser.post(url, reviewForm())
    assert.equal(continued.statusCode, 303)
    assert.equal(continued.headers.location, `/people/${personId}?done=safety-marker-continue`)
    const person = pageText((await browser.get(continued.headers.location ?? '')).body)
    assert.match(person, /Safety marker reviewed: it continues unchanged, with a new review date/)
    assert.match(person, /Review by 1 July 2027/)

    await browser.get(url)
    const amended = await browser.post(url, reviewForm({ outcome: 'amend', precautions: 'Phone contact only' }))
    assert.equal(amended.headers.location, `/people/${personId}?done=safety-marker-amend`)
    assert.match(pageText((await browser.get(amended.headers.location ?? '')).body), /Staff safety: Phone contact only/)

    // A date still typed in when "remove" is chosen is not part of a removal: the fields of another outcome are ignored.
    await browser.get(url)
    const removed = await browser.post(url, reviewForm({ outcome: 'remove', reason: 'Moved out of the area.' }))
    assert.equal(removed.headers.location, `/people/${personId}?done=safety-marker-remove`)
    const after = (await browser.get(removed.headers.location ?? '')).body
    assert.match(pageText(after), /Safety marker removed. Staff are no longer shown it./)
    assert.ok(!after.includes('data-qa="safety-marker"'))
    const rows = await rowsWhere(t, 'safety_marker_review', { safety_marker_id: markerId })
    assert.deepEqual(rows.map((r) => r.outcome).sort(), ['amend', 'continue', 'remove'])

    const page = await browser.get(url)
    assert.equal(page.statusCode, 200)
    assert.match(pageText(page.body), /This safety marker was removed on 4 January 2027/)
    assert.match(pageText(page.body), /Why it was removed Moved out of the area/)
    assert.ok(!page.body.includes('name="outcome"'), 'no form')
    assert.equal((await browser.post(url, reviewForm())).statusCode, 409)
  })
})
