// At the moment of contact, the answer never misleads (issue 13), in the browser on the demo council, without
// JavaScript, axe-core on every page: a service-scoped restriction with no service chosen (F6), a matter reference
// typed in the box (F11), two records sharing a phone number, one with a staff-safety marker (P4, K3), and a new FOI
// request from someone limited to letters (S3).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { fillWithDemo } from '../../src/features/demo/demo.ts'
import { createPerson } from '../../src/features/people/people.service.ts'
import { addSafetyMarker } from '../../src/features/safety-markers/safety-markers.service.ts'
import { hashPassword } from '../../src/web/credentials.ts'
import { launchBrowser, pageChecker, PASSWORD, signedInAsRole, startApp, type RunningApp } from './support.ts'

let running: RunningApp
let browser: Browser
const checkPage = pageChecker('never-misleads')
const frontline = () => signedInAsRole(running, browser, 'frontline', { javaScriptEnabled: false })
const go = (page: Page, path: string) => page.goto(`${running.baseUrl}${path}`)
const main = (page: Page) => page.locator('main').innerText()

describe('the contact check never misleads, on the demo council', { timeout: 300_000 }, () => {
  let garyMatter = ''
  before(async () => {
    ;[running, browser] = await Promise.all([startApp(), launchBrowser()])
    const { db } = running.services
    await fillWithDemo(db, running.services.config)
    await db
      .updateTable('staff_user')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .execute()
    const closed = await db
      .selectFrom('matter as m')
      .innerJoin('person as p', 'p.id', 'm.person_id')
      .select('m.reference')
      .where('p.full_name', '=', 'Gary Hollis')
      .where('m.status', '=', 'closed')
      .executeTakeFirstOrThrow()
    garyMatter = closed.reference
    // Two records share a phone number; one of them has a staff-safety marker (P4).
    const actor = { id: null, label: 'test set-up' }
    await db.transaction().execute(async (trx) => {
      const person = (fullName: string, postcode: string) =>
        createPerson(trx, actor, {
          fullName,
          aliases: [],
          emails: [],
          phones: ['+447700900777'],
          addresses: [{ line1: '3 Elm Row', town: 'Northampton', postcode }],
          isCouncillor: false,
          adjustments: [],
        })
      await person('Dana Shared', 'NN3 6AB')
      const marked = await person('Dan Shared', 'NN5 7CD')
      await addSafetyMarker(
        trx,
        actor,
        marked,
        { precautions: 'Never visit alone', reason: 'Threatened an officer at the door', reviewOn: '2099-01-01' },
        new Date(),
      )
    })
  })

  after(async () => {
    await browser?.close()
    await running?.close()
  })

  test('F6: Gary Hollis, restricted for Parking, checked by phone with no service: the question comes first', async () => {
    const { page, problems } = await frontline()
    await go(page, '/check?q=07700+900999&channel=phone')
    assert.equal(await page.locator('[data-qa="verdict-name"]').innerText(), 'Which service is this about?')
    const table = await page.locator('[data-qa="by-service"]').innerText()
    assert.match(table, /About Parking\s+Redirect/)
    assert.match(table, /About anything else\s+Proceed/)
    assert.doesNotMatch(await main(page), /No formal restriction applies/)
    await checkPage(page, 'f6-which-service')
    problems.assertNone()
  })

  test('F11: his closed complaint’s reference typed in the box finds the matter: read and file, in one step', async () => {
    const { page, problems } = await frontline()
    await go(page, `/check?q=${garyMatter}&channel=email`)
    assert.equal(await page.locator('[data-qa="verdict-name"]').innerText(), 'Read and file')
    assert.match(await page.locator('[data-qa="person"]').innerText(), /which is their matter/)
    await checkPage(page, 'f11-reference')
    problems.assertNone()
  })

  test('P4, K3: two records share a phone number, one with a marker: the precautions are shown until staff know who it is', async () => {
    const { page, problems } = await frontline()
    await go(page, '/check?q=07700+900777&channel=in_person')
    assert.equal(await page.locator('[data-qa="verdict-name"]').innerText(), 'We are not sure who this is')
    assert.match(await page.locator('[data-qa="safety-marker"]').innerText(), /Never visit alone/)
    const candidates = await page.locator('[data-qa="candidates"]').innerText()
    assert.match(candidates, /Dana Shared[\s\S]*Postcode NN3/)
    assert.match(candidates, /Dan Shared[\s\S]*Postcode NN5/)
    assert.doesNotMatch(await main(page), /Threatened an officer/, 'K7: never the reason')
    await checkPage(page, 'p4-uncertain-marker')
    problems.assertNone()
  })

  test('S3: a new FOI request from someone limited in how they contact us goes to the FOI process', async () => {
    const { page, problems } = await frontline()
    await go(page, '/check?q=07700+900999&channel=email&service=Parking')
    await page.getByLabel('A new Freedom of Information (FOI) request').check()
    await Promise.all([page.waitForURL(/regarding=foi_request/), page.locator('[data-qa="check"]').last().click()])
    assert.equal(await page.locator('[data-qa="verdict-name"]').innerText(), 'Not this procedure')
    assert.match(await page.locator('[data-qa="script"]').innerText(), /Freedom of Information Act 2000/)
    await checkPage(page, 's3-foi-request')
    problems.assertNone()
  })
})
