import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import type { KyselyPlugin } from 'kysely'
import { pageText, signedIn } from '../../../test/helpers/app.ts'
import { procedureApp } from '../../../test/helpers/procedure.ts'
import { rowCount } from '../../../test/helpers/rows.ts'
import { restrictionTagsOf } from './restriction-tags.ts'

// Issue 13: lists of people say who is restricted, for which services (F6), and who has a staff-safety marker (K3),
// without opening each record; in one query per list, not one per person.

const { t, c } = await procedureApp()
after(() => t.close())

const PHONE = '07700 900456' // every person the cast adds has this number
const marker = {
  precautions: 'Never visit alone: go in pairs',
  reason: 'Threatened an officer with a dog',
  reviewOn: '2027-06-01',
}

const twoServices = await c.restrictedCase({
  fullName: 'Pat Parking',
  restrictions: [
    { type: 'contact_method', channels: ['letter'], scope: { services: ['Parking'] } },
    { type: 'contact_method', channels: ['email'], scope: { services: ['Waste', 'parking '] } },
  ],
})
const councilWide = await c.restrictedCase({
  fullName: 'Cora Council',
  restrictions: [{ type: 'contact_method', channels: ['letter'], scope: { councilWide: true } }],
})
await c.safetyMarker(councilWide.personId, marker)
const markerOnly = await c.personWithHistory({ fullName: 'Mark Marker' })
await c.safetyMarker(markerOnly.personId, marker)
const nothing = await c.personWithHistory({ fullName: 'Nora None' })
const notYet = await c.restrictedCase({ fullName: 'Wally Waiting', notice: false })

/** The search result row of a name, as the person reads it. */
const rowOf = (html: string, name: string) =>
  pageText(
    [...html.matchAll(/<tr class="govuk-table__row">[\s\S]*?<\/tr>/g)].find((m) => m[0].includes(name))?.[0] ?? '',
  )

describe('restriction tags in lists of people (issue 13)', () => {
  test('F6, K3: restrictionTagsOf gives each person the services restricted (or the whole council) and a marker, in one query', async () => {
    let queries = 0
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        queries += 1
        return args.result
      },
    }
    const ids = [twoServices, councilWide, markerOnly, nothing, notYet].map((p) => p.personId)
    const unknown = '00000000-0000-4000-8000-000000000000'
    const tags = await restrictionTagsOf(t.services.db.withPlugin(counting), [...ids, unknown], '2027-01-04')
    assert.equal(queries, 1)
    assert.deepEqual(tags.get(twoServices.personId), { services: ['Parking', 'Waste'], safetyMarker: false })
    assert.deepEqual(tags.get(councilWide.personId), { services: 'council', safetyMarker: true })
    assert.deepEqual(tags.get(markerOnly.personId), { services: [], safetyMarker: true })
    assert.deepEqual(tags.get(nothing.personId), { services: [], safetyMarker: false })
    // F9: approved, but not in force until the letter is issued.
    assert.deepEqual(tags.get(notYet.personId), { services: [], safetyMarker: false })
    assert.equal(tags.has(unknown), false)
    // F7: after the end date nothing is in force; the marker stays until it is removed.
    const later = await restrictionTagsOf(t.services.db, ids, '2028-01-01')
    assert.deepEqual(later.get(councilWide.personId), { services: [], safetyMarker: true })
    assert.equal((await restrictionTagsOf(t.services.db, [], '2027-01-04')).size, 0)
  })

  test('F6, K3, K7: search results show "Restricted" with the services and "Safety marker", without the marker itself; no view is recorded', async () => {
    const { browser } = await signedIn(t, ['frontline'])
    const entriesBefore = await rowCount(t, 'audit_entry')
    const page = await browser.get(`/people?q=${encodeURIComponent(PHONE)}`)
    assert.equal(page.statusCode, 200)
    assert.match(rowOf(page.body, 'Pat Parking'), /Pat Parking Restricted: Parking, Waste Phone number/)
    assert.match(rowOf(page.body, 'Cora Council'), /Cora Council Restricted: whole council Safety marker Phone number/)
    assert.match(rowOf(page.body, 'Mark Marker'), /Mark Marker Safety marker Phone number/)
    assert.doesNotMatch(rowOf(page.body, 'Mark Marker'), /Restricted/)
    for (const name of ['Nora None', 'Wally Waiting'])
      assert.match(rowOf(page.body, name), new RegExp(`${name} Phone number`), name)
    // K3: the list names no precautions or reason, so it is not a view of the marker and records none.
    assert.doesNotMatch(page.body, /Never visit alone|Threatened an officer/)
    assert.equal(await rowCount(t, 'audit_entry'), entriesBefore)
  })
})
