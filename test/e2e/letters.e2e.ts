// Letters are sent, and the record knows (issue 14, F9), in the browser on the demo council without GOV.UK Notify:
// the print queue, a letter marked posted, and a letter Notify reports returned, on its page and on the due list.
// axe-core on every page.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Browser } from 'playwright-core'
import { hashPassword } from '../../src/web/credentials.ts'
import { fillWithDemo } from '../../src/features/demo/demo.ts'
import { launchBrowser, navigate, pageChecker, PASSWORD, signedInAsRole, startApp, type RunningApp } from './support.ts'

const CALLBACK_TOKEN = 'the-callback-token-notify-sends-in-the-e2e-tests'
let running: RunningApp
let browser: Browser
const checkPage = pageChecker('letters')

describe('sending letters on the demo council', { timeout: 300_000 }, () => {
  before(async () => {
    ;[running, browser] = await Promise.all([startApp({ NOTIFY_CALLBACK_TOKEN: CALLBACK_TOKEN }), launchBrowser()])
    await fillWithDemo(running.services.db, running.services.config)
    await running.services.db
      .updateTable('staff_user')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .execute()
  })

  after(async () => {
    await browser?.close()
    await running?.close()
  })

  test('F9: the print queue, a letter marked posted, and a returned letter on its page and on the due list (JavaScript off)', async () => {
    const { problems, page } = await signedInAsRole(running, browser, 'case_officer', { javaScriptEnabled: false })
    await page.goto(`${running.baseUrl}/letters/print-queue`)
    await checkPage(page, 'print-queue')
    const rows = page.locator('[data-qa="print-item"]')
    const waiting = await rows.count()
    assert.ok(waiting >= 2, `the demo's letters by post wait to be printed: ${waiting}`)
    const first = rows.first()
    const reference = (await first.locator('a').first().textContent())?.trim() ?? ''
    assert.match(reference, /^LTR-\d{4}-\d{6}$/)
    await navigate(page, () => first.locator('[data-qa="mark-posted"]').click())
    assert.match(
      (await page.locator('[data-qa="done"]').textContent()) ?? '',
      new RegExp(`${reference} marked as posted`),
    )
    assert.equal(await rows.count(), waiting - 1)
    await checkPage(page, 'print-queue-posted')

    // The next letter in the queue is returned, as Notify's callback would say, and is due at once.
    const next = rows.first()
    const href = (await next.locator('a').first().getAttribute('href')) ?? ''
    const letterId = href.replace('/letters/', '')
    const callback = await fetch(`${running.baseUrl}/api/v1/notify/callbacks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CALLBACK_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ notification_id: crypto.randomUUID(), reference: letterId }),
    })
    assert.equal(callback.status, 200)
    await page.goto(`${running.baseUrl}${href}`)
    assert.match((await page.locator('[data-qa="delivery-status"]').textContent()) ?? '', /Returned/)
    assert.match((await page.locator('[data-qa="delivery-problem"]').textContent()) ?? '', /did not reach/)
    await checkPage(page, 'letter-returned')
    await page.goto(`${running.baseUrl}/due?kind=letter`)
    assert.match((await page.locator('main').textContent()) ?? '', /was returned: write to the person again/)
    await checkPage(page, 'due-letters')
    problems.assertNone()
  })
})
