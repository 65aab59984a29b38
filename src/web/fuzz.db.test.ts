import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { after, describe, test } from 'node:test'
import fc from 'fast-check'
import { sql } from 'kysely'
import { restrictionTypes } from '../domain/restrictions.ts'
import { roles } from '../domain/roles.ts'
import { apiAs, signedIn, testApp } from '../../test/helpers/app.ts'
import { uploadAs } from '../../test/helpers/multipart.ts'
import { Cast, MONDAY, YEAR, proposalBody } from '../../test/helpers/procedure.ts'

// Issue 12, "Tests and figures": a fuzz test over every API body and every form. Every POST the app registers is sent
// arbitrary bodies (wrong types, lists, nulls, huge strings, odd Unicode, year-0 dates, repeated fields) by a staff
// user who holds every role, against a record with a person, a case, a warning, a restriction, a challenge, letters
// and a safety marker. It must never answer 5xx, and a refused request (4xx) must store nothing: the row count of
// every table is the same before and after. Every GET page is sent arbitrary query strings too (no 5xx).
// FUZZ_RUNS (default 20 a route) and FUZZ_SEED make a longer or different run: FUZZ_RUNS=500 npm run test:db.

const RUNS = Number(process.env.FUZZ_RUNS ?? 20)
const SEED = Number(process.env.FUZZ_SEED ?? 20261205)

// The last error the app logged, to say why a request failed.
let lastError = ''
const log = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string; stack?: string } }
        if ((entry.level ?? 0) >= 50) lastError = `${entry.msg}: ${entry.err?.stack?.split('\n').slice(0, 4).join(' ')}`
      } catch {
        // not a log line
      }
    }
    done()
  },
})

const t = await testApp({ LOG_LEVEL: 'error' }, { logStream: log })
after(() => t.close())
t.clock.now = new Date(MONDAY)

// The record the fuzz works on: every kind of thing a URL can name.
const c = await Cast.of(t)
const restricted = await c.restrictedCase()
await c.challenge('restrictions', restricted.restrictionId, { receivedOn: '2027-01-04', grounds: 'Unfair.' })
await c.challenge('warnings', restricted.warningId, { receivedOn: '2027-01-04', grounds: 'It did not happen.' })
await c.safetyMarker(restricted.personId, { precautions: 'Meet in pairs', reason: 'Threats', reviewOn: '2027-03-01' })
await c.restrictedCase({ fullName: 'Nora Notice', notice: false })
const pending = await c.warnedCase({ fullName: 'Pat Pending' })
await c.propose(pending.caseId, {
  ...proposalBody(...YEAR),
  sinceWarningJustification: 'Nothing was recorded since the warning because the office was closed.',
})
await c.proposeInterim((await c.openedCase({ fullName: 'Olive Opened' })).caseId, { justification: 'Threats.' })
const closed = await c.closedMatter('acknowledge', { fullName: 'Quentin Queue' })
await c.officer.post('/api/v1/contacts', {
  personId: closed.personId,
  channel: 'email',
  direction: 'inbound',
  at: '2027-01-04T09:00:00+00:00',
  matterId: closed.matterId,
  summary: 'More about the closed complaint',
})

// Who fuzzes: one staff user holding every role, in a browser and through a token.
const { browser, staff: fuzzer } = await signedIn(t, [...roles])
const api = await apiAs(t, [...roles])
await browser.get('/import')
await uploadAs(
  t.app,
  browser,
  { kind: 'people' },
  { filename: 'people.csv', content: 'Full name,Phone\nAnn Example,07700 900123\n' },
)

/** The table whose rows the `:id` after each first path segment names. */
const tableOf: Record<string, string> = {
  people: 'person',
  cases: 'procedure_case',
  proposals: 'proposal',
  restrictions: 'restriction',
  warnings: 'warning',
  challenges: 'challenge',
  letters: 'letter',
  matters: 'matter',
  'safety-markers': 'safety_marker',
  staff: 'staff_user',
  import: 'import_batch',
  'closed-matters': 'closed_matter_item',
}
const ids: Record<string, string[]> = {}
for (const [segment, table] of Object.entries(tableOf)) {
  const { rows } = await sql<{ id: string }>`select id::text as id from ${sql.table(table)} limit 4`.execute(
    t.services.db,
  )
  // The fuzzer does not disable or change itself: that would only end the run.
  ids[segment] = rows.map((r) => r.id).filter((id) => id !== fuzzer.id && id !== api.staff.id)
}
const tokenIds = (
  await t.services.db
    .selectFrom('api_token')
    .select('id')
    .where('staff_user_id', 'not in', [fuzzer.id, api.staff.id])
    .execute()
).map((r) => r.id)
for (const table of ['incident', 'contact']) {
  const { rows } = await sql<{ id: string }>`select id::text as id from ${sql.table(table)} limit 4`.execute(
    t.services.db,
  )
  ids[table] = rows.map((r) => r.id)
}
const allIds = [...Object.values(ids).flat(), ...tokenIds]
/** The ids a body's field of this name could hold: `personId` a person's, `matterId` a matter's, and so on. */
const idsFor = (name = '') => {
  const kind = (
    [
      [/person|representative|duplicate/i, 'people'],
      [/matter/i, 'matters'],
      [/incident/i, 'incident'],
      [/contact/i, 'contact'],
      [/staff/i, 'staff'],
      [/restriction|supersedes/i, 'restrictions'],
      [/proposal/i, 'proposals'],
      [/case/i, 'cases'],
      [/letter/i, 'letters'],
      [/warning/i, 'warnings'],
    ] as const
  ).find(([pattern]) => pattern.test(name))?.[1]
  const found = kind ? (ids[kind] ?? []) : []
  return found.length ? found : allIds
}

/** The kind of record a route's `:id` names, by the path's first segment after /api/v1. */
const segmentOf = (pattern: string) => pattern.replace(/^\/api\/v1/, '').split('/')[1] ?? ''

/** A route's URL with its parameters filled, from the record (or, now and then, an id of nothing). */
const urlOf = (pattern: string) =>
  fc
    .record({
      id: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...(ids[segmentOf(pattern)] ?? []), ...allIds.slice(0, 1)) },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.constantFrom('not-an-id', '0', '%00', '..', '1e3') },
      ),
      tokenId: fc.constantFrom(...tokenIds, '00000000-0000-4000-8000-000000000000'),
      token: fc.constant(randomBytes(24).toString('base64url')),
    })
    .map(({ id, tokenId, token }) =>
      pattern
        .replace(':tokenId', tokenId)
        .replace(':token', token)
        .replace(':id', encodeURIComponent(id))
        .replace('*', 'govuk-frontend.min.css'),
    )

function urlWith(pattern: string, id: string) {
  return pattern
    .replace(':tokenId', tokenIds[0] ?? '')
    .replace(':token', 'x')
    .replace(':id', id)
}

// ---- Values ---------------------------------------------------------------------------------------------------------

const oddText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C.pdf',
  '\u200B',
  '\uFEFF',
  '\uD800',
  'x\uDC00',
  '\uFFFD',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧‍👦 e\u0301 İ ß',
  'line\r\nbreak',
  '\t',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  'x'.repeat(10_001),
  'x'.repeat(300_000),
  '0000-01-01',
  '0000-01-01T00:00:00+00:00',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31',
  '1899-12-31',
  '2101-01-01',
  '2026-02-30',
  '24:00',
  'Waste',
)
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  oddText,
  fc.string({ minLength: 200, maxLength: 6000 }),
)
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  hostileString,
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), hostileString, { maxKeys: 3 }),
  fc.constant({}),
  fc.constant([]),
)
/** What staff type: text a form would accept, so that some bodies get past validation to the service and the database. */
const plain = fc.oneof(
  fc.constantFrom(
    'Waste',
    'Housing',
    'Shouted at the officer and swore',
    'Ann Example',
    '07700 900123',
    'NN1 1AA',
    'someone@example.org',
    '12 Mill Lane',
    '2027-01-04',
    '3',
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,30}$/),
)
/** What staff type in a field of this name. */
const plainFor = (name = '') =>
  /phone/i.test(name)
    ? fc.constantFrom('07700 900123', '+44 7700 900456')
    : /postcode/i.test(name)
      ? fc.constantFrom('NN1 1AA', 'SW1A 2AA')
      : /email/i.test(name)
        ? fc.constantFrom('someone@example.org', 'ann.example@council.example')
        : plain

const recentDay = fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }).map(isoDay)
const recentInstant = fc
  .date({ min: new Date('2026-01-01'), max: new Date('2027-01-04'), noInvalidDate: true })
  .map((d) => d.toISOString())
const edgeDay = fc.constantFrom('0000-01-01', '0001-01-01', '1899-12-31', '1900-01-01', '2100-12-31', '2101-01-01')
const edgeInstant = fc.constantFrom(
  '0000-01-01T00:00:00+00:00',
  '0000-12-31T23:30:00-01:00',
  '1899-12-31T23:59:59+00:00',
  '1900-01-01T00:00:00+01:00',
)
/** Well-formed dates, mostly plausible, sometimes at or past the edge of what the service takes (issue 12, item 7). */
const wellFormedDay = fc.oneof({ weight: 3, arbitrary: recentDay }, { weight: 1, arbitrary: edgeDay })
const wellFormedInstant = fc.oneof({ weight: 3, arbitrary: recentInstant }, { weight: 1, arbitrary: edgeInstant })
const birthday = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.date({ min: new Date('1930-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }).map(isoDay),
  },
  { weight: 1, arbitrary: edgeDay },
)
const day = fc.oneof(
  edgeDay,
  recentDay,
  fc.constant('2026-02-29'),
  fc.date({ noInvalidDate: true }).map(isoDay),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
)
const instant = fc.oneof(
  edgeInstant,
  recentInstant,
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
)
function isoDay(d: Date) {
  return d.toISOString().slice(0, 10)
}

// ---- API bodies, from the OpenAPI document the API's own schemas generate -------------------------------------------

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  format?: string
  pattern?: string
  minimum?: number
  maximum?: number
  maxLength?: number
  $ref?: string
}

const openapi = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>
  components?: { schemas?: Record<string, JsonSchema> }
}
const resolve = (schema: JsonSchema): JsonSchema =>
  schema.$ref ? resolve(openapi.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] ?? {}) : schema

/**
 * Values shaped like the schema. Strict, every value is of the schema's type and text is what staff type, so that
 * bodies get past validation to the service and the database; otherwise anything at all now and then.
 */
function valueFor(schema: JsonSchema, strict: boolean, name?: string): fc.Arbitrary<unknown> {
  if (strict) return shaped(resolve(schema), strict, name)
  return fc.oneof(
    { weight: 6, arbitrary: shaped(resolve(schema), strict, name) },
    { weight: 1, arbitrary: hostileValue },
  )
}

function shaped(s: JsonSchema, strict: boolean, name?: string): fc.Arbitrary<unknown> {
  const alternatives = s.anyOf ?? s.oneOf ?? s.allOf
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => shaped(resolve(a), strict, name)))
  if (s.enum?.length) return fc.constantFrom(...s.enum)
  if (s.const !== undefined) return fc.constant(s.const)
  const types = [s.type ?? []].flat()
  if (types.includes('null') && types.length > 1)
    return fc.oneof(fc.constant(null), shaped({ ...s, type: types.filter((x) => x !== 'null') }, strict, name))
  switch (types[0]) {
    case 'object': {
      const model = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, valueFor(v, strict, k)]))
      const required = (s.required ?? []).filter((k) => k in model)
      return fc.oneof(
        { weight: 4, arbitrary: fc.record(model, { requiredKeys: required }) },
        { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
      )
    }
    case 'array':
      return fc.array(valueFor(s.items ?? {}, strict, name), { maxLength: 4 })
    case 'integer':
      return fc.oneof(
        fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 }),
        fc.constantFrom(-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER, -(2 ** 63)),
      )
    case 'number':
      return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(-1, 0, 1.5, 1e308))
    case 'boolean':
      return fc.boolean()
    case 'string':
      return stringFor(s, strict, name)
    default:
      return strict ? plainFor(name) : hostileValue
  }
}

function stringFor(s: JsonSchema, strict: boolean, name?: string): fc.Arbitrary<unknown> {
  if (s.format === 'uuid')
    return strict ? fc.constantFrom(...idsFor(name)) : fc.oneof(fc.constantFrom(...idsFor(name)), fc.uuid())
  if (s.format === 'date-time') return strict ? wellFormedInstant : instant
  if (s.format === 'email') return strict ? plainFor('email') : fc.oneof(fc.emailAddress(), hostileString)
  if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}'))
    return strict ? (/birth/i.test(name ?? '') ? birthday : wellFormedDay) : day
  const text = strict
    ? plainFor(name)
    : fc.oneof(plainFor(name), fc.string({ maxLength: (s.maxLength ?? 40) + 2 }), hostileString)
  if (!s.pattern) return text
  try {
    return fc.oneof(fc.stringMatching(new RegExp(s.pattern)), text)
  } catch {
    return text
  }
}

/** An API request's body: JSON of any shape, or text that is not JSON, sometimes with the wrong content type. */
function apiBody(pattern: string): fc.Arbitrary<{ payload: string; contentType: string }> {
  const path = pattern.replace(/:(\w+)/g, '{$1}')
  const schema = openapi.paths[path]?.post?.requestBody?.content?.['application/json']?.schema
  const json = schema
    ? fc.oneof({ weight: 1, arbitrary: valueFor(schema, true) }, { weight: 2, arbitrary: valueFor(schema, false) })
    : hostileValue
  return fc.record({
    payload: fc.oneof(
      { weight: 12, arbitrary: json.map((v) => JSON.stringify(v) ?? '') },
      { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '[]', '"x"', '{"a":1}{', '{"__proto__":{"x":1}}') },
    ),
    contentType: fc.constantFrom(
      ...Array<string>(12).fill('application/json'),
      'text/plain',
      'application/x-www-form-urlencoded',
    ),
  })
}

// ---- Form bodies, from the forms the pages show -----------------------------------------------------------------------

const unescape = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1]

interface FormShape {
  fields: Map<string, Set<string>>
  multipart: boolean
}

/** A URL as a route pattern: `/people/<uuid>/merge` is `/people/:id/merge` (a second id is `:tokenId`). */
const patternOf = (url: string) => {
  let n = 0
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
  return (url.split('?')[0] ?? url).replace(uuid, () => (n++ === 0 ? ':id' : ':tokenId'))
}

/** Every POST form on every page (for every record the fuzz uses), by the route it posts to: fields, offered values. */
const forms = new Map<string, FormShape>()
/** The query parameters each route is sent by the pages' links and GET forms (a search box, filters, pages). */
const queryNamesOf = new Map<string, Set<string>>()
const addQueryName = (url: string, name: string) =>
  queryNamesOf.set(patternOf(url), (queryNamesOf.get(patternOf(url)) ?? new Set()).add(name))
const everyName = new Set<string>()
const everyValue = new Set<string>()
function scrape(url: string, html: string) {
  for (const [, path = '', query = ''] of html.matchAll(/href="(\/[^"?#]*)\?([^"#]*)"/g))
    for (const name of new URLSearchParams(unescape(query)).keys()) addQueryName(path, name)
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, open = '', inner = ''] = form
    if (attr(open, 'method')?.toLowerCase() !== 'post') {
      for (const [, tag = ''] of inner.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)) {
        const name = attr(tag, 'name')
        if (name) addQueryName(unescape(attr(open, 'action') ?? url), name)
      }
      continue
    }
    const action = patternOf(unescape(attr(open, 'action') ?? url))
    const shape = forms.get(action) ?? { fields: new Map(), multipart: false }
    shape.multipart ||= attr(open, 'enctype') === 'multipart/form-data'
    const add = (name: string, value?: string) => {
      if (name === '_csrf') return
      const values = shape.fields.get(name) ?? new Set()
      if (value !== undefined && value !== '') values.add(unescape(value))
      shape.fields.set(name, values)
      everyName.add(name)
      if (value) everyValue.add(unescape(value))
    }
    for (const [, tag = ''] of inner.matchAll(/<(?:input|textarea|select|button)\b([^>]*)>/g)) {
      const name = attr(tag, 'name')
      if (name) add(name, attr(tag, 'value'))
    }
    for (const [, name = '', options = ''] of inner.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
      for (const [, value] of options.matchAll(/<option\b[^>]*value="([^"]*)"/g)) add(name, value)
    forms.set(action, shape)
  }
}
const [person, otherPerson] = ids['people'] ?? []
const pageUrls = [
  ...t.app.routeTable
    .filter((r) => r.method === 'GET' && !r.url.startsWith('/assets/') && !/[./](pdf|docx|xlsx|csv)$/.test(r.url))
    .flatMap((r) =>
      r.url.includes(':id') ? (ids[segmentOf(r.url)] ?? []).map((id) => urlWith(r.url, id)) : [urlWith(r.url, '')],
    ),
  // Forms that a page shows only once something is chosen.
  `/people/${person}/merge?duplicate=${otherPerson}`,
  `/people/${person}/representatives/new?representative=${otherPerson}`,
  ...(ids['cases'] ?? []).map(
    (id) => `/cases/${id}/proposals/new?chosen=1&${restrictionTypes.map((x) => `types=${x}`).join('&')}`,
  ),
  '/check?q=Gary+Hollis',
]
for (const url of pageUrls) {
  const response = await browser.get(url)
  if (response.statusCode === 200 && String(response.headers['content-type']).startsWith('text/html'))
    scrape(url, response.body)
}
// The public forms, as a visitor who is not signed in sees them.
scrape('/sign-in', (await t.app.inject({ url: '/sign-in' })).body)

const dateParts = fc.oneof(
  fc.constantFrom('4', '1', '12', '2027', '2026'),
  fc.constantFrom('0', '00', '0000', '29', '31', '32', '13', '1899', '1900', '2100', '2101', '99999', '-1', '1.5'),
)
const times = fc.constantFrom('14:05', '2pm', '01:30', '01:30 BST', '24:00', 'midnight', '9')
/** A form as a browser could post it: the page's fields, each with a value it offers or any text, some repeated. */
function formBody(route: string): fc.Arbitrary<[string, string][]> {
  // A route whose form no page showed gets some of the names any form uses.
  const names = [...everyName].sort()
  const fields =
    forms.get(route)?.fields ??
    new Map(names.filter((_, i) => i % Math.ceil(names.length / 12) === 0).map((n) => [n, new Set<string>()]))
  const offered = (name: string) => [...(fields.get(name) ?? [])]
  const one = (name: string) =>
    fc.oneof(
      ...(offered(name).length ? [{ weight: 6, arbitrary: fc.constantFrom(...offered(name)) }] : []),
      { weight: 4, arbitrary: /-(day|month|year)$/.test(name) ? dateParts : name === 'time' ? times : plainFor(name) },
      { weight: 1, arbitrary: fc.constantFrom(...everyValue) },
      { weight: 2, arbitrary: hostileString },
    )
  const model = Object.fromEntries(
    [...fields.keys()].map((name) => [
      name,
      fc.oneof(
        { weight: 6, arbitrary: one(name).map((v) => [v]) },
        { weight: 1, arbitrary: fc.array(one(name)) },
        // The same box ticked twice, as a page with a checkbox repeated would send it.
        { weight: 1, arbitrary: one(name).map((v) => [v, v]) },
      ),
    ]),
  )
  return fc
    .tuple(
      fc.oneof(
        { weight: 2, arbitrary: fc.record(model) },
        { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
      ),
      fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...everyName)), hostileString), {
        maxLength: 2,
      }),
    )
    .map(([known, extra]) => [
      ...Object.entries(known).flatMap(([name, values]) =>
        (values as string[]).map((v): [string, string] => [name, v]),
      ),
      ...extra,
    ])
}

function multipart(fields: [string, string][], file: Uint8Array | undefined) {
  const boundary = `----fuzz${randomBytes(8).toString('hex')}`
  const parts = fields.map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  )
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(file),
      Buffer.from('\r\n'),
    )
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}
const fileContent = fc.option(
  fc.oneof(
    fc.uint8Array({ maxLength: 2000 }),
    fc
      .array(fc.array(hostileString, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 })
      .map((rows) => new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n'))),
    fc.constant(new TextEncoder().encode('Full name,Phone,Date of birth\nAnn,07700 900123,0000-01-01\n')),
  ),
  { nil: undefined },
)

// ---- Nothing half-stored -------------------------------------------------------------------------------------------

const { rows: tableRows } = await sql<{ name: string }>`
  select table_name as name from information_schema.tables
  where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_migration%'
  order by table_name`.execute(t.services.db)
// K3: reading a safety marker is recorded, even on a page that refuses what was sent; that is not a stored change.
const countsSql = sql.raw<{ name: string; n: number }>(
  tableRows
    .map(
      ({ name }) =>
        `select '${name}' as name, count(*)::int as n from "${name}"${name === 'audit_entry' ? ` where action not like '%.viewed'` : ''}`,
    )
    .join(' union all '),
)
const counts = async () =>
  Object.fromEntries((await countsSql.execute(t.services.db)).rows.map((r) => [r.name, Number(r.n)]))

const cookie = () => [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
const show = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text
}

/** Sends one request and checks it: never 5xx; refused, nothing stored. */
async function check(request: {
  method: 'GET' | 'POST'
  url: string
  payload?: string | Buffer
  headers: Record<string, string>
}) {
  const before = request.method === 'POST' ? await counts() : undefined
  lastError = ''
  const response = await t.app.inject(request)
  const status = response.statusCode
  const said = () => `${request.method} ${request.url} -> ${status}: ${show(response.body)} ${lastError}`
  assert.ok(status < 500, said())
  if (!request.url.startsWith('/api/'))
    assert.ok(!String(response.headers.location ?? '').startsWith('/sign-in'), `the session ended: ${said()}`)
  if (before && status >= 400) assert.deepEqual(await counts(), before, `something was stored: ${said()}`)
}

async function fuzz<T>(arbitrary: fc.Arbitrary<T>, run: (value: T) => Promise<void>, runs = RUNS) {
  const result = await fc.check(fc.asyncProperty(arbitrary, run), { numRuns: runs, seed: SEED })
  if (result.failed)
    assert.fail(
      `${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\n` +
        `counterexample (seed ${SEED}, path ${result.counterexamplePath}): ${show(result.counterexample)}`,
    )
}

// ---- The routes ------------------------------------------------------------------------------------------------------

// Signing out would end the session the rest of the run uses; the sign-in tests cover those two.
const endsSession = new Set(['/sign-out', '/account/sign-out-everywhere'])
// Merging takes a person off the record, so it goes last: the other routes still find the people they name.
const changes = t.app.routeTable
  .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
  .sort((a, b) => Number(a.url.endsWith('/merge')) - Number(b.url.endsWith('/merge')))

describe('fuzz: every API body, no 5xx and nothing half-stored when refused', () => {
  for (const route of changes.filter((r) => r.url.startsWith('/api/'))) {
    test(`${route.method} ${route.url}`, () =>
      fuzz(fc.tuple(urlOf(route.url), apiBody(route.url)), async ([url, body]) =>
        check({
          method: 'POST',
          url,
          payload: body.payload,
          headers: { authorization: api.authorization, 'content-type': body.contentType },
        }),
      ))
  }
})

describe('fuzz: every form, no 5xx and nothing half-stored when refused', () => {
  for (const route of changes.filter((r) => !r.url.startsWith('/api/') && !endsSession.has(r.url))) {
    const form = route.url
    test(`${route.method} ${route.url}`, () =>
      fuzz(fc.tuple(urlOf(route.url), formBody(form), fileContent), async ([url, fields, file]) => {
        const body: [string, string][] = [['_csrf', browser.csrf], ...fields]
        const encoded = forms.get(form)?.multipart
          ? multipart(body, file)
          : { payload: new URLSearchParams(body).toString(), contentType: 'application/x-www-form-urlencoded' }
        await check({
          method: 'POST',
          url,
          payload: encoded.payload,
          headers: { cookie: cookie(), 'content-type': encoded.contentType },
        })
      }))
  }
})

/** The query parameters the pages' controllers read (queryOf), sent to every route now and then. */
const queryNames = [
  'q',
  'page',
  'done',
  'from',
  'to',
  'kind',
  'matter',
  'duplicate',
  'representative',
  'largePrint',
  'returnTo',
  'recorded',
  'varied',
  'supersedes',
  'types',
  'chosen',
  'change',
  'letter',
  'status',
  'type',
  'name',
  'service',
  'indicator',
  'before',
  'actor',
  'action',
  'objectType',
  'objectId',
  'added',
  'changed',
  'removed',
  'personId',
  'channel',
  'limit',
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
]

describe('fuzz: every page and API read, with any query string (repeated parameters, odd values), no 5xx', () => {
  // The PDF, Word and Excel downloads read their query as the pages do; rendering each is slow, so they are left out.
  const reads = t.app.routeTable.filter(
    (r) => r.method === 'GET' && !r.url.startsWith('/assets/') && !/\.(pdf|xlsx)$|\/(pdf|docx)$/.test(r.url),
  )
  const value = fc.oneof(
    { weight: 3, arbitrary: plain },
    { weight: 2, arbitrary: fc.constantFrom(...everyValue, ...allIds) },
    { weight: 2, arbitrary: hostileString.filter((v) => v.length < 2000) },
    { weight: 1, arbitrary: dateParts },
  )
  /** A query string with the route's own parameters mostly, each given once or repeated (`?q=a&q=b`). */
  const query = (route: string) => {
    const own = [...(queryNamesOf.get(route) ?? [])]
    const name = fc.oneof(
      ...(own.length ? [{ weight: 4, arbitrary: fc.constantFrom(...own) }] : []),
      { weight: 1, arbitrary: fc.constantFrom(...queryNames, ...everyName) },
      { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    )
    return fc
      .array(fc.tuple(name, fc.array(value, { minLength: 1, maxLength: 3 })), { maxLength: 4 })
      .map((pairs) =>
        new URLSearchParams(pairs.flatMap(([n, values]) => values.map((v): [string, string] => [n, v]))).toString(),
      )
  }
  for (const route of reads) {
    test(`${route.method} ${route.url}`, () =>
      fuzz(
        fc.tuple(urlOf(route.url), query(route.url)),
        async ([url, q]) =>
          check({
            method: 'GET',
            url: `${url}?${q}`,
            headers: url.startsWith('/api/') ? { authorization: api.authorization } : { cookie: cookie() },
          }),
        Math.max(1, Math.ceil(RUNS / 4)),
      ))
  }
})
