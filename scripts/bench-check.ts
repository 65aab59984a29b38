// The contact check at scale (issue 5, "Measured"): with 100,000 people, 1,000,000 contacts and 5,000 restrictions in
// force, the throughput and latency of POST /api/v1/contact-checks over HTTP with 50 clients at once, on PGlite and on
// PostgreSQL, against a baseline of the same server answering a constant (GET /api/v1/me: the token lookup, then a
// constant; and GET /health, no database at all).
//
//   npm run bench:check                (node --import tsx scripts/bench-check.ts)
//
// Settings (environment), all optional:
//   BENCH_CHECK_PEOPLE=100000        people on the record (as scripts/bench-record.ts loads them)
//   BENCH_CHECK_CONTACTS=1000000     contacts in all
//   BENCH_CHECK_RESTRICTIONS=5000    restrictions in force (on 70% as many people: 30% of them have two)
//   BENCH_CHECK_CONCURRENCY=50       requests in flight
//   BENCH_CHECK_SECONDS=15           timed seconds per measurement, after BENCH_CHECK_WARMUP_SECONDS=5 untimed
//   BENCH_CHECK_ROUNDS=2             rounds of all measurements (baseline and checks in turn, so drift hits all alike)
//   BENCH_CHECK_INPROCESS=200        sequential in-process calls per kind (where the time goes), before the server starts
//   BENCH_CHECK_LOG_LEVEL=info       the server's LOG_LEVEL (info is the service's default; the log goes to a file)
//   BENCH_CHECK_ONLY=pglite|postgres measure one database only
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
//                                    a loopback PostgreSQL server; a throwaway database is created on it and dropped after
//
// How it works: this process (the parent) makes a temporary directory and a throwaway PostgreSQL database, then runs
// itself once per database as a child process (`--child pglite|postgres`). Each child opens and migrates a fresh
// database, loads the record with scripts/bench-data.ts (the same rows as bench-record.ts), adds the restrictions in
// force with set-based SQL (a case, an approved proposal with two approving decisions and its notice issued, and its
// restrictions, per restricted person: rows as the procedure's services write them), a front-line staff user and an
// API token; checks what the contact check answers for samples of people, times the pieces in-process one at a time,
// then builds the app with buildApp() and listens on a loopback port, as `fair-contact serve` does. The parent is the
// load generator: node:http with a keep-alive Agent, N requests in flight, each timed from sending to the last byte
// of the body, the status and body checked. Client and server are separate processes, as they would be in use.
//
// Everything is bounded: a fixed time per measurement, 10 s per request, 25 minutes per child and 40 minutes overall.
// Only 127.0.0.1 is contacted. The temporary directory and the PostgreSQL database are removed at the end, even on
// failure or Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import {
  BENCH_STAFF_ARRAY,
  backendName,
  benchUuidSql,
  fmt,
  HEAVY_NAME,
  HOST,
  int,
  loadAverage,
  loadRecord,
  log,
  machine,
  median,
  quantile,
  restrictionTermsSql,
  ROOT,
  rssMiB,
  sleep,
  sortedCopy,
  table,
  type Backend,
  type LoadStep,
} from './bench-data.ts'

const SELF = path.join(ROOT, 'scripts', 'bench-check.ts')

const CHILD_TIMEOUT_MS = 25 * 60_000
const RUN_TIMEOUT_MS = 40 * 60_000
const READY_TIMEOUT_MS = 20 * 60_000 // the child loads the data before it answers
const IPC_TIMEOUT_MS = 60_000
const REQUEST_TIMEOUT_MS = 10_000
const STATEMENT_TIMEOUT_MS = 5 * 60_000 // PostgreSQL only: PGlite cannot interrupt a running statement
const SAMPLES = 1_000 // people per kind of check; the clients go round them

const settings = {
  people: int('BENCH_CHECK_PEOPLE', 100_000, 1_000, 1_000_000),
  contacts: int('BENCH_CHECK_CONTACTS', 1_000_000, 10_000, 10_000_000),
  restrictions: int('BENCH_CHECK_RESTRICTIONS', 5_000, 10, 50_000),
  concurrency: int('BENCH_CHECK_CONCURRENCY', 50, 1, 500),
  seconds: int('BENCH_CHECK_SECONDS', 15, 1, 300),
  rounds: int('BENCH_CHECK_ROUNDS', 2, 1, 10),
  warmupSeconds: int('BENCH_CHECK_WARMUP_SECONDS', 5, 0, 60),
  inProcess: int('BENCH_CHECK_INPROCESS', 200, 1, 5_000),
  logLevel: process.env.BENCH_CHECK_LOG_LEVEL || 'info',
  only: process.env.BENCH_CHECK_ONLY as Backend | undefined,
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
}
const restrictedPeople = settings.restrictions - Math.floor(settings.restrictions * 0.3)
const doubles = settings.restrictions - restrictedPeople // people with two restrictions

// ---------------------------------------------------------------------------------------------------------------------
// What the child tells the parent

interface Sample {
  personId: string
  body: Record<string, unknown>
}

interface InProcess {
  label: string
  samples: number[]
  /** SQL statements per call (BEGIN and COMMIT not counted). */
  queries: number
}

interface Ready {
  type: 'ready'
  port: number
  authorization: string
  staffEmail: string
  version: string
  loadSteps: LoadStep[]
  counts: Record<string, number>
  samples: Record<CheckKind, Sample[]>
  verdicts: Record<CheckKind, Record<string, number>>
  identified: Record<CheckKind, number>
  inProcess: InProcess[]
  rssMiB: number
  poolSize: string
}

type CheckKind = 'restricted' | 'unrestricted' | 'namePostcode'
const checkKinds: CheckKind[] = ['restricted', 'unrestricted', 'namePostcode']

// ---------------------------------------------------------------------------------------------------------------------
// The child: one database, loaded, restricted, served

async function child(backend: Backend): Promise<void> {
  const target = process.env.BENCH_CHECK_TARGET
  const logFile = process.env.BENCH_CHECK_SERVER_LOG
  if (!target || !logFile || !process.send) throw new Error('the child needs BENCH_CHECK_TARGET, a log file and IPC')
  const send = (message: unknown) => process.send?.(message)
  const { sql, CompiledQuery } = await import('kysely')
  const { loadConfig } = await import('../src/config.ts')
  const { openDatabase } = await import('../src/db/open.ts')
  const { formatPhone } = await import('../src/domain/identifiers.ts')
  const { createServices } = await import('../src/services.ts')
  const { buildApp } = await import('../src/app.ts')
  const { hashSecret, newSecret } = await import('../src/web/credentials.ts')
  const { resolveApiToken } = await import('../src/web/identity.ts')
  const { runContactCheck, holidayNames } = await import('../src/features/contact-check/contact-check.service.ts')
  const { identify } = await import('../src/features/contact-check/identify.ts')
  const { restrictionsOfPerson } = await import('../src/features/restrictions/restrictions.repository.ts')
  const { contactCheckBody } = await import('../src/features/contact-check/schema.ts')

  const say = (line: string) => log(`  [${backendName[backend]}] ${line}`)
  const env: Record<string, string> = {
    NODE_ENV: 'production', // as deployed: templates compiled once
    BASE_URL: `http://${HOST}:3000`,
    LOG_LEVEL: settings.logLevel,
    COUNCIL_NAME: 'Benchmark Council',
    COUNCIL_ADDRESS: 'Civic Centre, Benchmark LS1 1AA',
    AUDIT_KEY: 'benchmark audit key: at least thirty-two characters', // required in production (K4)
  }
  if (backend === 'pglite') env.DATA_DIR = target
  else env.DATABASE_URL = target
  const config = loadConfig(env)

  const started = performance.now()
  const handle = await openDatabase(config)
  const { db } = handle
  const loadSteps: LoadStep[] = [{ step: 'open + migrate', ms: performance.now() - started, rows: 0 }]
  say(`opened and migrated in ${fmt(loadSteps[0]?.ms ?? NaN, 0)} ms`)
  const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? ''
  const logStream = fs.createWriteStream(logFile)
  let app: Awaited<ReturnType<typeof buildApp>> | undefined
  try {
    log()
    loadSteps.push(...(await loadRecord(db, settings.people, settings.contacts, say)))

    // ----- The restrictions in force ----------------------------------------------------------------------------------
    const R = restrictedPeople
    const staffArray = BENCH_STAFF_ARRAY
    const uuid = benchUuidSql
    // Restricted people: a pseudo-random choice of those with a phone number of their own (so that the number
    // identifies them), no safety marker (a marker adds an audit write to every check: not what is measured here),
    // not a councillor (S2: not this procedure), not the 5,000-entry person.
    const steps: [string, string][] = [
      [
        'restricted people (helper table)',
        `create table bench_restricted as
         select row_number() over (order by md5('restricted:' || p.id))::int as k, p.id as person_id
           from person p join person_phone ph on ph.person_id = p.id
          where not p.is_councillor and p.merged_into is null and p.full_name <> '${HEAVY_NAME.replaceAll("'", "''")}'
            and not exists (select 1 from safety_marker m where m.person_id = p.id)
            and (select count(*) from person_phone x where x.e164 = ph.e164) = 1
          order by md5('restricted:' || p.id)
          limit ${R}`,
      ],
      [
        'restriction slots (helper table)',
        // Types in turn; a second restriction for the first ${doubles}; matter_closed needs a closed matter of the
        // person, and becomes a contact agreement for someone with none.
        `create table bench_slot as
         select s.k, s.person_id, s.j,
                case when s.wanted = 'matter_closed' and s.closed_matter is null then 'contact_agreement' else s.wanted end as type,
                s.closed_matter
           from (select r.k, r.person_id, g.j,
                        (array['contact_method','named_contact','phone_times','contact_agreement','matter_closed'])[1 + (r.k + 2 * g.j) % 5] as wanted,
                        (select m.id from matter m where m.person_id = r.person_id and m.status = 'closed' order by m.id limit 1) as closed_matter
                   from bench_restricted r
                  cross join lateral generate_series(0, case when r.k <= ${doubles} then 1 else 0 end) g(j)) s`,
      ],
      [
        'procedure cases',
        `insert into procedure_case (id, reference, person_id, service, reason, business_as_usual_measures,
                                     adjustments_considered, opened_by, opened_at)
         select ${uuid('case', 'k')}, 'UCB-BENCH-' || lpad(k::text, 6, '0'), person_id, 'Housing',
                'Repeated abusive calls to the housing team', 'A single point of contact and fortnightly update letters',
                'Large print letters offered', st.ids[3], now() - (20 + k % 200) * interval '1 day'
           from bench_restricted cross join (select ${staffArray} as ids) st`,
      ],
      [
        'proposals (approved, notice issued)',
        `insert into proposal (id, case_id, person_id, rationale, alternatives_considered, adjustments_considered,
                               starts_on, ends_on, review_on, status, proposed_by, proposed_at, notice_issued_on)
         select ${uuid('proposal', 'k')}, ${uuid('case', 'k')}, person_id,
                'Calls continued after the warning', 'A contact agreement was tried first', 'Large print letters offered',
                current_date - (10 + k % 200), current_date + (30 + k % 300), current_date + (16 + k % 300),
                'approved', st.ids[4], now() - (15 + k % 200) * interval '1 day', current_date - (10 + k % 200)
           from bench_restricted cross join (select ${staffArray} as ids) st`,
      ],
      [
        'decisions (two approvals each)',
        `insert into decision (proposal_id, role, decided_by, decision, reasons, decided_at)
         select ${uuid('proposal', 'k')}, d.role, st.ids[d.i], 'approve', 'Proportionate to the behaviour recorded.',
                now() - (12 + k % 200) * interval '1 day'
           from bench_restricted
          cross join (values ('chief_executive', 1), ('monitoring_officer', 2)) d(role, i)
          cross join (select ${staffArray} as ids) st`,
      ],
      [
        'restrictions',
        `insert into restriction (proposal_id, case_id, person_id, type, terms, council_wide, services, starts_on,
                                  ends_on, review_on)
         select p.id, p.case_id, s.person_id, s.type,
                ${restrictionTermsSql('s.type', 's.k', 'p.starts_on', 's.closed_matter', 'st.ids')},
                not (s.j = 1 and s.k % 3 = 0), case when s.j = 1 and s.k % 3 = 0 then array['Housing'] else '{}' end,
                p.starts_on, p.ends_on, p.review_on
           from bench_slot s
           join proposal p on p.id = ${uuid('proposal', 's.k')}
          cross join (select ${staffArray} as ids) st`,
      ],
      [
        'front-line user',
        `insert into staff_user (email, name) values ('frontline@bench.example', 'Frankie Front');
         insert into staff_role (staff_user_id, role) select id, 'frontline' from staff_user where email = 'frontline@bench.example'`,
      ],
    ]
    log()
    say(
      `adding ${settings.restrictions.toLocaleString('en-GB')} restrictions in force on ${R.toLocaleString('en-GB')} people…`,
    )
    await db.connection().execute(async (conn) => {
      for (const [step, text] of steps) {
        const t0 = performance.now()
        let rows = 0
        for (const statement of text.split(/;\n\s*/)) {
          const result = await conn.executeQuery(CompiledQuery.raw(statement))
          rows += Number(result.numAffectedRows ?? 0)
        }
        const took = performance.now() - t0
        loadSteps.push({ step, ms: took, rows })
        say(`  ${step}: ${rows ? `${rows.toLocaleString('en-GB')} rows in ` : ''}${fmt(took / 1000, 1)} s`)
      }
    })
    const token = newSecret('fc_')
    const staff = await db
      .selectFrom('staff_user')
      .select(['id', 'name', 'email'])
      .where('email', '=', 'frontline@bench.example')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('api_token')
      .values({ staff_user_id: staff.id, label: 'benchmark', token_hash: hashSecret(token), created_by: null })
      .execute()
    const t0 = performance.now()
    await sql`analyze procedure_case, proposal, decision, restriction, staff_user, staff_role, api_token`.execute(db)
    loadSteps.push({ step: 'ANALYZE (procedure tables)', ms: performance.now() - t0, rows: 0 })

    const counts: Record<string, number> = {}
    for (const t of [
      'person',
      'person_phone',
      'matter',
      'contact',
      'procedure_case',
      'proposal',
      'restriction',
    ] as const)
      counts[t] = Number(
        (
          await db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const byType = await sql<{ type: string; n: number }>`
      select type, count(*)::int as n from restriction group by type order by type`.execute(db)
    for (const r of byType.rows) counts[`restriction: ${r.type}`] = r.n
    const scoped = await sql<{ n: number }>`select count(*)::int as n from restriction where not council_wide`.execute(
      db,
    )
    counts['restriction: scoped to Housing only'] = scoped.rows[0]?.n ?? 0
    say(
      `rows: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
        .join(', ')}`,
    )

    // ----- Samples: whom the clients ask about --------------------------------------------------------------------
    const eligible = `not p.is_councillor and p.merged_into is null and p.full_name <> '${HEAVY_NAME.replaceAll("'", "''")}'
            and not exists (select 1 from safety_marker m where m.person_id = p.id)`
    const restricted = await sql<{ id: string; e164: string }>`
      select r.person_id as id, ph.e164 from bench_restricted r join person_phone ph on ph.person_id = r.person_id
       order by md5('sample:' || r.person_id) limit ${SAMPLES}`.execute(db)
    const unrestricted = await sql<{ id: string; e164: string }>`
      select p.id, ph.e164 from person p join person_phone ph on ph.person_id = p.id
       where ${sql.raw(eligible)}
         and not exists (select 1 from restriction r where r.person_id = p.id)
         and (select count(*) from person_phone x where x.e164 = ph.e164) = 1
       order by md5('unrestricted:' || p.id) limit ${SAMPLES}`.execute(db)
    const named = await sql<{ id: string; full_name: string; postcode: string }>`
      select p.id, p.full_name, (select a.postcode from person_address a where a.person_id = p.id limit 1) as postcode
        from person p
       where ${sql.raw(eligible)} and exists (select 1 from person_address a where a.person_id = p.id)
       order by md5('named:' || p.id) limit ${SAMPLES}`.execute(db)
    await sql`drop table bench_slot`.execute(db)
    await sql`drop table bench_restricted`.execute(db)
    // As a front-line officer types them: the number as it is usually written, the name in lower case half the time.
    const samples: Record<CheckKind, Sample[]> = {
      restricted: restricted.rows.map((r) => ({
        personId: r.id,
        body: { phone: formatPhone(r.e164), channel: 'phone' },
      })),
      unrestricted: unrestricted.rows.map((r) => ({
        personId: r.id,
        body: { phone: formatPhone(r.e164), channel: 'phone' },
      })),
      namePostcode: named.rows.map((r, i) => ({
        personId: r.id,
        body: { name: i % 2 ? r.full_name.toLowerCase() : r.full_name, postcode: r.postcode, channel: 'phone' },
      })),
    }
    for (const kind of checkKinds) for (const s of samples[kind]) contactCheckBody.parse(s.body) // what the route will accept

    // K4: the audit trail under its key before anything is measured, as the service does when it starts.
    const { useConfiguredAuditKey } = await import('../src/features/audit/audit.service.ts')
    const { bringTrailUnderKey } = await import('../src/audit/audit.ts')
    useConfiguredAuditKey(config)
    await bringTrailUnderKey(db)

    // ----- In-process, one call at a time: what each piece costs, and what the check answers ----------------------
    const services = createServices(handle, config)
    const actor = { id: staff.id, label: staff.name, roles: ['frontline' as const] }
    let queries = 0
    const counting = db.withPlugin({
      transformQuery: (args) => {
        queries++
        return args.node
      },
      transformResult: async (args) => args.result,
    })
    const inProcess: InProcess[] = []
    let timing = false // true during the timed calls only
    const time = async (label: string, n: number, call: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < Math.min(20, n); i++) await call(i) // untimed
      queries = 0
      await call(0)
      const perCall = queries
      const samples: number[] = []
      timing = true
      for (let i = 0; i < n; i++) {
        const t = performance.now()
        await call(i)
        samples.push(performance.now() - t)
      }
      timing = false
      inProcess.push({ label, samples, queries: perCall })
      say(
        `  ${label.padEnd(52)} median ${fmt(median(samples), 2).padStart(7)} ms, p99 ${fmt(quantile(sortedCopy(samples), 0.99), 2).padStart(7)} ms, ${perCall} statements`,
      )
    }
    const N = settings.inProcess
    log()
    say(`in-process, one call at a time: ${N} timed calls each after 20 untimed`)
    await time('select 1 (one round trip, the floor)', N, () => sql`select 1`.execute(counting))
    await time('an empty transaction (BEGIN, select 1, COMMIT)', N, () =>
      counting.transaction().execute((trx) => sql`select 1`.execute(trx)),
    )
    await time('resolveApiToken (the lookup of /api/v1/me)', N, () => resolveApiToken(counting, token, new Date()))
    await time('holidayNames() (all bank holidays, read by every check)', N, () => holidayNames(counting))
    const verdicts = {} as Record<CheckKind, Record<string, number>>
    const identified = {} as Record<CheckKind, number>
    for (const kind of checkKinds) {
      const list = samples[kind]
      const pick = (i: number) => list[i % list.length] as Sample
      if (kind !== 'namePostcode') await time(`identify(), ${kind} phone`, N, (i) => identify(counting, pick(i).body))
      if (kind === 'restricted')
        await time('restrictionsOfPerson(), restricted', N, (i) => restrictionsOfPerson(counting, pick(i).personId))
      const tally: Record<string, number> = {}
      let found = 0
      await time(`runContactCheck() in a transaction, ${kindName[kind]}`, N, async (i) => {
        const s = pick(i)
        const answer = await counting
          .transaction()
          .execute((trx) => runContactCheck(trx, actor, contactCheckBody.parse(s.body), new Date()))
        if (!timing) return
        const key = answer.person ? answer.verdict : answer.candidates.length ? 'candidates listed' : 'no one found'
        tally[key] = (tally[key] ?? 0) + 1
        if (answer.person?.id === s.personId) found++
      })
      verdicts[kind] = tally
      identified[kind] = found
      say(
        `    answers: ${Object.entries(tally)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}; the intended person identified in ${found} of ${N}`,
      )
    }
    if (
      identified.unrestricted === 0 ||
      !verdicts.restricted ||
      !Object.keys(verdicts.restricted).some((v) => v !== 'proceed')
    )
      throw new Error('the samples do not give the answers expected: the data would measure something else')

    // ----- The server, as `fair-contact serve` runs it -----------------------------------------------------------
    app = await buildApp(services, { logStream })
    await app.listen({ port: 0, host: HOST })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    say(`listening on ${HOST}:${port}; LOG_LEVEL=${settings.logLevel} to a file`)
    const done = new Promise<void>((resolve) => {
      process.on('message', (message: { type?: string }) => {
        if (message?.type === 'cpu') send({ type: 'cpu', usage: process.cpuUsage(), rssMiB: rssMiB() })
        if (message?.type === 'done') resolve()
      })
    })
    const ready: Ready = {
      type: 'ready',
      port,
      authorization: `Bearer ${token}`,
      staffEmail: staff.email,
      version,
      loadSteps,
      counts,
      samples,
      verdicts,
      identified,
      inProcess,
      rssMiB: rssMiB(),
      poolSize: backend === 'postgres' ? '10 connections (src/db/connect.ts)' : 'one connection (embedded)',
    }
    send(ready)
    await done
  } finally {
    await app?.close()
    await handle.close()
    logStream.end()
  }
  process.disconnect?.()
}

const kindName: Record<CheckKind, string> = {
  restricted: 'restricted person by phone',
  unrestricted: 'unrestricted person by phone',
  namePostcode: 'name + postcode',
}

// ---------------------------------------------------------------------------------------------------------------------
// The load: N requests in flight for a fixed time

interface Endpoint {
  name: string
  method: 'GET' | 'POST'
  path: string
  /** Bodies to send in turn (POST); the person each is about. */
  bodies?: Sample[]
  auth: boolean
}

interface LoadResult {
  latencies: Float64Array // successful requests only, sorted
  completed: number
  errors: number
  firstError?: string
  wallMs: number
  verdicts: Record<string, number>
  identified: number
  clientCpuMs: number
  serverCpuMs: number
  machineBusy: number // fraction of all cores' time busy during the measurement (whole machine)
}

let stopping = false

function cpuTimes(): { busy: number; total: number } {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? []
    const total = fields.reduce((a, b) => a + b, 0)
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0)
    return { busy: total - idle, total }
  } catch {
    return { busy: NaN, total: NaN }
  }
}

function request(
  agent: http.Agent,
  port: number,
  endpoint: Endpoint,
  authorization: string,
  body: string | undefined,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {}
    if (endpoint.auth) headers.authorization = authorization
    if (body !== undefined) {
      headers['content-type'] = 'application/json'
      headers['content-length'] = String(Buffer.byteLength(body))
    }
    const req = http.request(
      { host: HOST, port, path: endpoint.path, method: endpoint.method, agent, headers, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)))
    req.on('error', reject)
    req.end(body)
  })
}

async function load(
  port: number,
  authorization: string,
  endpoint: Endpoint,
  seconds: number,
  concurrency: number,
  serverCpu: () => Promise<number>,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const bodies = endpoint.bodies?.map((b) => JSON.stringify(b.body))
  const latencies: number[] = []
  const verdicts: Record<string, number> = {}
  let identified = 0
  let next = 0
  let errors = 0
  let firstError: string | undefined
  const serverBefore = await serverCpu()
  const clientBefore = process.cpuUsage()
  const machineBefore = cpuTimes()
  const started = performance.now()
  const until = started + seconds * 1000
  const worker = async () => {
    while (performance.now() < until && !stopping) {
      const i = next++
      const sample = endpoint.bodies?.[i % endpoint.bodies.length]
      const sent = performance.now()
      try {
        const { status, body } = await request(agent, port, endpoint, authorization, bodies?.[i % bodies.length])
        const took = performance.now() - sent
        if (status !== 200) {
          errors++
          firstError ??= `HTTP ${status}: ${body.slice(0, 200)}`
        } else if (sample) {
          const answer = JSON.parse(body) as { verdict: string; person: { id: string } | null; candidates: unknown[] }
          const key = answer.person ? answer.verdict : answer.candidates.length ? 'candidates listed' : 'no one found'
          verdicts[key] = (verdicts[key] ?? 0) + 1
          if (answer.person?.id === sample.personId) identified++
          latencies.push(took)
        } else latencies.push(took)
      } catch (error) {
        errors++
        firstError ??= error instanceof Error ? error.message : String(error)
      }
      if (errors > 100 && errors > latencies.length / 20)
        throw new Error(`${endpoint.name}: too many failures, first: ${firstError}`)
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
  } finally {
    agent.destroy()
  }
  const wallMs = performance.now() - started
  const client = process.cpuUsage(clientBefore)
  const machineAfter = cpuTimes()
  const serverAfter = await serverCpu()
  return {
    latencies: sortedCopy(latencies),
    completed: latencies.length,
    errors,
    firstError,
    wallMs,
    verdicts,
    identified,
    clientCpuMs: (client.user + client.system) / 1000,
    serverCpuMs: serverAfter - serverBefore,
    machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The parent: temporary directory, PostgreSQL database, children, load, tables

interface Measured {
  endpoint: string
  round: number
  result: LoadResult
}

interface BackendResult {
  backend: Backend
  ready: Ready
  measured: Measured[]
  loadAtStart: string
  loadAtEnd: string
  serverRssMiB: number
}

/** For deadlines raced against something else: an unref'd timer never keeps the process alive by itself. */
const deadline = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL')
})

async function runBackend(backend: Backend, env: Record<string, string>): Promise<BackendResult | string> {
  const c = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', backend], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  running.add(c)
  const killer = setTimeout(() => {
    log(`  [${backendName[backend]}] still running after ${CHILD_TIMEOUT_MS / 60_000} minutes: killed`)
    c.kill('SIGKILL')
  }, CHILD_TIMEOUT_MS)
  const exited = new Promise<number | string>((resolve) =>
    c.once('exit', (code, signal) => resolve(code ?? `${signal}`)),
  )
  const nextMessage = <T>(type: string, ms: number) =>
    Promise.race([
      new Promise<T>((resolve) => {
        const on = (message: { type?: string }) => {
          if (message?.type !== type) return
          c.off('message', on)
          resolve(message as T)
        }
        c.on('message', on)
      }),
      exited.then((code) => {
        throw new Error(`the ${backendName[backend]} child ended (exit ${code}) before it sent "${type}"`)
      }),
      deadline(ms).then(() => {
        throw new Error(`no "${type}" from the ${backendName[backend]} child within ${ms / 1000} s`)
      }),
    ])
  let lastRss = NaN
  const serverCpu = async () => {
    c.send({ type: 'cpu' })
    const { usage, rssMiB: rss } = await nextMessage<{ usage: NodeJS.CpuUsage; rssMiB: number }>('cpu', IPC_TIMEOUT_MS)
    lastRss = rss
    return (usage.user + usage.system) / 1000
  }
  try {
    const ready = await nextMessage<Ready>('ready', READY_TIMEOUT_MS)
    const say = (line: string) => log(`  [${backendName[backend]}] ${line}`)
    const loadAtStart = loadAverage()
    log()
    say(
      `load: ${settings.concurrency} requests in flight, ${settings.warmupSeconds} s warm-up then ${settings.seconds} s timed, each (load average ${loadAtStart})`,
    )
    const endpoints: Endpoint[] = [
      { name: 'GET /health (no database)', method: 'GET', path: '/health', auth: false },
      { name: 'GET /api/v1/me (token lookup + constant)', method: 'GET', path: '/api/v1/me', auth: true },
      ...checkKinds.map((kind): Endpoint => ({
        name: `check: ${kindName[kind]}`,
        method: 'POST',
        path: '/api/v1/contact-checks',
        bodies: ready.samples[kind],
        auth: true,
      })),
    ]
    const measured: Measured[] = []
    for (let round = 1; round <= settings.rounds; round++)
      for (const endpoint of endpoints) {
        if (settings.warmupSeconds)
          await load(ready.port, ready.authorization, endpoint, settings.warmupSeconds, settings.concurrency, serverCpu)
        const result = await load(
          ready.port,
          ready.authorization,
          endpoint,
          settings.seconds,
          settings.concurrency,
          serverCpu,
        )
        measured.push({ endpoint: endpoint.name, round, result })
        const l = result.latencies
        say(
          `  ${round}: ${endpoint.name.padEnd(44)} ${fmt((result.completed / result.wallMs) * 1000, 0).padStart(6)} req/s, median ${fmt(quantile(l, 0.5), 1).padStart(6)} ms, ` +
            `p95 ${fmt(quantile(l, 0.95), 1).padStart(6)}, p99 ${fmt(quantile(l, 0.99), 1).padStart(6)} ms; ${result.errors} errors` +
            (result.firstError ? ` (first: ${result.firstError})` : '') +
            (Object.keys(result.verdicts).length
              ? `; ${Object.entries(result.verdicts)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}`
              : ''),
        )
      }
    c.send({ type: 'done' })
    const code = await Promise.race([exited, deadline(60_000).then(() => 'no exit within 60 s')])
    if (code !== 0) log(`  [${backendName[backend]}] the child ended with ${code}`)
    return { backend, ready, measured, loadAtStart, loadAtEnd: loadAverage(), serverRssMiB: lastRss }
  } catch (error) {
    c.kill('SIGKILL')
    return `the ${backendName[backend]} run failed: ${error instanceof Error ? error.message : String(error)}`
  } finally {
    clearTimeout(killer)
    await Promise.race([exited, deadline(5000)])
    running.delete(c)
  }
}

async function parent(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-bench-check-'))
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
      stopping = true
      for (const c of running) c.kill('SIGKILL')
      await sleep(running.size ? 500 : 0)
      if (dbName) {
        const name = dbName
        await admin((client) => client.query(`drop database if exists "${name}" with (force)`)).catch((error) =>
          process.stderr.write(`bench-check: could not drop database ${name}: ${String(error)}\n`),
        )
      }
      fs.rmSync(tmp, { recursive: true, force: true })
    })())
  const abort = (why: string, code: number) => {
    process.stderr.write(`bench-check: ${why}; cleaning up\n`)
    void cleanUp().finally(() => process.exit(code))
  }
  process.once('SIGINT', () => abort('interrupted', 130))
  process.once('SIGTERM', () => abort('terminated', 143))
  const overall = setTimeout(() => abort(`still running after ${RUN_TIMEOUT_MS / 60_000} minutes`, 1), RUN_TIMEOUT_MS)
  overall.unref()

  try {
    log('# Fair Contact: the contact check at scale (issue 5)')
    log()
    for (const line of machine()) log(`- ${line}`)
    log(
      `- data: ${settings.people.toLocaleString('en-GB')} people, ${settings.contacts.toLocaleString('en-GB')} contacts, ` +
        `${settings.restrictions.toLocaleString('en-GB')} restrictions in force on ${restrictedPeople.toLocaleString('en-GB')} people; ` +
        `${settings.concurrency} requests in flight; ${settings.warmupSeconds} s warm-up + ${settings.seconds} s per measurement; server LOG_LEVEL=${settings.logLevel}`,
    )
    const backends: Backend[] = settings.only ? [settings.only] : ['pglite', 'postgres']
    const results: BackendResult[] = []
    for (const backend of backends) {
      log()
      log(`## ${backendName[backend]} (load average ${loadAverage()})`)
      const env: Record<string, string> = { BENCH_CHECK_SERVER_LOG: path.join(tmp, `${backend}-server.log`) }
      if (backend === 'pglite') env.BENCH_CHECK_TARGET = path.join(tmp, 'pglite-data')
      else {
        if (!['127.0.0.1', 'localhost', '[::1]'].includes(serverUrl.hostname)) {
          log(`  skipped: BENCH_POSTGRES_URL must point at 127.0.0.1, not ${serverUrl.hostname}`)
          continue
        }
        if (serverUrl.hostname === 'localhost') serverUrl.hostname = HOST
        const name = `fair_contact_bench_check_${randomBytes(5).toString('hex')}`
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
        env.BENCH_CHECK_TARGET = url.toString()
      }
      const result = await runBackend(backend, env)
      if (typeof result === 'string') log(`  ${result}`)
      else {
        results.push(result)
        const serverLog = env.BENCH_CHECK_SERVER_LOG ?? ''
        const notable = fs.existsSync(serverLog)
          ? fs
              .readFileSync(serverLog, 'utf8')
              .split('\n')
              .filter((line) => /"level":(4|5|6)\d/.test(line))
          : []
        log(
          `  server log lines at warn or above: ${notable.length}${notable[0] ? `, first: ${notable[0].slice(0, 300)}` : ''}`,
        )
      }
    }
    if (results.length) report(results)
    if (results.length < backends.length) process.exitCode = 1
  } catch (error) {
    process.stderr.write(`bench-check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  } finally {
    await cleanUp()
    clearTimeout(overall)
  }
}

/** All rounds of one endpoint together: latencies pooled, rates averaged, counts summed. */
interface Pooled {
  endpoint: string
  latencies: Float64Array
  rate: number
  errors: number
  completed: number
  serverCpuMsPerRequest: number
  clientCpuMsPerRequest: number
  machineBusy: number
  verdicts: Record<string, number>
  identified: number
}

function pool(measured: Measured[], endpoint: string): Pooled {
  const runs = measured.filter((m) => m.endpoint === endpoint).map((m) => m.result)
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0)
  const verdicts: Record<string, number> = {}
  for (const r of runs) for (const [k, v] of Object.entries(r.verdicts)) verdicts[k] = (verdicts[k] ?? 0) + v
  const requests = sum((r) => r.completed + r.errors) || 1
  return {
    endpoint,
    latencies: sortedCopy(runs.flatMap((r) => [...r.latencies])),
    rate: sum(rate) / (runs.length || 1),
    errors: sum((r) => r.errors),
    completed: sum((r) => r.completed),
    serverCpuMsPerRequest: sum((r) => r.serverCpuMs) / requests,
    clientCpuMsPerRequest: sum((r) => r.clientCpuMs) / requests,
    machineBusy: sum((r) => r.machineBusy) / (runs.length || 1),
    verdicts,
    identified: sum((r) => r.identified),
  }
}

const ME = 'GET /api/v1/me (token lookup + constant)'

function report(results: BackendResult[]): void {
  log()
  log('# Results')
  log()
  for (const r of results)
    log(
      `- ${backendName[r.backend]}: ${r.ready.version.split(' on ')[0]}; pool: ${r.ready.poolSize}; load average ${r.loadAtStart} → ${r.loadAtEnd}; ` +
        `server RSS ${fmt(r.ready.rssMiB, 0)} MiB when ready, ${fmt(r.serverRssMiB, 0)} MiB at the end`,
    )
  const endpointsOf = (r: BackendResult) => [...new Set(r.measured.map((m) => m.endpoint))]

  for (const r of results) {
    log()
    log(
      `## ${backendName[r.backend]}: ${settings.concurrency} requests in flight over HTTP, ${settings.rounds} × ${settings.seconds} s each (ms)`,
    )
    log()
    const pooled = endpointsOf(r).map((e) => pool(r.measured, e))
    const me = pooled.find((p) => p.endpoint === ME)
    const baseMedian = me ? quantile(me.latencies, 0.5) : NaN
    const baseRate = me?.rate ?? NaN
    log(
      table(
        [
          'request',
          'req/s',
          'median',
          'p95',
          'p99',
          'errors',
          'median ÷ /me median',
          '/me req/s ÷ req/s',
          'server CPU ms/req',
          'client CPU ms/req',
          'machine busy',
        ],
        pooled.map((p) => [
          p.endpoint,
          fmt(p.rate, 0),
          fmt(quantile(p.latencies, 0.5), 1),
          fmt(quantile(p.latencies, 0.95), 1),
          fmt(quantile(p.latencies, 0.99), 1),
          String(p.errors),
          `${fmt(quantile(p.latencies, 0.5) / baseMedian, 2)}×`,
          `${fmt(baseRate / p.rate, 2)}×`,
          fmt(p.serverCpuMsPerRequest, 2),
          fmt(p.clientCpuMsPerRequest, 2),
          `${fmt(p.machineBusy * 100, 0)}%`,
        ]),
      ),
    )
    log(
      'Latencies of all rounds pooled; req/s is the mean of the rounds. Machine busy: all cores, whole machine (other sessions included).',
    )
    if (settings.rounds > 1) {
      log()
      log('Round by round (req/s, median ms; ratio to the /me of the same round):')
      log()
      const header = ['request']
      for (let round = 1; round <= settings.rounds; round++)
        header.push(`${round}: req/s`, `${round}: median`, `${round}: ÷ /me median`)
      log(
        table(
          header,
          endpointsOf(r).map((e) => {
            const row = [e]
            for (let round = 1; round <= settings.rounds; round++) {
              const m = r.measured.find((x) => x.endpoint === e && x.round === round)?.result
              const base = r.measured.find((x) => x.endpoint === ME && x.round === round)?.result
              const med = m ? quantile(m.latencies, 0.5) : NaN
              row.push(
                m ? fmt(rate(m), 0) : 'n/a',
                fmt(med, 1),
                `${fmt(med / (base ? quantile(base.latencies, 0.5) : NaN), 2)}×`,
              )
            }
            return row
          }),
        ),
      )
    }
    log()
    log(`### In-process, one call at a time (ms; ${settings.inProcess} calls each)`)
    log()
    log(
      table(
        ['call', 'median', 'p99', 'SQL statements'],
        r.ready.inProcess.map((t) => [
          t.label,
          fmt(median(t.samples), 2),
          fmt(quantile(sortedCopy(t.samples), 0.99), 2),
          String(t.queries),
        ]),
      ),
    )
    log('SQL statements: per call, BEGIN and COMMIT not counted.')
    log()
    log('What the checks answered over HTTP (timed phases):')
    for (const p of pooled)
      if (Object.keys(p.verdicts).length)
        log(
          `- ${p.endpoint}: ${Object.entries(p.verdicts)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}; the intended person identified in ${p.identified} of ${p.completed}`,
        )
  }

  if (results.length > 1) {
    log()
    log('## Side by side (ms; req/s)')
    log()
    const names = results.map((r) => backendName[r.backend])
    const header = ['request']
    for (const n of names) header.push(`${n} req/s`, `${n} median`, `${n} p99`, `${n} ÷ /me`)
    log(
      table(
        header,
        endpointsOf(results[0] as BackendResult).map((e) => {
          const row = [e]
          for (const r of results) {
            const p = pool(r.measured, e)
            const me = pool(r.measured, ME)
            row.push(
              fmt(p.rate, 0),
              fmt(quantile(p.latencies, 0.5), 1),
              fmt(quantile(p.latencies, 0.99), 1),
              `${fmt(quantile(p.latencies, 0.5) / quantile(me.latencies, 0.5), 2)}×`,
            )
          }
          return row
        }),
      ),
    )
  }

  log()
  log('## Loading (seconds)')
  log()
  const steps = results[0]?.ready.loadSteps.map((s) => s.step) ?? []
  log(
    table(
      ['step', 'rows', ...results.map((r) => backendName[r.backend])],
      steps.map((step) => [
        step,
        (results[0]?.ready.loadSteps.find((s) => s.step === step)?.rows ?? 0).toLocaleString('en-GB'),
        ...results.map((r) => fmt((r.ready.loadSteps.find((s) => s.step === step)?.ms ?? NaN) / 1000, 1)),
      ]),
    ),
  )
  log()
  log(
    `Rows: ${Object.entries(results[0]?.ready.counts ?? {})
      .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
      .join(', ')}`,
  )
}

const rate = (r: LoadResult) => (r.completed / r.wallMs) * 1000

if (process.argv[2] === '--child') {
  const backend = process.argv[3]
  if (backend !== 'pglite' && backend !== 'postgres') throw new Error('--child pglite|postgres')
  await child(backend)
} else await parent()
