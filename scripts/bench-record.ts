// The record at scale (issue 3, "Measured"): with 100,000 people and 1,000,000 contacts, how fast the search box
// answers, and how fast the page of a person with 5,000 timeline entries is, on PGlite and on PostgreSQL.
// (The import rate, the third figure the issue asks for, is measured separately by scripts/bench-import.ts.)
//
//   npm run bench:record               (node --import tsx scripts/bench-record.ts)
//
// Settings (environment), all optional:
//   BENCH_RECORD_PEOPLE=100000     people on the record (one of them is the person with 5,000 timeline entries)
//   BENCH_RECORD_CONTACTS=1000000  contacts in all (matters are 1.5 per person)
//   BENCH_RECORD_QUERIES=500       timed searches per database (after 30 untimed ones)
//   BENCH_RECORD_RUNS=50           timed runs of each person-page measurement (after 5 untimed ones)
//   BENCH_RECORD_ONLY=pglite|postgres   measure one database only
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
//                                  a loopback PostgreSQL server; a throwaway database is created on it and dropped after
//
// How it works: this process (the parent) makes a temporary directory and a throwaway PostgreSQL database, then runs
// itself once per database as a child process (`--child pglite|postgres`). Each child opens and migrates a fresh
// database with src/db (openDatabase), loads the data with set-based SQL, runs ANALYZE, and measures in-process:
// searchPeople() and the person page's repository calls are called directly, and the full page through the app built
// in-process (app.inject, no socket). A child per database keeps the memory figures apart, and lets the parent stop
// one that overruns even while PGlite (which runs on the child's main thread) is in the middle of a long query.
//
// Everything is bounded: fixed counts, a deadline per phase, 25 minutes per child and 50 minutes overall. Only
// 127.0.0.1 is contacted. The temporary directory and the PostgreSQL database are removed at the end, even on failure
// or Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CompiledQuery as Compiled } from 'kysely'
import {
  backendName,
  benchUuid,
  fmt,
  HEAVY,
  HEAVY_NAME,
  HOST,
  int,
  loadAverage,
  loadRecord,
  log,
  machine,
  median,
  p99,
  prng,
  ratio,
  ROOT,
  rssMiB,
  sleep,
  table,
  type Backend,
} from './bench-data.ts'

const SELF = path.join(ROOT, 'scripts', 'bench-record.ts')

const CHILD_TIMEOUT_MS = 25 * 60_000
const RUN_TIMEOUT_MS = 50 * 60_000
const SEARCH_PHASE_MS = 8 * 60_000
const PAGE_PHASE_MS = 8 * 60_000
const STATEMENT_TIMEOUT_MS = 5 * 60_000 // PostgreSQL only: PGlite cannot interrupt a running statement

const settings = {
  people: int('BENCH_RECORD_PEOPLE', 100_000, 1_000, 1_000_000),
  contacts: int('BENCH_RECORD_CONTACTS', 1_000_000, 10_000, 10_000_000),
  queries: int('BENCH_RECORD_QUERIES', 500, 7, 5_000),
  runs: int('BENCH_RECORD_RUNS', 50, 1, 1_000),
  only: process.env.BENCH_RECORD_ONLY as Backend | undefined,
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
}

const PAGE_SIZE = 50 // src/features/people/show/controller.ts
const DEEP_PAGE = 80

// ---------------------------------------------------------------------------------------------------------------------
// What a child reports

interface Timed {
  label: string
  samples: number[] // ms, in the order measured
}

interface SearchKindResult {
  kind: string
  samples: number[]
  found: number // the person the query was made from is among the results
  resultCount: number // results returned in all
  slowest: { query: string; ms: number }
}

interface ChildResult {
  backend: Backend
  version: string
  loadSteps: { step: string; ms: number; rows: number }[]
  counts: Record<string, number>
  rssAfterLoadMiB: number
  rssAtEndMiB: number
  databaseMiB: number
  search: SearchKindResult[]
  searchAll: number[]
  searchNote: string
  explains: { why: string; query: string; plan: string }[]
  page: Timed[]
  pageNote: string
}

// ---------------------------------------------------------------------------------------------------------------------
// The child: one database, loaded and measured

async function child(backend: Backend): Promise<void> {
  const resultFile = process.env.BENCH_RECORD_RESULT
  const target = process.env.BENCH_RECORD_TARGET
  if (!resultFile || !target) throw new Error('the child needs BENCH_RECORD_RESULT and BENCH_RECORD_TARGET')
  const { sql, CompiledQuery } = await import('kysely')
  const { loadConfig } = await import('../src/config.ts')
  const { openDatabase } = await import('../src/db/open.ts')
  const { classifySearch, nameKey, formatPhone } = await import('../src/domain/identifiers.ts')
  const { searchPeople, findPerson } = await import('../src/features/people/people.repository.ts')
  const { timeline, contactPattern } = await import('../src/features/people/timeline.repository.ts')
  const { createServices } = await import('../src/services.ts')
  const { buildApp } = await import('../src/app.ts')
  const { hashSecret, newSecret } = await import('../src/web/credentials.ts')

  const say = (line: string) => log(`  [${backendName[backend]}] ${line}`)
  const env: Record<string, string> = {
    NODE_ENV: 'production', // as deployed: templates compiled once
    BASE_URL: `http://${HOST}:3000`,
    LOG_LEVEL: 'silent',
    COUNCIL_NAME: 'Benchmark Council',
    COUNCIL_ADDRESS: 'Civic Centre, Benchmark LS1 1AA', // required in production since the letters (issue 4)
    AUDIT_KEY: 'benchmark audit key: at least thirty-two characters', // required in production (K4)
  }
  if (backend === 'pglite') env.DATA_DIR = target
  else env.DATABASE_URL = target
  const config = loadConfig(env)

  const started = performance.now()
  const handle = await openDatabase(config) // opens and migrates (src/db/open.ts)
  const { db } = handle
  const loadSteps: ChildResult['loadSteps'] = [{ step: 'open + migrate', ms: performance.now() - started, rows: 0 }]
  say(`opened and migrated in ${fmt(loadSteps[0]?.ms ?? NaN, 0)} ms`)
  const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? ''

  try {
    // ----- Load -------------------------------------------------------------------------------------------------------
    const P = settings.people
    const M = Math.round(P * 1.5)
    const C = settings.contacts
    loadSteps.push(...(await loadRecord(db, P, C, say)))

    const counts: Record<string, number> = {}
    for (const t of [
      'person',
      'person_alias',
      'person_email',
      'person_phone',
      'person_address',
      'matter',
      'contact',
      'incident',
      'safety_marker',
    ] as const) {
      const row = await db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      counts[t] = Number(row.n)
    }
    const heavyId = benchUuid('person', 0)
    const perPerson = await sql<{ max: number; median: number; p90: number; p99: number; none: number }>`
      select max(n)::int as max, percentile_disc(0.5) within group (order by n)::int as median,
             percentile_disc(0.9) within group (order by n)::int as p90,
             percentile_disc(0.99) within group (order by n)::int as p99,
             (select count(*) from person p where not exists (select 1 from contact c where c.person_id = p.id))::int as none
        from (select count(*) as n from contact where person_id <> ${heavyId} group by person_id) s`.execute(db)
    const spread = perPerson.rows[0]
    say(
      `rows: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
        .join(', ')}`,
    )
    say(
      `contacts per person (other than the 5,000-entry one): median ${spread?.median}, 90th percentile ${spread?.p90}, ` +
        `99th ${spread?.p99}, most ${spread?.max}; ${spread?.none} people with none`,
    )

    // name_key was computed in SQL: check it is what nameKey() makes of the same names.
    const sample = await sql<{ full_name: string; name_key: string }>`
      select full_name, name_key from person order by id limit 3000`.execute(db)
    const alias = await sql<{ full_name: string; name_key: string }>`
      select alias as full_name, name_key from person_alias order by id limit 500`.execute(db)
    const wrong = [...sample.rows, ...alias.rows].filter((r) => nameKey(r.full_name) !== r.name_key)
    if (wrong.length)
      throw new Error(`name_key differs from nameKey() for ${wrong.length} names, e.g. ${wrong[0]?.full_name}`)
    say(`name_key matches nameKey() for ${sample.rows.length + alias.rows.length} sampled names`)

    const rssAfterLoadMiB = rssMiB()
    const databaseMiB =
      Number(
        (await sql<{ n: number }>`select pg_database_size(current_database())::int8 as n`.execute(db)).rows[0]?.n,
      ) /
      2 ** 20

    // ----- Search --------------------------------------------------------------------------------------------------
    log()
    const queries = await buildQueries(db, P, M)
    say(`search: ${queries.warmup.length} untimed, then ${queries.timed.length} timed queries through searchPeople()`)
    for (const q of queries.warmup) await searchPeople(db, classifySearch(q.query), 25)
    const byKind = new Map<string, SearchKindResult>()
    const all: number[] = []
    const searchStarted = performance.now()
    let searchNote = ''
    for (const q of queries.timed) {
      if (performance.now() - searchStarted > SEARCH_PHASE_MS) {
        searchNote = `stopped after ${SEARCH_PHASE_MS / 60_000} minutes, ${all.length} of ${queries.timed.length} queries done`
        break
      }
      const terms = classifySearch(q.query)
      const t0 = performance.now()
      const results = await searchPeople(db, terms, 25)
      const took = performance.now() - t0
      all.push(took)
      const entry = byKind.get(q.kind) ?? {
        kind: q.kind,
        samples: [],
        found: 0,
        resultCount: 0,
        slowest: { query: '', ms: -1 },
      }
      entry.samples.push(took)
      entry.resultCount += results.length
      if (results.some((r) => r.id === q.personId)) entry.found++
      if (took > entry.slowest.ms) entry.slowest = { query: q.query, ms: took }
      byKind.set(q.kind, entry)
    }
    const search = [...byKind.values()]
    for (const k of search)
      say(
        `  ${k.kind.padEnd(34)} median ${fmt(median(k.samples), 1).padStart(6)} ms, p99 ${fmt(p99(k.samples), 1).padStart(6)} ms; ` +
          `person found in ${k.found}/${k.samples.length}; slowest "${k.slowest.query}" ${fmt(k.slowest.ms, 0)} ms`,
      )
    say(`  ${'all'.padEnd(34)} median ${fmt(median(all), 1).padStart(6)} ms, p99 ${fmt(p99(all), 1).padStart(6)} ms`)

    // EXPLAIN ANALYZE of the slowest query of every kind whose p99 is above 100 ms (and of the slowest of all).
    const explains: ChildResult['explains'] = []
    const toExplain = new Map<string, string>()
    for (const k of search) if (p99(k.samples) > 100) toExplain.set(k.slowest.query, `${k.kind}: p99 above 100 ms`)
    const slowestOverall = search.reduce((a, b) => (b.slowest.ms > a.slowest.ms ? b : a), search[0] as SearchKindResult)
    if (slowestOverall && !toExplain.has(slowestOverall.slowest.query))
      toExplain.set(slowestOverall.slowest.query, 'the slowest query of the run')
    for (const [query, why] of toExplain) {
      const plans = await explainCall(
        (executor) => searchPeople(executor, classifySearch(query), 25),
        (text) => text.includes('with matches as'),
      )
      for (const { plan } of plans) explains.push({ why, query: `searchPeople: "${query}"`, plan })
    }

    // ----- The person page ------------------------------------------------------------------------------------------
    log()
    say(`person page for ${HEAVY_NAME}: ${settings.runs} timed runs of each, after 5 untimed`)
    const now = new Date()
    const first = await timeline(db, heavyId, { kinds: [] }, { limit: PAGE_SIZE, offset: 0 })
    if (first.total !== HEAVY.entries)
      throw new Error(`the heavy person has ${first.total} timeline entries, not 5,000`)
    const pageStarted = performance.now()
    let pageNote = ''
    const measure = async (label: string, fn: () => Promise<unknown>): Promise<Timed> => {
      const samples: number[] = []
      for (let i = 0; i < 5; i++) await fn()
      for (let i = 0; i < settings.runs; i++) {
        if (performance.now() - pageStarted > PAGE_PHASE_MS) {
          pageNote = `stopped after ${PAGE_PHASE_MS / 60_000} minutes`
          break
        }
        const t0 = performance.now()
        await fn()
        samples.push(performance.now() - t0)
      }
      say(
        `  ${label.padEnd(44)} median ${fmt(median(samples), 1).padStart(6)} ms, p99 ${fmt(p99(samples), 1).padStart(6)} ms`,
      )
      return { label, samples }
    }
    const page: Timed[] = []
    page.push(await measure('findPerson', () => findPerson(db, heavyId)))
    page.push(
      await measure('timeline, page 1', () => timeline(db, heavyId, { kinds: [] }, { limit: PAGE_SIZE, offset: 0 })),
    )
    page.push(
      await measure(`timeline, page ${DEEP_PAGE}`, () =>
        timeline(db, heavyId, { kinds: [] }, { limit: PAGE_SIZE, offset: (DEEP_PAGE - 1) * PAGE_SIZE }),
      ),
    )
    page.push(
      await measure('timeline, contacts only, page 1', () =>
        timeline(db, heavyId, { kinds: ['contact'] }, { limit: PAGE_SIZE, offset: 0 }),
      ),
    )
    page.push(await measure('contactPattern', () => contactPattern(db, heavyId, now)))

    // Where the time of the slower calls goes: every query of theirs that takes over 10 ms, explained.
    const slowCalls: [string, (executor: typeof db) => Promise<unknown>][] = [
      ['timeline, page 1', (executor) => timeline(executor, heavyId, { kinds: [] }, { limit: PAGE_SIZE, offset: 0 })],
      ['contactPattern', (executor) => contactPattern(executor, heavyId, now)],
    ]
    for (const [label, call] of slowCalls) {
      const measured = page.find((t) => t.label === label)
      if (!measured || median(measured.samples) < 20) continue
      for (const { text, plan, ms } of await explainCall(call, () => true))
        if (ms > 10)
          explains.push({
            why: `${label}: median above 20 ms; this query took ${fmt(ms, 1)} ms`,
            query: `${label}: ${text.replace(/\s+/g, ' ').trim().slice(0, 100)}…`,
            plan,
          })
    }

    // K4: the audit trail under its key before the pages are measured, as the service does when it starts.
    const { useConfiguredAuditKey } = await import('../src/features/audit/audit.service.ts')
    const { bringTrailUnderKey } = await import('../src/audit/audit.ts')
    useConfiguredAuditKey(config)
    await bringTrailUnderKey(db)

    // The whole page through the app, built in-process and signed in with a session row (as the route tests do).
    const services = createServices(handle, config)
    const app = await buildApp(services)
    await app.ready()
    try {
      const staff = await db
        .insertInto('staff_user')
        .values({ email: 'case.officer@bench.example', name: 'Casey Officer', password_hash: null })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db.insertInto('staff_role').values({ staff_user_id: staff.id, role: 'case_officer' }).execute()
      const session = newSecret()
      await db
        .insertInto('staff_session')
        .values({ token_hash: hashSecret(session), staff_user_id: staff.id, user_agent: null })
        .execute()
      const get = (url: string, expect: RegExp) => async () => {
        const response = await app.inject({ method: 'GET', url, headers: { cookie: `fc_session=${session}` } })
        if (response.statusCode !== 200 || !expect.test(response.body))
          throw new Error(`GET ${url}: HTTP ${response.statusCode} ${response.body.slice(0, 200)}`)
      }
      page.push(await measure('GET /people/:id (app.inject)', get(`/people/${heavyId}`, /O&#39;Callaghan-Pryce/)))
      page.push(
        await measure(
          `GET /people/:id?page=${DEEP_PAGE} (app.inject)`,
          get(`/people/${heavyId}?page=${DEEP_PAGE}`, /O&#39;Callaghan-Pryce/),
        ),
      )
      const q = queries.timed.find((x) => x.kind === 'name, misspelt')?.query ?? 'jon smyth'
      page.push(
        await measure(
          `GET /people?q=${q} (app.inject)`,
          get(`/people?q=${encodeURIComponent(q)}`, /href="\/people\/[0-9a-f-]{36}"/),
        ),
      )
    } finally {
      await app.close()
    }

    const result: ChildResult = {
      backend,
      version,
      loadSteps,
      counts,
      rssAfterLoadMiB,
      rssAtEndMiB: rssMiB(),
      databaseMiB,
      search,
      searchAll: all,
      searchNote,
      explains,
      page,
      pageNote,
    }
    fs.writeFileSync(resultFile, JSON.stringify(result))
  } finally {
    await handle.close()
  }

  /** Every query a call sends, compiled exactly as it goes to the database, in order. */
  async function captureQueries(call: (executor: typeof db) => Promise<unknown>): Promise<Compiled[]> {
    const queries: Compiled[] = []
    const capturing = db.withPlugin({
      transformQuery: (args) => {
        queries.push(db.getExecutor().compileQuery(args.node, args.queryId))
        return args.node
      },
      transformResult: async (args) => args.result,
    })
    await call(capturing)
    return queries
  }

  /**
   * EXPLAIN (ANALYZE, BUFFERS) of the queries a call sends (those `which` selects), in one transaction in which the
   * call's own set_config(…, true) settings (searchPeople's similarity thresholds) are replayed first.
   */
  async function explainCall(
    call: (executor: typeof db) => Promise<unknown>,
    which: (text: string) => boolean,
  ): Promise<{ text: string; plan: string; ms: number }[]> {
    const queries = await captureQueries(call)
    return db.transaction().execute(async (trx) => {
      const plans: { text: string; plan: string; ms: number }[] = []
      for (const query of queries) {
        if (/^\s*select set_config\(/i.test(query.sql)) await trx.executeQuery(query)
        else if (which(query.sql)) {
          const result = await trx.executeQuery<Record<string, string>>(
            CompiledQuery.raw(`explain (analyze, buffers) ${query.sql}`, [...query.parameters]),
          )
          const plan = result.rows.map((r) => Object.values(r)[0]).join('\n')
          plans.push({ text: query.sql, plan, ms: Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? NaN) })
        }
      }
      return plans
    })
  }

  /** 500 searches of seven kinds, made from people on the record (the same ones on both databases). */
  async function buildQueries(
    database: typeof db,
    people: number,
    matters: number,
  ): Promise<{ warmup: Query[]; timed: Query[] }> {
    const random = prng(20261129)
    const chooseN = (n: number) => 1 + Math.floor(random() * (n - 1))
    const kinds = [
      'name, exact',
      'name, misspelt',
      'surname, whole or first letters',
      'email',
      'phone, national format',
      'postcode, lower case, no space',
      'matter reference',
    ] as const
    const total = settings.queries + 30
    const personNs = Array.from({ length: total }, () => chooseN(people))
    const matterNs = Array.from({ length: total }, () => chooseN(matters - HEAVY.matters))
    const rows = await sql<{ id: string; full_name: string; email: string; e164: string; postcode: string }>`
      select p.id, p.full_name,
             (select email from person_email e where e.person_id = p.id limit 1) as email,
             (select e164 from person_phone f where f.person_id = p.id limit 1) as e164,
             (select postcode from person_address a where a.person_id = p.id limit 1) as postcode
        from person p where p.id in (${sql.join(personNs.map((n) => benchUuid('person', n)))})`.execute(database)
    const byId = new Map(rows.rows.map((r) => [r.id, r]))
    const refs = await sql<{ id: string; reference: string; person_id: string }>`
      select id, reference, person_id from matter where id in (${sql.join(matterNs.map((n) => benchUuid('matter', n)))})`.execute(
      database,
    )
    const refById = new Map(refs.rows.map((r) => [r.id, r]))
    const out: Query[] = []
    for (let i = 0; i < total; i++) {
      const kind = kinds[i % kinds.length] as (typeof kinds)[number]
      const person = byId.get(benchUuid('person', personNs[i] ?? 1))
      if (!person) throw new Error('a sampled person is missing')
      const words = person.full_name.split(' ')
      const surname = words.at(-1) ?? person.full_name
      let query: string
      let personId = person.id
      switch (kind) {
        case 'name, exact':
          query = random() < 0.5 ? person.full_name : person.full_name.toLowerCase()
          break
        case 'name, misspelt':
          query = misspell(person.full_name, random)
          break
        case 'surname, whole or first letters':
          query = random() < 0.5 || surname.length < 6 ? surname : surname.slice(0, 4 + Math.floor(random() * 3))
          break
        case 'email':
          query = random() < 0.3 ? person.email.toUpperCase() : person.email
          break
        case 'phone, national format':
          query = formatPhone(person.e164)
          break
        case 'postcode, lower case, no space':
          query = person.postcode.toLowerCase().replace(' ', '')
          break
        case 'matter reference': {
          const matter = refById.get(benchUuid('matter', matterNs[i] ?? 1))
          if (!matter) throw new Error('a sampled matter is missing')
          query = random() < 0.3 ? matter.reference.toLowerCase() : matter.reference
          personId = matter.person_id
          break
        }
      }
      out.push({ kind, query, personId })
    }
    // Every kind must be recognised as intended, or the figures would measure something else.
    for (const q of out) {
      const terms = classifySearch(q.query).map((t) => t.kind)
      const expected = { email: 'email', phone: 'phone', postcode: 'postcode', matter: 'reference' } as const
      const key = (Object.keys(expected) as (keyof typeof expected)[]).find((k) => q.kind.startsWith(k))
      if (key && !terms.includes(expected[key]))
        throw new Error(`"${q.query}" (${q.kind}) is not recognised as a ${expected[key]}: ${terms.join(', ')}`)
    }
    return { warmup: out.slice(0, 30), timed: out.slice(30) }
  }
}

interface Query {
  kind: string
  query: string
  personId: string
}

/** One typing slip in a name: a letter dropped, two swapped, a vowel changed, a letter doubled, or a sound spelt differently. */
function misspell(name: string, random: () => number): string {
  const words = name.split(' ')
  // Mostly the surname; sometimes the first name.
  const w = random() < 0.7 ? words.length - 1 : 0
  let word = words[w] ?? name
  const vowels = 'aeiou'
  const swaps: [RegExp, string][] = [
    [/ph/i, 'f'],
    [/th/i, 't'],
    [/ck/i, 'k'],
    [/ll/i, 'l'],
    [/y/i, 'ie'],
    [/ou/i, 'ow'],
    [/son$/i, 'sen'],
  ]
  const op = Math.floor(random() * 5)
  const at = 1 + Math.floor(random() * Math.max(1, word.length - 2))
  if (op === 0 && word.length > 4) word = word.slice(0, at) + word.slice(at + 1)
  else if (op === 1 && word.length > 3)
    word = word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2)
  else if (op === 2) {
    const positions = [...word].map((c, i) => (i > 0 && vowels.includes(c) ? i : -1)).filter((i) => i > 0)
    const i = positions[Math.floor(random() * positions.length)]
    if (i !== undefined) {
      const others = vowels.replace(word[i] ?? '', '')
      word = word.slice(0, i) + (others[Math.floor(random() * others.length)] ?? 'a') + word.slice(i + 1)
    } else word = word.slice(0, at) + (word[at] ?? '') + word.slice(at)
  } else if (op === 3) word = word.slice(0, at) + (word[at] ?? '') + word.slice(at)
  else {
    const rule = swaps.find(([re]) => re.test(word))
    word = rule ? word.replace(rule[0], rule[1]) : word.slice(0, at) + word.slice(at + 1)
  }
  words[w] = word
  const out = words.join(' ')
  return random() < 0.6 ? out.toLowerCase() : out
}

// ---------------------------------------------------------------------------------------------------------------------
// The parent: machine, temporary directory, PostgreSQL database, children, tables

const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL')
})

function runChild(backend: Backend, env: Record<string, string>): Promise<ChildResult | string> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', backend], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    running.add(c)
    const timer = setTimeout(() => {
      log(`  [${backendName[backend]}] still running after ${CHILD_TIMEOUT_MS / 60_000} minutes: killed`)
      c.kill('SIGKILL')
    }, CHILD_TIMEOUT_MS)
    c.once('exit', (code, signal) => {
      clearTimeout(timer)
      running.delete(c)
      if (code !== 0) return resolve(`the ${backendName[backend]} run failed (exit ${code ?? signal})`)
      try {
        resolve(JSON.parse(fs.readFileSync(env.BENCH_RECORD_RESULT ?? '', 'utf8')) as ChildResult)
      } catch (error) {
        resolve(`the ${backendName[backend]} run left no result (${String(error)})`)
      }
    })
  })
}

async function parent(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-bench-record-'))
  const { default: pg } = await import('pg')
  const serverUrl = new URL(settings.postgresUrl)
  let dbName: string | undefined
  const admin = async <T>(fn: (client: InstanceType<typeof pg.Client>) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 5000 })
    await client.connect()
    try {
      return await fn(client)
    } finally {
      await client.end()
    }
  }
  let cleaning: Promise<void> | undefined
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const c of running) c.kill('SIGKILL')
      await sleep(running.size ? 500 : 0)
      if (dbName) {
        const name = dbName
        await admin((client) => client.query(`drop database if exists "${name}" with (force)`)).catch((error) =>
          process.stderr.write(`bench-record: could not drop database ${name}: ${String(error)}\n`),
        )
      }
      fs.rmSync(tmp, { recursive: true, force: true })
    })())
  const abort = (why: string, code: number) => {
    process.stderr.write(`bench-record: ${why}; cleaning up\n`)
    void cleanUp().finally(() => process.exit(code))
  }
  process.once('SIGINT', () => abort('interrupted', 130))
  process.once('SIGTERM', () => abort('terminated', 143))
  const overall = setTimeout(() => abort(`still running after ${RUN_TIMEOUT_MS / 60_000} minutes`, 1), RUN_TIMEOUT_MS)
  overall.unref()

  try {
    log('# Fair Contact: the record at scale (issue 3)')
    log()
    for (const line of machine()) log(`- ${line}`)
    log(
      `- data: ${settings.people.toLocaleString('en-GB')} people, ${Math.round(settings.people * 1.5).toLocaleString('en-GB')} matters, ` +
        `${settings.contacts.toLocaleString('en-GB')} contacts; ${settings.queries} timed searches; ${settings.runs} runs per page measurement`,
    )
    const backends: Backend[] = settings.only ? [settings.only] : ['pglite', 'postgres']
    const results: ChildResult[] = []
    const loads: string[] = []
    for (const backend of backends) {
      log()
      log(`## ${backendName[backend]} (load average ${loadAverage()})`)
      const env: Record<string, string> = { BENCH_RECORD_RESULT: path.join(tmp, `${backend}.json`) }
      if (backend === 'pglite') env.BENCH_RECORD_TARGET = path.join(tmp, 'pglite-data')
      else {
        if (!['127.0.0.1', 'localhost', '[::1]'].includes(serverUrl.hostname)) {
          log(`  skipped: BENCH_POSTGRES_URL must point at 127.0.0.1, not ${serverUrl.hostname}`)
          continue
        }
        if (serverUrl.hostname === 'localhost') serverUrl.hostname = HOST
        const name = `fair_contact_bench_record_${randomBytes(5).toString('hex')}`
        try {
          await admin((client) => client.query(`create database "${name}"`))
          dbName = name
        } catch (error) {
          log(`  skipped: PostgreSQL at ${serverUrl.host} is not usable (${String(error)})`)
          continue
        }
        const url = new URL(serverUrl)
        url.pathname = `/${name}`
        url.searchParams.set('options', `-c statement_timeout=${STATEMENT_TIMEOUT_MS}`)
        env.BENCH_RECORD_TARGET = url.toString()
      }
      const result = await runChild(backend, env)
      loads.push(`${backendName[backend]} ${loadAverage()}`)
      if (typeof result === 'string') log(`  ${result}`)
      else results.push(result)
    }
    if (results.length) report(results, loads)
    if (results.length < backends.length) process.exitCode = 1
  } catch (error) {
    process.stderr.write(`bench-record: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  } finally {
    await cleanUp()
    clearTimeout(overall)
  }
}

function report(results: ChildResult[], loads: string[]): void {
  const [a, b] = results
  const names = results.map((r) => backendName[r.backend])
  const both = Boolean(a && b)
  log()
  log('# Results')
  log()
  for (const r of results) log(`- ${backendName[r.backend]}: ${r.version.split(' on ')[0]}`)
  log(`- load average when each run ended: ${loads.join('; ')}`)

  log()
  log('## Loading (seconds; set-based SQL on one connection)')
  log()
  const steps = a?.loadSteps.map((s) => s.step) ?? []
  log(
    table(
      ['step', 'rows', ...names, ...(both ? ['ratio'] : [])],
      steps.map((step) => {
        const [sa, sb] = results.map((r) => r.loadSteps.find((s) => s.step === step))
        return [
          step,
          sa?.rows ? sa.rows.toLocaleString('en-GB') : '',
          ...results.map((r) => fmt((r.loadSteps.find((s) => s.step === step)?.ms ?? NaN) / 1000, 1)),
          ...(both ? [ratio(sa?.ms ?? NaN, sb?.ms ?? NaN)] : []),
        ]
      }),
    ),
  )
  log()
  log(
    table(
      ['memory and size', ...names, ...(both ? ['ratio'] : [])],
      [
        ['Node RSS after loading, MiB', ...results.map((r) => fmt(r.rssAfterLoadMiB, 0))],
        ['Node RSS at the end, MiB', ...results.map((r) => fmt(r.rssAtEndMiB, 0))],
        ['database size (pg_database_size), MiB', ...results.map((r) => fmt(r.databaseMiB, 0))],
      ].map((row) => (both ? [...row, ratio(Number(row[1]), Number(row[2]))] : row)),
    ),
  )
  log('PostgreSQL holds its data in its own server processes, not counted in the Node RSS.')

  log()
  log('## Search: searchPeople(db, classifySearch(q), 25) called in-process (ms)')
  log()
  const kinds = a?.search.map((k) => k.kind) ?? []
  const header = ['kind (queries)']
  for (const n of names) header.push(`${n} median`, `${n} p99`)
  if (both) header.push('ratio median', 'ratio p99')
  header.push('person found', 'results (mean)')
  const rows = [...kinds, 'all'].map((kind) => {
    const samples = results.map((r) =>
      kind === 'all' ? r.searchAll : (r.search.find((k) => k.kind === kind)?.samples ?? []),
    )
    const row = [`${kind} (${samples[0]?.length ?? 0})`]
    for (const s of samples) row.push(fmt(median(s), 1), fmt(p99(s), 1))
    if (both)
      row.push(
        ratio(median(samples[0] ?? []), median(samples[1] ?? [])),
        ratio(p99(samples[0] ?? []), p99(samples[1] ?? [])),
      )
    const k = a?.search.find((x) => x.kind === kind)
    const total = kind === 'all' ? a?.search.reduce((x, y) => x + y.samples.length, 0) : k?.samples.length
    const found = kind === 'all' ? a?.search.reduce((x, y) => x + y.found, 0) : k?.found
    const count = kind === 'all' ? a?.search.reduce((x, y) => x + y.resultCount, 0) : k?.resultCount
    row.push(`${found}/${total}`, fmt((count ?? 0) / (total || 1), 1))
    return row
  })
  log(table(header, rows))
  for (const r of results) if (r.searchNote) log(`${backendName[r.backend]}: ${r.searchNote}`)
  log('"person found": the person the query was made from is among the 25 results (on the first database).')

  log()
  log(`## The page of the person with ${HEAVY.entries.toLocaleString('en-GB')} timeline entries (ms)`)
  log()
  const pageHeader = ['call']
  for (const n of names) pageHeader.push(`${n} median`, `${n} p99`)
  if (both) pageHeader.push('ratio median', 'ratio p99')
  log(
    table(
      pageHeader,
      (a?.page ?? []).map((t) => {
        const samples = results.map((r) => r.page.find((x) => x.label === t.label)?.samples ?? [])
        const row = [t.label]
        for (const s of samples) row.push(fmt(median(s), 1), fmt(p99(s), 1))
        if (both)
          row.push(
            ratio(median(samples[0] ?? []), median(samples[1] ?? [])),
            ratio(p99(samples[0] ?? []), p99(samples[1] ?? [])),
          )
        return row
      }),
    ),
  )
  for (const r of results) if (r.pageNote) log(`${backendName[r.backend]}: ${r.pageNote}`)
  log('Ratios are PGlite ÷ PostgreSQL: above 1× PGlite is slower.')

  for (const r of results) {
    for (const e of r.explains) {
      log()
      log(`## EXPLAIN ANALYZE on ${backendName[r.backend]}: ${e.query} (${e.why})`)
      log()
      const lines = e.plan.split('\n')
      log(lines.slice(0, 60).join('\n'))
      if (lines.length > 60) log(`… ${lines.length - 60} more lines`)
    }
  }
}

if (process.argv[2] === '--child') {
  const backend = process.argv[3]
  if (backend !== 'pglite' && backend !== 'postgres') throw new Error('--child pglite|postgres')
  await child(backend)
} else await parent()
