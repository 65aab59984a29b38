import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { apiAs, createStaff, openAs, pageText, signedIn } from '../../../test/helpers/app.ts'
import { auditActions, latestAudit, rowCount, rowWhere } from '../../../test/helpers/rows.ts'
import { caseBody, procedureApp } from '../../../test/helpers/procedure.ts'

// F1 "the relevant Head of Service" (issue 11): staff users belong to services, and a Head of Service opens a case only
// for one of their own services. An administrator sets a staff user's services, audited (K4).

const { t, c } = await procedureApp()
after(() => t.close())

const notTheirs =
  'You are Head of Service for Waste: a case about Parking is opened by the Head of Service for Parking, or an administrator can add Parking to your services'

/** A case about `service` for a person with history, asked for by `head` through the API. */
async function openFor(head: Awaited<ReturnType<typeof apiAs>>, service: string) {
  const p = await c.personWithHistory()
  return { p, response: await head.post('/api/v1/cases', { ...caseBody(p.personId, [p.incidentId]), service }) }
}

/** The form the case-opening page posts, about `service`. */
const caseForm = (p: { incidentId: string }, service: string) => ({
  service,
  reason: 'Abuse of staff continued after business-as-usual measures.',
  businessAsUsualMeasures: 'One officer handled every call for three months.',
  incidentIds: [p.incidentId],
  adjustmentsConsidered: 'None recorded; asked on 1 October whether any were needed.',
})

describe('F1: a Head of Service opens cases only for their own services', () => {
  test('F1: a Head of Service for Waste opens a Waste case but is refused a Parking case: nothing stored, nothing audited', async () => {
    const head = await apiAs(t, ['head_of_service'], { services: ['Waste'] })
    const waste = await openFor(head, 'Waste')
    assert.equal(waste.response.status, 201)

    const p = await c.personWithHistory()
    const cases = await rowCount(t, 'procedure_case')
    const trail = await auditActions(t)
    const parking = await head.post('/api/v1/cases', { ...caseBody(p.personId, [p.incidentId]), service: 'Parking' })
    assert.equal(parking.status, 403)
    assert.equal(parking.body.error.rule, 'F1')
    assert.equal(parking.body.error.code, 'not_head_of_service')
    assert.equal(parking.body.error.message, notTheirs)
    assert.equal(await rowCount(t, 'procedure_case'), cases, 'no case is stored')
    assert.deepEqual(await auditActions(t), trail, 'no audit entry for the refusal')
  })

  test('F1: several services are named in the refusal, in order', async () => {
    const head = await apiAs(t, ['head_of_service'], { services: ['Waste', 'Housing'] })
    const { response } = await openFor(head, 'Parking')
    assert.equal(response.status, 403)
    assert.match(response.body.error.message, /^You are Head of Service for Housing and Waste: a case about Parking/)
  })

  test('F1: the service is compared case-insensitively and trimmed; the case keeps the recorded spelling', async () => {
    const head = await apiAs(t, ['head_of_service'], { services: ['Council tax'] })
    const { p, response } = await openFor(head, '  COUNCIL TAX ')
    assert.equal(response.status, 201)
    const kase = await rowWhere(t, 'procedure_case', { person_id: p.personId })
    assert.equal(kase.service, 'Council tax')
    const opened = await latestAudit(t, 'case.opened')
    assert.equal((opened.after as { service: string }).service, 'Council tax')
  })

  test('F1: an administrator adds Parking to their services (audited), and then the Parking case is allowed', async () => {
    const head = await apiAs(t, ['head_of_service'], { services: ['Waste'] })
    assert.equal((await openFor(head, 'Parking')).response.status, 403)

    const { browser, staff: admin } = await signedIn(t, ['admin'])
    const form = await browser.get(`/staff/${head.staff.id}/services`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /name="services" type="checkbox" value="Waste" checked/, 'their service is ticked')
    const saved = await browser.post(`/staff/${head.staff.id}/services`, {
      services: ['Waste'],
      newService: ' Parking ',
      reason: 'Helen now also leads the parking team',
    })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `/staff/${head.staff.id}?done=services`)
    const entry = await latestAudit(t, 'staff_user.services_changed')
    assert.equal(entry.actor_id, admin.id)
    assert.equal(entry.object_id, head.staff.id)
    assert.equal(entry.reason, 'Helen now also leads the parking team')
    assert.deepEqual(entry.before, { services: ['Waste'] })
    assert.deepEqual(entry.after, { services: ['Parking', 'Waste'] })
    const page = pageText((await browser.get(`/staff/${head.staff.id}?done=services`)).body)
    assert.match(page, /Services changed/)
    assert.match(page, /Services Parking Waste Change services/)

    const { response } = await openFor(head, 'parking')
    assert.equal(response.status, 201)
  })

  test('F1: a Head of Service with no services is refused, told that an administrator must set them first', async () => {
    const head = await apiAs(t, ['head_of_service'], { services: [] })
    const cases = await rowCount(t, 'procedure_case')
    const { response } = await openFor(head, 'Waste')
    assert.equal(response.status, 403)
    assert.equal(response.body.error.rule, 'F1')
    assert.equal(response.body.error.code, 'no_services')
    assert.match(response.body.error.message, /No services are recorded for you, so you cannot open a case yet/)
    assert.match(response.body.error.message, /An administrator must add your services first/)
    assert.equal(await rowCount(t, 'procedure_case'), cases)
  })
})

describe('F1: the case-opening page', () => {
  test('F1: offers only the Head of Service’s own services, as a choice', async () => {
    const p = await c.personWithHistory()
    const url = `/people/${p.personId}/cases/new`
    const { page } = await openAs(t, ['head_of_service'], url)
    assert.match(page.body, /name="service" type="radio" value="Waste" checked/, 'their one service is chosen')

    const both = await signedIn(t, ['head_of_service'], { services: ['Waste', 'Housing'] })
    const form = await both.browser.get(url)
    const offered = [...form.body.matchAll(/name="service" type="radio" value="([^"]+)"/g)].map((m) => m[1])
    assert.deepEqual(offered, ['Housing', 'Waste'])
    assert.doesNotMatch(form.body, /name="service" type="radio" value="[^"]+" checked/, 'none chosen among two')
    assert.match(pageText(form.body), /You are Head of Service for Housing and Waste/)
    assert.doesNotMatch(form.body, /type="text"[^>]*name="service"|name="service"[^>]*type="text"/, 'no text box')

    const none = await both.browser.post(url, { ...caseForm(p, ''), service: null })
    assert.equal(none.statusCode, 422)
    assert.match(none.body, /href="#service">Select the service the case is about/)
  })

  test('F1: a service that is not theirs is refused on the form as a GOV.UK error, and nothing is stored', async () => {
    const p = await c.personWithHistory()
    const { browser } = await openAs(t, ['head_of_service'], `/people/${p.personId}/cases/new`)
    const cases = await rowCount(t, 'procedure_case')
    const response = await browser.post(`/people/${p.personId}/cases/new`, caseForm(p, 'Parking'))
    assert.equal(response.statusCode, 422)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#service">You are Head of Service for Waste: a case about Parking/)
    assert.match(pageText(response.body), new RegExp(`${notTheirs} \\(rule F1\\)`))
    assert.match(response.body, /Abuse of staff continued/, 'what was typed is kept')
    assert.equal(await rowCount(t, 'procedure_case'), cases)
  })

  test('F1: with no services, the page says why they cannot open a case and who can fix it', async () => {
    const p = await c.personWithHistory()
    const url = `/people/${p.personId}/cases/new`
    await createStaff(t, ['admin'], { name: 'Sam Taylor' })
    const head = await signedIn(t, ['head_of_service'], { services: [] })
    const form = await head.browser.get(url)
    assert.equal(form.statusCode, 200)
    const text = pageText(form.body)
    assert.match(text, /You cannot open a case yet/)
    assert.match(text, /No services are recorded for you/)
    assert.match(text, /an administrator must first add your services/)
    assert.match(text, /Ask an administrator: .*Sam Taylor/)
    assert.doesNotMatch(form.body, /data-qa="open-case"/, 'no form to fill in')

    // A form posted anyway (say, from an older page) is refused above the form, with the same explanation.
    const refused = await head.browser.post(url, caseForm(p, 'Waste'))
    assert.equal(refused.statusCode, 422)
    assert.match(pageText(refused.body), /There is a problem No services are recorded for you.*\(rule F1\)/)
  })
})

describe('F1: administrators set a staff user’s services', () => {
  test('the staff page shows their services, and warns when a Head of Service has none', async () => {
    const { browser } = await signedIn(t, ['admin'])
    const head = await createStaff(t, ['head_of_service'], { services: [] })
    const page = await browser.get(`/staff/${head.id}`)
    assert.match(page.body, new RegExp(`href="/staff/${head.id}/services"`))
    assert.match(
      pageText(page.body),
      /is a Head of Service with no services recorded, so they cannot open a case \(F1\)/,
    )
    const officer = await createStaff(t, ['case_officer'], { services: ['Housing'] })
    const other = pageText((await browser.get(`/staff/${officer.id}`)).body)
    assert.match(other, /Services Housing Change services/)
    assert.doesNotMatch(other, /no services recorded/)
  })

  test('the form offers the services named on matters, cases and staff; checks what is posted; escapes names', async () => {
    const { browser } = await signedIn(t, ['admin'])
    await createStaff(t, ['case_officer'], { services: ['Adult Social Care'] })
    const head = await createStaff(t, ['head_of_service'], { services: [] })
    const form = await browser.get(`/staff/${head.id}/services`)
    for (const service of ['Adult Social Care', 'Waste'])
      assert.match(form.body, new RegExp(`name="services" type="checkbox" value="${service}"`), service)
    assert.match(pageText(form.body), /a Head of Service with no services recorded, so they cannot open a case/)

    const before = await auditActions(t)
    const noReason = await browser.post(`/staff/${head.id}/services`, { services: 'Waste', reason: '' })
    assert.equal(noReason.statusCode, 422)
    assert.match(noReason.body, /href="#reason">Enter why the services are changing/)
    assert.match(noReason.body, /name="services" type="checkbox" value="Waste" checked/, 'what was ticked is kept')
    const tooLong = await browser.post(`/staff/${head.id}/services`, { newService: 'x'.repeat(201), reason: 'New' })
    assert.equal(tooLong.statusCode, 422)
    assert.match(tooLong.body, /href="#newService">The service to add must be 200 characters or fewer/)
    assert.deepEqual(await auditActions(t), before, 'nothing is recorded')

    const saved = await browser.post(`/staff/${head.id}/services`, {
      services: ['Waste', 'waste'],
      newService: '<b>Parks</b>',
      reason: 'New head of the waste and parks teams',
    })
    assert.equal(saved.statusCode, 303)
    assert.deepEqual((await latestAudit(t, 'staff_user.services_changed')).after, {
      services: ['<b>Parks</b>', 'Waste'],
    })
    const page = (await browser.get(`/staff/${head.id}`)).body
    assert.match(page, /&lt;b&gt;Parks&lt;\/b&gt;/)
    assert.doesNotMatch(page, /<b>Parks<\/b>/)
  })

  test('only an administrator may change services (K6)', async () => {
    const head = await createStaff(t, ['head_of_service'])
    const { browser } = await signedIn(t, ['head_of_service'])
    assert.equal((await browser.get(`/staff/${head.id}/services`)).statusCode, 403)
    assert.equal(
      (await browser.post(`/staff/${head.id}/services`, { services: 'Parking', reason: 'x' })).statusCode,
      403,
    )
  })
})
