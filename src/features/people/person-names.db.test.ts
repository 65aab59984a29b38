import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { apiAs, signedIn, testApp } from '../../../test/helpers/app.ts'
import { rowCount } from '../../../test/helpers/rows.ts'

// Issue 12, item 12: hidden text-direction characters (U+202E and the other bidirectional controls) make a name show
// in a different order from how it is stored and searched: "Ann\u202Eeoj" shows as "Annjoe". They are refused with a
// message, never stripped, since nothing a person typed is silently changed. Names in right-to-left scripts are kept.

const t = await testApp()
after(() => t.close())

const hidden = ['\u202E', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069']
const marks = ['\u200E', '\u200F', '\u061C']

test('the API refuses a name or other name with a hidden text-direction character, naming the field; nothing is stored', async () => {
  const caseOfficer = await apiAs(t, ['case_officer'])
  const before = await rowCount(t, 'person')
  for (const control of [...hidden, ...marks]) {
    const name = await caseOfficer.post('/api/v1/people', { fullName: `Ann${control}eoj Smith` })
    assert.equal(name.status, 400, `U+${control.charCodeAt(0).toString(16)}`)
    assert.equal(
      name.body.error.fields.fullName,
      'The person’s full name must not contain hidden text-direction characters. Retype it',
    )
  }
  const alias = await caseOfficer.post('/api/v1/people', { fullName: 'Ann Smith', aliases: ['Annie', 'A\u2067nn'] })
  assert.equal(alias.status, 400)
  assert.equal(
    alias.body.error.fields['aliases.1'],
    'An alias must not contain hidden text-direction characters. Retype it',
  )
  assert.equal(await rowCount(t, 'person'), before)

  const rightToLeft = await caseOfficer.post('/api/v1/people', { fullName: 'נועה כהן', aliases: ['نور الهدى'] })
  assert.equal(rightToLeft.status, 201)
  const stored = await caseOfficer.get(`/api/v1/people/${rightToLeft.body.id}`)
  assert.equal(stored.body.fullName, 'נועה כהן')
  assert.deepEqual(stored.body.aliases, ['نور الهدى'])
})

test('the add-a-person page says so against the field, keeps what was typed, and stores nothing', async () => {
  const { browser } = await signedIn(t, ['frontline'])
  await browser.get('/people/new')
  const before = await rowCount(t, 'person')
  const response = await browser.post('/people/new', { fullName: 'Ann\u202Eeoj', aliases: 'Annie\nJo\u200Fe' })
  assert.equal(response.statusCode, 422)
  assert.match(
    response.body,
    /href="#fullName">The person’s full name must not contain hidden text-direction characters\. Retype it/,
  )
  assert.match(response.body, /href="#aliases">Line 2: An alias must not contain hidden text-direction characters/)
  assert.ok(response.body.includes('value="Ann\u202Eeoj"'), 'what was typed is kept in the field')
  assert.equal(await rowCount(t, 'person'), before)
})
