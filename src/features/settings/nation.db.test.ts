import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { pageText, signedIn, testApp, type Browser } from '../../../test/helpers/app.ts'
import { multipartBody } from '../../../test/helpers/multipart.ts'

// Issue 14: the nation an administrator sets decides which of GOV.UK's bank holiday divisions is loaded (F8, F10:
// working-day deadlines); Scotland and Northern Ireland have their own.

const t = await testApp()
after(() => t.close())

let admin: Browser
before(async () => {
  ;({ browser: admin } = await signedIn(t, ['admin']))
})

const govUk = JSON.stringify({
  'england-and-wales': {
    division: 'england-and-wales',
    events: [{ date: '2031-08-25', title: 'Summer bank holiday' }],
  },
  scotland: {
    division: 'scotland',
    events: [
      { date: '2031-01-02', title: '2nd January' },
      { date: '2031-08-04', title: 'Summer bank holiday' },
    ],
  },
  'northern-ireland': { division: 'northern-ireland', events: [{ date: '2031-03-17', title: 'St Patrick’s Day' }] },
})

async function upload() {
  await admin.get('/bank-holidays')
  const { payload, contentType } = multipartBody(
    { _csrf: admin.csrf },
    { filename: 'bank-holidays.json', content: govUk },
  )
  return t.app.inject({
    method: 'POST',
    url: '/bank-holidays',
    headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
    payload,
  })
}

const held2031 = async () =>
  (
    await t.services.db
      .selectFrom('bank_holiday')
      .select('on')
      .where('on', '>=', '2031-01-01')
      .where('on', '<=', '2031-12-31')
      .orderBy('on')
      .execute()
  ).map((h) => h.on)

test('England by default: the England and Wales division is loaded', async () => {
  assert.match(pageText((await admin.get('/bank-holidays')).body), /these England and Wales bank holidays/)
  assert.equal((await upload()).statusCode, 303)
  assert.deepEqual(await held2031(), ['2031-08-25'])
})

test('a council set to Scotland loads Scotland’s bank holidays from the same file', async () => {
  await admin.get('/settings/nation')
  assert.equal((await admin.post('/settings/nation', { nation: 'scotland' })).statusCode, 303)
  assert.match(pageText((await admin.get('/bank-holidays')).body), /these Scotland bank holidays/)
  assert.equal((await upload()).statusCode, 303)
  assert.deepEqual(await held2031(), ['2031-01-02', '2031-08-04'])
})

test('a council set to Northern Ireland loads Northern Ireland’s', async () => {
  await admin.get('/settings/nation')
  assert.equal((await admin.post('/settings/nation', { nation: 'northern_ireland' })).statusCode, 303)
  assert.equal((await upload()).statusCode, 303)
  assert.deepEqual(await held2031(), ['2031-03-17'])
})
