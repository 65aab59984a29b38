import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { pageText, signedIn, testApp } from '../../../test/helpers/app.ts'
import { multipartBody } from '../../../test/helpers/multipart.ts'
import { auditActions, latestAudit } from '../../../test/helpers/rows.ts'

// Issue 12, item 12, on the other upload form: more fields than the form has is said as such, not as a file too
// large, and an uploaded file's name is kept without hidden text-direction characters.

const t = await testApp()
after(() => t.close())

let browser: Awaited<ReturnType<typeof signedIn>>['browser']
before(async () => {
  ;({ browser } = await signedIn(t, ['admin']))
  await browser.get('/bank-holidays')
})

const govUk = JSON.stringify({
  'england-and-wales': { division: 'england-and-wales', events: [{ date: '2031-01-01', title: 'New Year’s Day' }] },
})

function upload(fields: Record<string, string>, filename: string) {
  const { payload, contentType } = multipartBody({ _csrf: browser.csrf, ...fields }, { filename, content: govUk })
  return t.app.inject({
    method: 'POST',
    url: '/bank-holidays',
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
    payload,
  })
}

test('a form with more fields than it has is told so, not that the file is too large; nothing changes', async () => {
  const audited = (await auditActions(t)).length
  const response = await upload({ a: '1', b: '2', c: '3' }, 'bank-holidays.json')
  const text = pageText(response.body)
  assert.match(text, /The form was sent with more fields than it has, so nothing was saved/)
  assert.doesNotMatch(text, /must be smaller than/)
  assert.equal((await auditActions(t)).length, audited)
})

test('the uploaded file’s name is recorded without hidden text-direction characters', async () => {
  const response = await upload({}, 'bank-holidays\u202Enosj.exe\u2069.json')
  assert.equal(response.statusCode, 303)
  const entry = await latestAudit(t, 'bank_holidays.loaded')
  assert.equal(entry.reason, 'Loaded from bank-holidaysnosj.exe.json (GOV.UK bank holidays)')
})
