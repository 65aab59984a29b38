// Who may need attention, and the report to members, at scale (issue 6, "Measured"): the attention list kept
// incrementally, and the quarterly report, over 1,000,000 contacts on PGlite and PostgreSQL and 10,000,000 on PostgreSQL.
//
//   node --import tsx scripts/bench-attention.ts
//
// Settings (environment), all optional:
//   BENCH_ATTENTION_RUNS=pglite:1000000,postgres:1000000,postgres:10000000   database:contacts, run in this order
//   BENCH_ATTENTION_PEOPLE=100000       people on the record in every run
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres   a throwaway database is created and dropped
//   BENCH_ATTENTION_PHASES=attention,report   what to measure after the load (report only: no day rows are built)
//   BENCH_REPORT_RESTRICTIONS=5000,15000       the report is measured at each of these restriction counts in turn,
//                                              the procedure's history grown in place from one to the next
//
// Each run is a child process (so the memory figures stay apart) that opens and migrates a fresh database, loads the
// synthetic record of scripts/bench-data.ts (the same people, matters and contacts as the record benchmark: 65% of
// contacts spread over everyone, 35% over every 50th person with a steep skew, so a few hundred people contact the
// council far more than the rest; dates spread over three years) with the attention triggers off, then fills the day
// rows as the migration's backfill does, and measures:
//   - the first computation of every person's row (what happens once, after the migration);
//   - the page's work (attentionList: the due-rows probe and the list of 50), median of 20, and a filtered list;
//   - the daily refresh on the next day, and 7 days on (only the rows whose windows moved are recomputed);
//   - the cost of keeping the day rows: 10,000 contacts inserted one statement each (as the pages record them) and in
//     statements of 1,000 (as the import does), with the triggers on and off, alternating;
//   - memory: the Node process's RSS, and the database's size with the two attention tables' share.
// The report phase adds two years of the procedure's history (scripts/bench-data.ts, procedureHistorySteps: cases,
// warnings, proposals, two decisions, restrictions of every type, interim, rejected, lifted and lapsed ones, reviews on
// time and late, challenges, and a letter row for each letter), then at each size measures:
//   - buildReport (what the page calls, in-process), members' version, for the last complete quarter and for the
//     four quarters to its end: median of up to 10 after 2 warm-ups; and for the year, where the time goes (each query
//     of reportRows timed once, the JavaScript that joins their rows, and reportFigures);
//   - GET /report (the members' page, default period: the last quarter) through app.inject, signed in as a Head of
//     Service with a session row: median of up to 10 after 2 warm-ups; GET /report.xlsx and /report.pdf: median of up
//     to 5 after 1 warm-up (each series stops early, after at least 3 runs, once it has taken 30 s);
//   - memory: RSS before and after the measurements, and the size of the procedure's tables.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  HOST,
  backendName,
  casesFor,
  fmt,
  int,
  loadAverage,
  log,
  machine,
  median,
  procedureHistorySteps,
  recordSteps,
  ratio,
  rssMiB,
  table,
  type Backend,
} from './bench-data.ts'
import type { ReportFigures } from '../src/domain/report.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const SELF = path.join(ROOT, 'scripts', 'bench-attention.ts')
const CHILD_TIMEOUT_MS = 14 * 60_000
const RUN_TIMEOUT_MS = 25 * 60_000

const settings = {
  people: int('BENCH_ATTENTION_PEOPLE', 100_000, 1_000, 1_000_000),
  runs: (process.env.BENCH_ATTENTION_RUNS || 'pglite:1000000,postgres:1000000,postgres:10000000')
    .split(',')
    .map((entry) => {
      const [backend, contacts] = entry.split(':')
      if ((backend !== 'pglite' && backend !== 'postgres') || !Number.isInteger(Number(contacts)))
        throw new Error(`BENCH_ATTENTION_RUNS: "${entry}" is not database:contacts`)
      return { backend: backend as Backend, contacts: Number(contacts) }
    }),
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  phases: new Set((process.env.BENCH_ATTENTION_PHASES || 'attention,report').split(',').map((p) => p.trim())),
  reportRestrictions: (process.env.BENCH_REPORT_RESTRICTIONS || '5000,15000').split(',').map((n) => {
    const value = Number(n)
    if (!Number.isInteger(value) || value < 12 || value > 200_000)
      throw new Error(`BENCH_REPORT_RESTRICTIONS: "${n}" is not a number of restrictions from 12 to 200,000`)
    return value
  }),
}
for (const phase of settings.phases)
  if (phase !== 'attention' && phase !== 'report') throw new Error(`BENCH_ATTENTION_PHASES: unknown phase "${phase}"`)

interface Result {
  backend: Backend
  contacts: number
  people: number
  loadSeconds: number
  attention: AttentionFigures | null
  report: ReportLevel[]
}

interface ReportLevel {
  restrictions: number
  rows: Record<string, number>
  historySeconds: number
  quarterMs: number[]
  yearMs: number[]
  yearQueries: { table: string; rows: number; ms: number }[]
  yearRowsMs: number
  yearFiguresMs: number
  pageMs: number[]
  xlsxMs: number[]
  pdfMs: number[]
  xlsxKiB: number
  pdfKiB: number
  figures: { quarter: Record<string, number>; year: Record<string, number> }
  rssBeforeMiB: number
  rssAfterMiB: number
  databaseMiB: number
  procedureMiB: number
}

interface AttentionFigures {
  backfillSeconds: number
  dayRows: number
  indicatorRows: number
  firstComputeSeconds: number
  listed: number
  pageMs: number[]
  filteredPageMs: number[]
  nextDay: { ms: number; rows: number }
  weekOn: { ms: number; rows: number }
  single: { on: number; off: number }
  bulk: { on: number; off: number }
  rssAfterLoadMiB: number
  rssEndMiB: number
  databaseMiB: number
  attentionMiB: number
}

// ---------------------------------------------------------------------------------------------------------------------
// The child: one database, one size

async function child(backend: Backend, contacts: number): Promise<void> {
  const target = process.env.BENCH_ATTENTION_TARGET
  const resultFile = process.env.BENCH_ATTENTION_RESULT
  if (!target || !resultFile) throw new Error('the child needs BENCH_ATTENTION_TARGET and BENCH_ATTENTION_RESULT')
  const { sql, CompiledQuery } = await import('kysely')
  const { loadConfig } = await import('../src/config.ts')
  const { openDatabase } = await import('../src/db/open.ts')
  const { londonDate } = await import('../src/domain/london-time.ts')
  const { attentionList, refreshAttention } = await import('../src/features/attention/attention.service.ts')
  const { addDays, addMonths } = await import('../src/domain/working-days.ts')
  const { lastCompleteQuarter, reportFigures } = await import('../src/domain/report.ts')
  const { buildReport } = await import('../src/features/report/report.service.ts')
  const { reportRows } = await import('../src/features/report/report.repository.ts')
  const { createServices } = await import('../src/services.ts')
  const { buildApp } = await import('../src/app.ts')
  const { hashSecret, newSecret } = await import('../src/web/credentials.ts')
  const say = (line: string) => log(`  [${backendName[backend]} ${contacts.toLocaleString('en-GB')}] ${line}`)
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    BASE_URL: `http://${HOST}:3000`,
    LOG_LEVEL: 'silent',
    COUNCIL_NAME: 'Benchmark Council',
    COUNCIL_ADDRESS: 'Civic Centre, Benchmark LS1 1AA',
    AUDIT_KEY: 'benchmark audit key: at least thirty-two characters', // required in production (K4)
  }
  if (backend === 'pglite') env.DATA_DIR = target
  else env.DATABASE_URL = target
  const config = loadConfig(env)
  const thresholds = config.attention
  const handle = await openDatabase(config)
  const { db } = handle
  const seconds = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now()
    await fn()
    return (performance.now() - t0) / 1000
  }
  const triggers = (on: boolean) =>
    sql`alter table contact ${sql.raw(on ? 'enable' : 'disable')} trigger contact_attention_insert`.execute(db)

  try {
    // ----- Load (triggers off), then the migration's backfill ---------------------------------------------------------
    const P = settings.people
    say(`loading ${P.toLocaleString('en-GB')} people and ${contacts.toLocaleString('en-GB')} contacts…`)
    await triggers(false)
    const loadSeconds = await seconds(() =>
      db.connection().execute(async (conn) => {
        for (const [step, text] of recordSteps(P, contacts)) {
          const t0 = performance.now()
          for (const statement of text.split(/;\n\s*/)) await conn.executeQuery(CompiledQuery.raw(statement))
          say(`  ${step}: ${fmt((performance.now() - t0) / 1000)} s`)
        }
      }),
    )
    await triggers(true)
    say(`load ${fmt(loadSeconds)} s`)
    const attention = settings.phases.has('attention') ? await attentionPhase() : null
    if (!attention) await sql`analyze`.execute(db)
    const report = settings.phases.has('report') ? await reportPhase() : []
    const result: Result = { backend, contacts, people: P, loadSeconds, attention, report }
    fs.writeFileSync(resultFile, JSON.stringify(result))
  } finally {
    await handle.close()
  }

  async function attentionPhase(): Promise<AttentionFigures> {
    const backfillSeconds = await seconds(async () => {
      await sql`insert into person_contact_day (person_id, day, contacts, minutes, on_closed, channels, staff)
        select c.person_id, attention_day(c.at), count(*)::int, coalesce(sum(c.minutes_spent), 0)::int,
               (count(*) filter (where m.closed_at is not null and c.at > m.closed_at))::int,
               bit_or(attention_channel_bit(c.channel)),
               coalesce(array_agg(distinct c.staff_user_id) filter (where c.staff_user_id is not null), '{}')
          from contact c left join matter m on m.id = c.matter_id
         group by 1, 2`.execute(db)
      await sql`insert into person_indicator (person_id) select distinct person_id from person_contact_day`.execute(db)
    })
    await sql`analyze`.execute(db)
    const count = async (table: string) =>
      Number((await sql<{ n: string }>`select count(*)::int8 as n from ${sql.table(table)}`.execute(db)).rows[0]?.n)
    const dayRows = await count('person_contact_day')
    const indicatorRows = await count('person_indicator')
    say(
      `backfill ${fmt(backfillSeconds)} s: ${dayRows.toLocaleString('en-GB')} day rows, ` +
        `${indicatorRows.toLocaleString('en-GB')} people`,
    )
    const rssAfterLoadMiB = rssMiB()

    // ----- Every row computed once -----------------------------------------------------------------------------------
    const today = londonDate(new Date())
    const firstComputeSeconds = await seconds(() => refreshAttention(db, today, thresholds))
    await sql`analyze person_indicator`.execute(db)
    const listed = Number(
      (await sql<{ n: string }>`select count(*)::int8 as n from person_indicator where flags <> '{}'`.execute(db))
        .rows[0]?.n,
    )
    say(`first computation of every row: ${fmt(firstComputeSeconds)} s; ${listed.toLocaleString('en-GB')} listed`)

    // ----- The page's work -------------------------------------------------------------------------------------------
    const timed = async (fn: () => Promise<unknown>, runs = 20) => {
      for (let i = 0; i < 3; i += 1) await fn()
      const out: number[] = []
      for (let i = 0; i < runs; i += 1) {
        const t0 = performance.now()
        await fn()
        out.push(performance.now() - t0)
      }
      return out
    }
    const pageMs = await timed(() => attentionList(db, today, thresholds, { limit: 50, offset: 0 }))
    const filteredPageMs = await timed(() =>
      attentionList(db, today, thresholds, { indicator: 'staff_minutes', limit: 50, offset: 50 }),
    )
    say(`page: median ${fmt(median(pageMs))} ms; filtered, page 2: median ${fmt(median(filteredPageMs))} ms`)

    // ----- Per-contact maintenance: 10,000 contacts, triggers on and off ---------------------------------------------
    const people = (
      await sql<{ id: string }>`select id from person order by md5(id::text) limit 10000`.execute(db)
    ).rows.map((r) => r.id)
    const insertOne = (personId: string, i: number) =>
      sql`insert into contact (person_id, channel, direction, at, summary, minutes_spent)
          values (${personId}, ${['phone', 'email', 'web'][i % 3]}, 'inbound', now() - ${`${i % 600} minutes`}::interval,
                  'Asked for an update', 10)`.execute(db)
    const insertBulk = (ids: string[]) =>
      sql`insert into contact (person_id, channel, direction, at, summary, minutes_spent)
          select p, (array['phone','email','web'])[1 + i % 3], 'inbound', now() - (i % 600) * interval '1 minute',
                 'Asked for an update', 10
            from unnest(${ids}::uuid[]) with ordinality as x(p, i)`.execute(db)
    const single = { on: 0, off: 0 }
    const bulk = { on: 0, off: 0 }
    // Ten rounds of 1,000 people each way, alternating which goes first, so that drift on a shared machine is shared.
    for (let round = 0; round < 10; round += 1) {
      const ids = people.slice(round * 1000, round * 1000 + 1000)
      for (const on of round % 2 ? [true, false] : [false, true]) {
        await triggers(on)
        single[on ? 'on' : 'off'] += await seconds(async () => {
          for (const [i, id] of ids.entries()) await insertOne(id, i)
        })
        bulk[on ? 'on' : 'off'] += await seconds(() => insertBulk(ids))
      }
    }
    await triggers(true)
    say(
      `10,000 single-row inserts: ${fmt(single.off)} s without the trigger, ${fmt(single.on)} s with it; ` +
        `ten 1,000-row inserts: ${fmt(bulk.off)} s / ${fmt(bulk.on)} s`,
    )
    // The contacts inserted without the trigger are not in the day rows: rebuild them so the refreshes below are true.
    await sql`select attention_rebuild(array_agg(person_id), array_agg(attention_day(at)))
                from contact where recorded_at > now() - interval '1 hour'`.execute(db)

    // ----- The daily refresh -----------------------------------------------------------------------------------------
    await refreshAttention(db, today, thresholds) // the rows the 40,000 new contacts made due
    const plusDays = (n: number) => new Date(new Date(`${today}T12:00:00Z`).getTime() + n * 86_400_000)
    const nextDayText = londonDate(plusDays(1))
    let rows = 0
    const nextDayMs =
      (await seconds(async () => (rows = (await refreshAttention(db, nextDayText, thresholds)).refreshed))) * 1000
    const nextDay = { ms: nextDayMs, rows }
    const weekOnText = londonDate(plusDays(8))
    const weekOnMs =
      (await seconds(async () => (rows = (await refreshAttention(db, weekOnText, thresholds)).refreshed))) * 1000
    const weekOn = { ms: weekOnMs, rows }
    say(
      `daily refresh: next day ${fmt(nextDay.ms, 0)} ms (${nextDay.rows} rows); 7 days later ${fmt(weekOn.ms, 0)} ms (${weekOn.rows} rows)`,
    )

    const size = async (q: string) =>
      Number((await sql<{ n: string }>`select (${sql.raw(q)})::int8 as n`.execute(db)).rows[0]?.n) / 2 ** 20
    const databaseMiB = await size('pg_database_size(current_database())')
    const attentionMiB = await size(
      "pg_total_relation_size('person_contact_day') + pg_total_relation_size('person_indicator')",
    )
    return {
      backfillSeconds,
      dayRows,
      indicatorRows,
      firstComputeSeconds,
      listed,
      pageMs,
      filteredPageMs,
      nextDay,
      weekOn,
      single,
      bulk,
      rssAfterLoadMiB,
      rssEndMiB: rssMiB(),
      databaseMiB,
      attentionMiB,
    }
  }

  // ----- The report to members ---------------------------------------------------------------------------------------
  async function reportPhase(): Promise<ReportLevel[]> {
    const today = londonDate(new Date())
    const quarter = lastCompleteQuarter(today)
    const year = { from: addMonths(addDays(quarter.to, 1), -12), to: quarter.to }
    say(`report: quarter ${quarter.from} to ${quarter.to}; year ${year.from} to ${year.to}`)
    // Not @bench.example: BENCH_STAFF_ARRAY must stay the loaded staff users, in their order.
    const head = await db
      .insertInto('staff_user')
      .values({ email: 'head.of.service@report.bench.invalid', name: 'Harper Head', password_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('staff_role').values({ staff_user_id: head.id, role: 'head_of_service' }).execute()
    const session = newSecret()
    await db
      .insertInto('staff_session')
      .values({ token_hash: hashSecret(session), staff_user_id: head.id, user_agent: null })
      .execute()
    // K4: the audit trail under its key before the pages are measured, as the service does when it starts.
    const { useConfiguredAuditKey } = await import('../src/features/audit/audit.service.ts')
    const { bringTrailUnderKey } = await import('../src/audit/audit.ts')
    useConfiguredAuditKey(config)
    await bringTrailUnderKey(db)
    const app = await buildApp(createServices(handle, config))
    await app.ready()
    const get = (url: string, type: RegExp, expect?: RegExp) => async () => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie: `fc_session=${session}` } })
      if (
        response.statusCode !== 200 ||
        !type.test(String(response.headers['content-type'])) ||
        (expect && !expect.test(response.body))
      )
        throw new Error(`GET ${url}: HTTP ${response.statusCode} ${response.body.slice(0, 200)}`)
      return response.rawPayload.length
    }
    /**
     * Median of up to `runs` after `warm` warm-ups (one only if it took over 2 s); stops after 3 runs once the series
     * has taken 20 s, so that a report that grows faster than its data does not stall the run.
     */
    const timed = async (fn: () => Promise<unknown>, runs: number, warm: number) => {
      for (let i = 0; i < warm; i += 1) {
        const t0 = performance.now()
        await fn()
        if (performance.now() - t0 > 2000) break
      }
      const out: number[] = []
      const started = performance.now()
      while (out.length < runs && (out.length < 3 || performance.now() - started < 20_000)) {
        const t0 = performance.now()
        await fn()
        out.push(performance.now() - t0)
      }
      return out
    }
    // Each query of reportRows timed on its own (from handing it to the driver to its rows).
    const queries: { table: string; rows: number; ms: number }[] = []
    const began = new Map<unknown, { at: number; table: string }>()
    const timing = db.withPlugin({
      transformQuery(args) {
        const text = db.getExecutor().compileQuery(args.node, args.queryId).sql
        began.set(args.queryId, { at: performance.now(), table: /from "([a-z_]+)"/.exec(text)?.[1] ?? '?' })
        return args.node
      },
      async transformResult(args) {
        const b = began.get(args.queryId)
        if (b) queries.push({ table: b.table, rows: args.result.rows.length, ms: performance.now() - b.at })
        return args.result
      },
    })
    const headline = (f: ReportFigures) => ({
      'restrictions in force in the period': f.restrictions.inForce,
      imposed: f.restrictions.imposed,
      lifted: f.restrictions.lifted,
      lapsed: f.restrictions.lapsed,
      'reviews done': f.reviews.done,
      'warnings issued': f.warnings.issued,
      'challenges received': f.challenges.received,
      'interim imposed': f.interim.imposed,
    })

    const levels: ReportLevel[] = []
    let casesLoaded = 0
    try {
      for (const target of [...settings.reportRestrictions].sort((a, b) => a - b)) {
        const cases = casesFor(target)
        say(`report: the procedure's history, cases ${casesLoaded + 1} to ${cases}…`)
        const historySeconds = await seconds(() =>
          db.connection().execute(async (conn) => {
            for (const [step, text] of procedureHistorySteps(settings.people, casesLoaded + 1, cases)) {
              const t0 = performance.now()
              for (const statement of text.split(/;\n\s*/)) await conn.executeQuery(CompiledQuery.raw(statement))
              say(`  ${step}: ${fmt((performance.now() - t0) / 1000)} s`)
            }
          }),
        )
        casesLoaded = cases
        await sql`analyze procedure_case, letter, warning, proposal, decision, restriction, review, challenge`.execute(
          db,
        )
        const rows: Record<string, number> = {}
        for (const t of [
          'procedure_case',
          'warning',
          'proposal',
          'decision',
          'restriction',
          'review',
          'challenge',
          'letter',
        ])
          rows[t] = Number(
            (await sql<{ n: string }>`select count(*)::int8 as n from ${sql.table(t)}`.execute(db)).rows[0]?.n,
          )
        const restrictions = rows.restriction ?? 0
        say(
          `  ${Object.entries(rows)
            .map(([k, v]) => `${k} ${v.toLocaleString('en-GB')}`)
            .join(', ')} (${fmt(historySeconds)} s)`,
        )
        const rssBeforeMiB = rssMiB()
        const members = { named: false }
        const quarterMs = await timed(() => buildReport(db, quarter, members), 10, 2)
        const yearMs = await timed(() => buildReport(db, year, members), 10, 2)
        say(`  buildReport: quarter ${fmt(median(quarterMs))} ms, year ${fmt(median(yearMs))} ms`)
        queries.length = 0
        let t0 = performance.now()
        const yearRows = await reportRows(timing, year)
        const yearRowsMs = performance.now() - t0
        const yearQueries = [...queries]
        t0 = performance.now()
        reportFigures(yearRows, year)
        const yearFiguresMs = performance.now() - t0
        say(
          `  year: reportRows ${fmt(yearRowsMs)} ms (queries ${yearQueries.map((q) => `${q.table} ${fmt(q.ms)} ms/${q.rows}`).join(', ')}); reportFigures ${fmt(yearFiguresMs)} ms`,
        )
        const figures = {
          quarter: headline((await buildReport(db, quarter, members)).figures),
          year: headline((await buildReport(db, year, members)).figures),
        }
        const pageMs = await timed(get('/report', /text\/html/, /Report to members/), 10, 2)
        let xlsxBytes = 0
        let pdfBytes = 0
        const xlsxMs = await timed(async () => (xlsxBytes = await get('/report.xlsx', /spreadsheetml/)()), 5, 1)
        const pdfMs = await timed(async () => (pdfBytes = await get('/report.pdf', /application\/pdf/)()), 5, 1)
        say(
          `  GET /report ${fmt(median(pageMs))} ms; /report.xlsx ${fmt(median(xlsxMs))} ms; /report.pdf ${fmt(median(pdfMs))} ms`,
        )
        const size = async (q: string) =>
          Number((await sql<{ n: string }>`select (${sql.raw(q)})::int8 as n`.execute(db)).rows[0]?.n) / 2 ** 20
        levels.push({
          restrictions,
          rows,
          historySeconds,
          quarterMs,
          yearMs,
          yearQueries,
          yearRowsMs,
          yearFiguresMs,
          pageMs,
          xlsxMs,
          pdfMs,
          xlsxKiB: xlsxBytes / 1024,
          pdfKiB: pdfBytes / 1024,
          figures,
          rssBeforeMiB,
          rssAfterMiB: rssMiB(),
          databaseMiB: await size('pg_database_size(current_database())'),
          procedureMiB: await size(
            ['procedure_case', 'letter', 'warning', 'proposal', 'decision', 'restriction', 'review', 'challenge']
              .map((t) => `pg_total_relation_size('${t}')`)
              .join(' + '),
          ),
        })
      }
    } finally {
      await app.close()
    }
    return levels
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The parent: a child per run, a throwaway PostgreSQL database per PostgreSQL run, everything cleaned up

const running = new Set<ChildProcess>()

function runChild(backend: Backend, contacts: number, env: Record<string, string>): Promise<Result | string> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', backend, String(contacts)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    running.add(c)
    const timer = setTimeout(() => {
      log(`  still running after ${CHILD_TIMEOUT_MS / 60_000} minutes: stopped`)
      c.kill('SIGKILL')
    }, CHILD_TIMEOUT_MS)
    c.once('exit', (code, signal) => {
      clearTimeout(timer)
      running.delete(c)
      if (code !== 0) return resolve(`the run failed (exit ${code ?? signal})`)
      try {
        resolve(JSON.parse(fs.readFileSync(env.BENCH_ATTENTION_RESULT ?? '', 'utf8')) as Result)
      } catch (error) {
        resolve(`the run left no result (${String(error)})`)
      }
    })
  })
}

async function parent(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-bench-attention-'))
  const { default: pg } = await import('pg')
  const serverUrl = new URL(settings.postgresUrl)
  if (serverUrl.hostname === 'localhost') serverUrl.hostname = HOST
  const databases: string[] = []
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 5000 })
    await client.connect()
    try {
      await client.query(query)
    } finally {
      await client.end()
    }
  }
  const cleanUp = async () => {
    for (const c of running) c.kill('SIGKILL')
    for (const name of databases.splice(0))
      await admin(`drop database if exists "${name}" with (force)`).catch((error) =>
        process.stderr.write(`bench-attention: could not drop ${name}: ${String(error)}\n`),
      )
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  const abort = (why: string) => {
    process.stderr.write(`bench-attention: ${why}; cleaning up\n`)
    void cleanUp().finally(() => process.exit(1))
  }
  process.once('SIGINT', () => abort('interrupted'))
  process.once('SIGTERM', () => abort('terminated'))
  const overall = setTimeout(() => abort(`still running after ${RUN_TIMEOUT_MS / 60_000} minutes`), RUN_TIMEOUT_MS)
  overall.unref()

  const results: Result[] = []
  try {
    log('# Fair Contact: who may need attention at scale (issue 6)')
    log()
    for (const line of machine()) log(`- ${line}`)
    for (const [i, run] of settings.runs.entries()) {
      log()
      log(`## ${backendName[run.backend]}, ${run.contacts.toLocaleString('en-GB')} contacts (load ${loadAverage()})`)
      const env: Record<string, string> = { BENCH_ATTENTION_RESULT: path.join(tmp, `run-${i}.json`) }
      if (run.backend === 'pglite') env.BENCH_ATTENTION_TARGET = path.join(tmp, `pglite-${i}`)
      else {
        if (serverUrl.hostname !== HOST) {
          log(`  skipped: BENCH_POSTGRES_URL must point at ${HOST}`)
          continue
        }
        const name = `fair_contact_bench_attention_${randomBytes(5).toString('hex')}`
        await admin(`create database "${name}"`)
        databases.push(name)
        const url = new URL(serverUrl)
        url.pathname = `/${name}`
        env.BENCH_ATTENTION_TARGET = url.toString()
      }
      const result = await runChild(run.backend, run.contacts, env)
      if (typeof result === 'string') log(`  ${result}`)
      else results.push(result)
      // One database at a time on disk.
      await cleanUpDatabases(databases, admin)
      fs.rmSync(path.join(tmp, `pglite-${i}`), { recursive: true, force: true })
    }
    report(results)
    if (results.length < settings.runs.length) process.exitCode = 1
  } finally {
    await cleanUp()
    clearTimeout(overall)
  }
}

async function cleanUpDatabases(databases: string[], admin: (q: string) => Promise<void>) {
  for (const name of databases.splice(0)) await admin(`drop database if exists "${name}" with (force)`)
}

function report(all: Result[]) {
  attentionTable(all.flatMap((r) => (r.attention ? [{ ...r, ...r.attention }] : [])))
  reportTable(all.filter((r) => r.report.length > 0))
}

function attentionTable(results: (Result & AttentionFigures)[]) {
  if (!results.length) return
  const col = (r: Result) => `${backendName[r.backend]}, ${(r.contacts / 1e6).toLocaleString('en-GB')}M`
  const ratioOf = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a')
  log()
  log('## Figures')
  log()
  log(
    table(
      ['', ...results.map(col)],
      [
        [
          'people / contacts',
          ...results.map((r) => `${r.people.toLocaleString('en-GB')} / ${r.contacts.toLocaleString('en-GB')}`),
        ],
        [
          'day rows / people with a row',
          ...results.map((r) => `${r.dayRows.toLocaleString('en-GB')} / ${r.indicatorRows.toLocaleString('en-GB')}`),
        ],
        ['people listed', ...results.map((r) => r.listed.toLocaleString('en-GB'))],
        ['load of the record (triggers off)', ...results.map((r) => `${fmt(r.loadSeconds)} s`)],
        ['backfill of the day rows (the migration)', ...results.map((r) => `${fmt(r.backfillSeconds)} s`)],
        ['first computation of every row', ...results.map((r) => `${fmt(r.firstComputeSeconds)} s`)],
        ['page: due-rows probe + list of 50 (median of 20)', ...results.map((r) => `${fmt(median(r.pageMs))} ms`)],
        ['same, filtered by an indicator, page 2', ...results.map((r) => `${fmt(median(r.filteredPageMs))} ms`)],
        [
          'daily refresh, next day (rows recomputed)',
          ...results.map((r) => `${fmt(r.nextDay.ms, 0)} ms (${r.nextDay.rows.toLocaleString('en-GB')})`),
        ],
        [
          'refresh 7 days later (rows recomputed)',
          ...results.map((r) => `${fmt(r.weekOn.ms, 0)} ms (${r.weekOn.rows.toLocaleString('en-GB')})`),
        ],
        [
          '10,000 single-row inserts: without / with trigger',
          ...results.map((r) => `${fmt(r.single.off)} / ${fmt(r.single.on)} s (${ratioOf(r.single.on, r.single.off)})`),
        ],
        [
          'ten 1,000-row inserts: without / with trigger',
          ...results.map((r) => `${fmt(r.bulk.off, 2)} / ${fmt(r.bulk.on, 2)} s (${ratioOf(r.bulk.on, r.bulk.off)})`),
        ],
        [
          'Node RSS after load / at end',
          ...results.map((r) => `${fmt(r.rssAfterLoadMiB, 0)} / ${fmt(r.rssEndMiB, 0)} MiB`),
        ],
        [
          'database size (attention tables)',
          ...results.map((r) => `${fmt(r.databaseMiB, 0)} MiB (${fmt(r.attentionMiB, 0)} MiB)`),
        ],
      ],
    ),
  )
}

function reportTable(results: Result[]) {
  if (!results.length) return
  const cols = results.flatMap((r) =>
    r.report.map((level) => ({
      r,
      level,
      name: `${backendName[r.backend]}, ${(r.contacts / 1e6).toLocaleString('en-GB')}M, ${level.restrictions.toLocaleString('en-GB')} R`,
    })),
  )
  const n = (v: number) => v.toLocaleString('en-GB')
  const ms = (values: number[]) => `${fmt(median(values), median(values) < 100 ? 1 : 0)} ms (${values.length})`
  const row = (label: string, cell: (level: ReportLevel, r: Result) => string) => [
    label,
    ...cols.map((c) => cell(c.level, c.r)),
  ]
  log()
  log('## The report to members: figures')
  log()
  log(
    table(
      ['', ...cols.map((c) => c.name)],
      [
        row(
          'cases / proposals / decisions',
          (l) => `${n(l.rows.procedure_case ?? 0)} / ${n(l.rows.proposal ?? 0)} / ${n(l.rows.decision ?? 0)}`,
        ),
        row('warnings / reviews / challenges / letters', (l) =>
          [l.rows.warning, l.rows.review, l.rows.challenge, l.rows.letter].map((v) => n(v ?? 0)).join(' / '),
        ),
        row(
          'in force in the quarter / in the year',
          (l) =>
            `${n(l.figures.quarter['restrictions in force in the period'] ?? 0)} / ${n(l.figures.year['restrictions in force in the period'] ?? 0)}`,
        ),
        row('history load (this step)', (l) => `${fmt(l.historySeconds)} s`),
        row('buildReport, last quarter (median, runs)', (l) => ms(l.quarterMs)),
        row('buildReport, four quarters (median, runs)', (l) => ms(l.yearMs)),
        row('  of which reportRows (once)', (l) => `${fmt(l.yearRowsMs, 0)} ms`),
        row(
          '    its SQL (sum of the queries)',
          (l) =>
            `${fmt(
              l.yearQueries.reduce((a, q) => a + q.ms, 0),
              0,
            )} ms`,
        ),
        row('  reportFigures (once)', (l) => `${fmt(l.yearFiguresMs, 0)} ms`),
        row('GET /report, members, quarter (median, runs)', (l) => ms(l.pageMs)),
        row('GET /report.xlsx (median, runs)', (l) => `${ms(l.xlsxMs)}, ${fmt(l.xlsxKiB, 0)} KiB`),
        row('GET /report.pdf (median, runs)', (l) => `${ms(l.pdfMs)}, ${fmt(l.pdfKiB, 0)} KiB`),
        row(
          'Node RSS before / after the measurements',
          (l) => `${fmt(l.rssBeforeMiB, 0)} / ${fmt(l.rssAfterMiB, 0)} MiB`,
        ),
        row('database size (procedure tables)', (l) => `${fmt(l.databaseMiB, 0)} MiB (${fmt(l.procedureMiB, 0)} MiB)`),
      ],
    ),
  )
  // Growth: each level against the first of its run.
  const growth = results.flatMap((r) =>
    r.report.slice(1).map((l) => {
      const base = r.report[0] as ReportLevel
      const g = (a: number[], b: number[]) => ratio(median(a), median(b))
      return [
        `${backendName[r.backend]}, ${(r.contacts / 1e6).toLocaleString('en-GB')}M: ${n(base.restrictions)} → ${n(l.restrictions)} R (${ratio(l.restrictions, base.restrictions)})`,
        g(l.quarterMs, base.quarterMs),
        g(l.yearMs, base.yearMs),
        g(l.pageMs, base.pageMs),
        g(l.xlsxMs, base.xlsxMs),
        g(l.pdfMs, base.pdfMs),
      ]
    }),
  )
  if (growth.length) {
    log()
    log(table(['growth', 'quarter', 'four quarters', 'GET /report', 'XLSX', 'PDF'], growth))
  }
  log()
  log('Where the time of the four-quarter report goes (each query of reportRows, once: table, rows, ms):')
  for (const c of cols)
    log(`- ${c.name}: ${c.level.yearQueries.map((q) => `${q.table} ${n(q.rows)} rows ${fmt(q.ms, 0)} ms`).join('; ')}`)
}

const args = process.argv.slice(2)
if (args[0] === '--child') {
  child(args[1] as Backend, Number(args[2])).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exit(1)
    },
  )
} else {
  void parent()
}
