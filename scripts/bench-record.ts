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
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CompiledQuery as Compiled } from 'kysely'

const ROOT = path.resolve(import.meta.dirname, '..')
const SELF = path.join(ROOT, 'scripts', 'bench-record.ts')
const HOST = '127.0.0.1'

const CHILD_TIMEOUT_MS = 25 * 60_000
const RUN_TIMEOUT_MS = 50 * 60_000
const SEARCH_PHASE_MS = 8 * 60_000
const PAGE_PHASE_MS = 8 * 60_000
const STATEMENT_TIMEOUT_MS = 5 * 60_000 // PostgreSQL only: PGlite cannot interrupt a running statement

type Backend = 'pglite' | 'postgres'
const backendName: Record<Backend, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' }

function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}`)
  return value
}

const settings = {
  people: int('BENCH_RECORD_PEOPLE', 100_000, 1_000, 1_000_000),
  contacts: int('BENCH_RECORD_CONTACTS', 1_000_000, 10_000, 10_000_000),
  queries: int('BENCH_RECORD_QUERIES', 500, 7, 5_000),
  runs: int('BENCH_RECORD_RUNS', 50, 1, 1_000),
  only: process.env.BENCH_RECORD_ONLY as Backend | undefined,
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
}

// The person with the long history: 60 matters (40 closed, so 100 matter entries), 200 incidents, 1 safety marker
// and the contacts that make up the rest of 5,000 timeline entries.
const HEAVY = { matters: 60, closedMatters: 40, incidents: 200, markers: 1, entries: 5_000 }
const HEAVY_CONTACTS = HEAVY.entries - HEAVY.matters - HEAVY.closedMatters - HEAVY.incidents - HEAVY.markers
const HEAVY_NAME = "Bernadette O'Callaghan-Pryce"
const PAGE_SIZE = 50 // src/features/people/show/controller.ts
const DEEP_PAGE = 80

const log = (line = '') => process.stdout.write(`${line}\n`)
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------------------------------
// Statistics and tables (as in scripts/bench.ts)

function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1] as number
}
const sortedCopy = (values: ArrayLike<number>) => Float64Array.from(values).sort()
function median(values: ArrayLike<number>): number {
  const s = sortedCopy(values)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
const p99 = (values: ArrayLike<number>) => quantile(sortedCopy(values), 0.99)
const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a'

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** A small deterministic generator (mulberry32), so both databases get the same queries. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The same deterministic UUID (version 4 shape) as bench_uuid() in SQL below. */
function benchUuid(kind: string, n: number): string {
  const h = createHash('md5').update(`${kind}:${n}`).digest('hex')
  const u = `${h.slice(0, 12)}4${h.slice(13, 16)}8${h.slice(17)}`
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`
}

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20
}

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
// Data: names, places and words. Ordered roughly from common to rare: the generator favours the start of each list.

/** A comma-separated list (the lists below read better as text than as one string per line). */
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.replace(/\s+/g, ' ').trim())
    .filter(Boolean)

const FIRST_NAMES = list(`
  Oliver, Amelia, George, Olivia, Harry, Isla, Jack, Emily, Jacob, Sophie, Charlie, Jessica, Thomas, Ava, James,
  Mia, William, Grace, Joshua, Lily, Daniel, Chloe, Michael, Sarah, David, Emma, John, Hannah, Paul, Laura,
  Mark, Rebecca, Andrew, Claire, Peter, Helen, Richard, Susan, Stephen, Karen, Christopher, Julie, Robert,
  Nicola, Anthony, Joanne, Matthew, Rachel, Steven, Lisa, Gary, Michelle, Ian, Kelly, Simon, Louise, Kevin,
  Amanda, Martin, Elizabeth, Alan, Margaret, Brian, Patricia, Keith, Janet, Graham, Christine, Colin, Linda,
  Muhammad, Aisha, Mohammed, Fatima, Ahmed, Zainab, Ali, Maryam, Hassan, Noor, Imran, Ayesha, Raj, Priya,
  Sanjay, Anjali, Arjun, Sunita, Vikram, Deepa, Harpreet, Gurpreet, Manpreet, Piotr, Agnieszka, Tomasz,
  Katarzyna, Krzysztof, Magdalena, Andrzej, Joanna, Marek, Ewa, Kwame, Abena, Chinedu, Ngozi, Oluwaseun, Adaeze,
  Tendai, Amara, Kofi, Yaa, Siobhan, Niamh, Ciaran, Aoife, Sean, Roisin, Declan, Bronagh, Eamon, Grainne, Rhys,
  Cerys, Dylan, Ffion, Gareth, Bethan, Owain, Sian, Callum, Eilidh, Fraser, Isla-Rose, Hamish, Morag, Angus,
  Kirsty, Leon, Jade, Reece, Shannon, Kyle, Chantelle, Dean, Stacey, Wayne, Tracey, Barry, Sharon, Derek,
  Maureen, Trevor, Doreen, Clive, Brenda, Nigel, Pauline, Roy, Irene, Zofia, Mateusz, Ioana, Andrei, Elena,
  Mihai, Yusuf, Hafsa, Bilal, Safiya, Jean-Paul, Anne-Marie
`)

const SURNAMES = list(`
  Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson, Roberts, Robinson, Thompson,
  Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis, Harris, Clarke, Patel, Jackson, Wood, Turner,
  Martin, Cooper, Hill, Ward, Morris, Moore, Clark, Lee, King, Baker, Harrison, Morgan, Allen, James, Scott,
  Phillips, Watson, Davis, Parker, Price, Bennett, Young, Griffiths, Mitchell, Kelly, Cook, Carter, Richardson,
  Bailey, Collins, Bell, Shaw, Murphy, Miller, Cox, Richards, Khan, Marshall, Anderson, Simpson, Ellis, Adams,
  Singh, Begum, Wilkinson, Foster, Chapman, Powell, Webb, Rogers, Gray, Mason, Ali, Hunt, Hussain, Campbell,
  Matthews, Owen, Palmer, Holmes, Mills, Barnes, Knight, Lloyd, Butler, Russell, Barker, Fisher, Stevens,
  Jenkins, Murray, Dixon, Harvey, Graham, Pearson, Ahmed, Fletcher, Walsh, Kaur, Gibson, Howard, Andrews,
  Stewart, Elliott, Reynolds, Saunders, Payne, Fox, Ford, Pearce, Day, Brooks, West, Lawrence, Cole, Atkinson,
  Bradley, Spencer, Gill, Dawson, Ball, Burton, O'Brien, Watts, Rose, Booth, Perry, Ryan, Grant, Wells,
  Armstrong, Francis, Rees, Hayes, Hart, Hudson, Newman, Barrett, Webster, Hunter, Gregory, Carr, Lowe, Page,
  Marsh, Riley, Dunn, Woods, Parsons, Berry, Stone, Reid, Holland, Hawkins, Harding, Porter, Robertson, Newton,
  Oliver, Reed, Kennedy, Williamson, Bird, Gardner, Shah, Dean, Lane, Cooke, Bates, Henderson, Parry, Burgess,
  Bishop, Walton, Burns, Nicholson, Shepherd, Ross, Cross, Long, Freeman, Warren, Nicholls, Hamilton, Byrne,
  Sutton, McDonald, Yates, Hodgson, Robson, Curtis, Hopkins, O'Connor, Harper, Coleman, Watkins, Moss, McCarthy,
  Chambers, O'Neill, Griffin, Sharp, Hardy, Wheeler, Potter, Osborne, Johnston, Gordon, Doyle, Wallace, George,
  Jordan, Hutchinson, Rowe, Burke, May, Pritchard, Gilbert, Willis, Higgins, Read, Miah, Kowalski, Nowak,
  Wisniewski, Wojcik, Kaminski, Lewandowski, Okafor, Mensah, Adeyemi, Boateng, Nwosu, Owusu, Chowdhury, Rahman,
  Islam, Iqbal, Akhtar, Mahmood, Sharma, Gupta, Mistry, Chauhan, Sandhu, Dhillon, Popescu, Ionescu, Nguyen,
  Tran, Wong, Chen, D'Souza, Fernandes, Da Silva, MacLeod, Fitzgerald, Featherstonehaugh, Llewellyn,
  Vaughan-Thomas
`)

const STREETS = list(`
  Church, Station, Victoria, Park, Green, Manor, Mill, School, Queens, Kings, High, New, Grange, Chapel, Albert,
  York, Princess, Springfield, Highfield, Meadow, Orchard, Westfield, Woodland, Beech, Oak, Ash, Elm, Willow,
  Cedar, Windsor, Clarence, Lime, Moorland, Kirkgate
`)

const STREET_SUFFIXES = list('Road, Street, Lane, Avenue, Close, Drive, Grove, Terrace, Crescent, Way')

// Outward codes with their post towns: one region, so postcodes repeat as they do in a real council area.
const OUTWARD = list(`
  LS1 Leeds, LS2 Leeds, LS3 Leeds, LS4 Leeds, LS5 Leeds, LS6 Leeds, LS7 Leeds, LS8 Leeds, LS9 Leeds, LS10 Leeds,
  LS11 Leeds, LS12 Leeds, LS13 Leeds, LS14 Leeds, LS15 Leeds, LS16 Leeds, LS17 Leeds, LS18 Horsforth, LS19 Yeadon,
  LS20 Guiseley, LS21 Otley, LS25 Garforth, LS26 Rothwell, LS27 Morley, LS28 Pudsey, BD1 Bradford, BD3 Bradford,
  BD5 Bradford, BD7 Bradford, BD10 Bradford, WF1 Wakefield, WF2 Wakefield, WF3 Wakefield, WF10 Castleford,
  HX1 Halifax, HD1 Huddersfield, HG1 Harrogate, YO1 York, S1 Sheffield, M1 Manchester
`).map((entry) => entry.split(' ') as [string, string])

const EMAIL_DOMAINS = list('example.com, example.org, example.net')

// Mobile ranges that libphonenumber-js treats as valid UK numbers, so the search box recognises them as phones.
const MOBILE_PREFIXES = list(`
  7400, 7500, 7800, 7900, 7401, 7801, 7956, 7412, 7723, 7834, 7845, 7856, 7867, 7878, 7889, 7432, 7543, 7554,
  7565, 7576
`)

const SERVICES = list(`
  Housing, Council Tax, Waste and Recycling, Planning, Highways, Parking, Environmental Health, Benefits,
  Children's Services, Adult Social Care, Libraries, Licensing, Parks, Building Control
`)

const SUBJECTS = list(`
  Missed bin collection, Council tax bill, Repairs not done, Noise from neighbours, Parking fine appeal,
  Planning application objection, Pothole on the road, Housing benefit delay, Damp and mould, Request for
  records, Fly-tipping, Street lighting, Tree overhanging, School transport, Care assessment, Rent arrears,
  Anti-social behaviour, Licence refusal, Grass cutting, Data about me
`)

const SUMMARIES = list(`
  Called about the progress of their complaint, Asked for an update, Emailed further evidence, Disputed the
  response received, Asked to speak to a manager, Repeated earlier points at length, Reported the problem again,
  Chased a reply to their letter, Left a voicemail asking for a call back, Visited reception without an
  appointment, Sent photographs of the problem, Asked for the case to be reopened, Wrote to the chief executive,
  Posted about the council on social media, Confirmed the repair was done, Thanked the officer for their help,
  Asked which officer is dealing with it, Requested copies of all notes, Complained about a named officer, Gave
  new contact details
`)

const STAFF_NAMES = list(`
  Sam Taylor, Alex Morgan, Priya Shah, Tom Reid, Jo Bennett, Chris Hall, Nadia Hussain, Owen Price, Kate Fraser,
  Dev Patel, Lucy Walsh, Marek Nowak, Amy Clarke, Ben Wright, Zara Khan, Rob Ellis, Ruth Evans, Femi Adeyemi,
  Hannah Webb, Liam Byrne
`)

/** A constant list as an SQL array literal (the lists above are trusted constants, not input). */
const sqlArray = (values: readonly string[]) => `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]`

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
  const { hashSecret, newSecret } = await import('../src/features/auth/credentials.ts')

  const say = (line: string) => log(`  [${backendName[backend]}] ${line}`)
  const env: Record<string, string> = {
    NODE_ENV: 'production', // as deployed: templates compiled once
    BASE_URL: `http://${HOST}:3000`,
    LOG_LEVEL: 'silent',
    COUNCIL_NAME: 'Benchmark Council',
  }
  if (backend === 'pglite') env.DATA_DIR = target
  else env.DATABASE_URL = target
  const config = loadConfig(env)

  let started = performance.now()
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
    const F = Math.max(1, Math.floor((P - 1) / 50)) // "frequent" people: every 50th, who get most of the skew
    const bulkContacts = C - HEAVY_CONTACTS
    const bulkMatters = M - HEAVY.matters
    const frequent = (u: string) => `(1 + floor(${F} * power(${u}, 1.5))::int * 50)`
    const pick = (list: readonly string[], u: string) => `(${sqlArray(list)})[1 + floor(${u} * ${list.length})::int]`
    // A common value near the start of the list more often than a rare one at its end.
    const pickSkewed = (list: readonly string[], u: string) =>
      `(${sqlArray(list)})[1 + floor(power(${u}, 2) * ${list.length})::int]`
    const nameKeySql = (col: string) =>
      `trim(regexp_replace(regexp_replace(lower(${col}), '[^a-z0-9\\s]', ' ', 'g'), '\\s+', ' ', 'g'))`
    const staffArray = `(select array_agg(id order by email) from staff_user where email like '%@bench.example')`

    const steps: [string, string][] = [
      [
        'helper functions',
        `create function bench_u(n bigint, salt int) returns float8 language sql immutable parallel safe
           as $$ select (hashint8(n * 1000 + salt)::float8 + 2147483648) / 4294967296 $$;
         create function bench_uuid(kind text, n bigint) returns uuid language sql immutable parallel safe
           as $$ select overlay(overlay(md5(kind || ':' || n) placing '4' from 13) placing '8' from 17)::uuid $$`,
      ],
      [
        'staff users',
        `insert into staff_user (email, name)
         select lower(replace(name, ' ', '.')) || '@bench.example', name from unnest(${sqlArray(STAFF_NAMES)}) as name`,
      ],
      [
        'names (helper table)',
        `create table bench_name as
         select n, first, last,
                first || case when bench_u(n, 3) < 0.08 then ' ' || ${pick(FIRST_NAMES, 'bench_u(n, 4)')} else '' end
                  || ' ' || last || case when bench_u(n, 7) < 0.04 then '-' || ${pick(SURNAMES, 'bench_u(n, 9)')} else '' end
                  as full_name
           from (select n, ${pickSkewed(FIRST_NAMES, 'bench_u(n, 1)')} as first, ${pickSkewed(SURNAMES, 'bench_u(n, 2)')} as last
                   from generate_series(1, ${P - 1}) n) s
         union all
         select 0, 'Bernadette', 'O''Callaghan-Pryce', '${HEAVY_NAME.replaceAll("'", "''")}'`,
      ],
      [
        'people',
        `insert into person (id, full_name, name_key, date_of_birth, is_councillor, created_at, updated_at)
         select bench_uuid('person', n), full_name, ${nameKeySql('full_name')},
                case when bench_u(n, 5) < 0.7 then date '1935-01-01' + floor(bench_u(n, 6) * 25000)::int end,
                n % 2500 = 7, now() - bench_u(n, 8) * interval '3650 days', now() - bench_u(n, 8) * interval '3650 days'
           from bench_name`,
      ],
      [
        'other names (aliases)',
        `insert into person_alias (person_id, alias, name_key)
         select bench_uuid('person', n), a, ${nameKeySql('a')}
           from (select n, first || ' ' || ${pick(SURNAMES, 'bench_u(n, 41)')} as a from bench_name where bench_u(n, 40) < 0.05) s`,
      ],
      [
        'email addresses',
        `insert into person_email (person_id, email)
         select bench_uuid('person', n),
                lower(regexp_replace(first, '[^A-Za-z]', '', 'g')) || '.' || lower(regexp_replace(last, '[^A-Za-z]', '', 'g'))
                  || case when bench_u(n, 10) < 0.7 then (n % 997)::text else '' end || '@' || ${pick(EMAIL_DOMAINS, 'bench_u(n, 11)')}
           from bench_name`,
      ],
      [
        'phone numbers',
        `insert into person_phone (person_id, e164)
         select bench_uuid('person', n), '+44' || ${pick(MOBILE_PREFIXES, 'bench_u(n, 12)')} || lpad(floor(bench_u(n, 13) * 1000000)::int::text, 6, '0')
           from bench_name`,
      ],
      [
        'addresses',
        `insert into person_address (person_id, line1, town, postcode)
         select bench_uuid('person', n),
                (1 + floor(bench_u(n, 14) * 180)::int)::text || ' ' || ${pick(STREETS, 'bench_u(n, 15)')} || ' ' || ${pick(STREET_SUFFIXES, 'bench_u(n, 16)')},
                (${sqlArray(OUTWARD.map((o) => o[1] ?? ''))})[o], (${sqlArray(OUTWARD.map((o) => o[0] ?? ''))})[o] || ' '
                  || floor(bench_u(n, 18) * 10)::int::text
                  || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + floor(bench_u(n, 19) * 20)::int, 1)
                  || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + floor(bench_u(n, 20) * 20)::int, 1)
           from (select n, 1 + floor(power(bench_u(n, 17), 1.3) * ${OUTWARD.length})::int as o from bench_name) s`,
      ],
      [
        'matters',
        `insert into matter (id, person_id, reference, type, subject, service, status, complaint_stage, outcome,
                             process_exhausted, opened_at, closed_at, created_by)
         select bench_uuid('matter', m), bench_uuid('person', p),
                case type when 'complaint' then 'CMP' when 'foi' then 'FOI' when 'eir' then 'EIR' when 'sar' then 'SAR'
                          when 'service_request' then 'SRQ' else 'ENQ' end || '-' || to_char(opened_at, 'YYYY') || '-' || lpad(m::text, 6, '0'),
                type, ${pick(SUBJECTS, 'bench_u(m, 20)')}, ${pick(SERVICES, 'bench_u(m, 21)')},
                case when closed then 'closed' else 'open' end,
                case when type = 'complaint' then
                  case when closed then case when bench_u(m, 17) < 0.9 then 'closed' else 'ombudsman' end
                       else case when bench_u(m, 17) < 0.7 then 'stage_1' else 'stage_2' end end end,
                case when closed then
                  case when type = 'complaint' then (array['upheld','partly_upheld','not_upheld'])[1 + floor(bench_u(m, 18) * 3)::int]
                       else (array['resolved','withdrawn'])[1 + floor(bench_u(m, 18) * 2)::int] end end,
                closed and type = 'complaint' and bench_u(m, 19) < 0.5,
                opened_at, case when closed then least(now(), opened_at + (5 + bench_u(m, 22) * 120) * interval '1 day') end,
                st.ids[1 + floor(bench_u(m, 23) * cardinality(st.ids))::int]
           from (select m,
                        case when m > ${bulkMatters} then 0
                             when bench_u(m, 10) < 0.8 then 1 + floor(bench_u(m, 11) * ${P - 1})::int
                             else ${frequent('bench_u(m, 12)')} end as p,
                        case when bench_u(m, 13) < 0.35 then 'complaint' when bench_u(m, 13) < 0.65 then 'service_request'
                             when bench_u(m, 13) < 0.85 then 'enquiry' when bench_u(m, 13) < 0.93 then 'foi'
                             when bench_u(m, 13) < 0.97 then 'sar' else 'eir' end as type,
                        now() - bench_u(m, 14) * interval '1095 days' as opened_at,
                        case when m > ${bulkMatters} then m % 3 <> 0 else bench_u(m, 15) < 0.7 end as closed
                   from generate_series(1, ${M}) m) s
          cross join (select ${staffArray} as ids) st`,
      ],
      [
        "people's matters (helper table)",
        `create table bench_pm as select person_id, array_agg(id order by id) as ids from matter group by person_id`,
      ],
      [
        'contacts (bulk)',
        `insert into contact (person_id, matter_id, channel, direction, at, staff_user_id, summary, minutes_spent,
                              recorded_by, recorded_at)
         select s.person_id,
                case when bench_u(c, 21) < 0.75 then pm.ids[1 + floor(bench_u(c, 22) * cardinality(pm.ids))::int] end,
                ${pickSkewed(['phone', 'email', 'web', 'letter', 'in_person', 'social_media'], 'bench_u(c, 26)')},
                case when bench_u(c, 24) < 0.7 then 'inbound' else 'outbound' end,
                s.at, st.ids[1 + floor(bench_u(c, 25) * cardinality(st.ids))::int], ${pick(SUMMARIES, 'bench_u(c, 27)')},
                case when bench_u(c, 28) < 0.9 then 1 + floor(bench_u(c, 29) * 45)::int end,
                st.ids[1 + floor(bench_u(c, 25) * cardinality(st.ids))::int], s.at + interval '4 minutes'
           from (select c,
                        bench_uuid('person', case when bench_u(c, 20) < 0.65 then 1 + floor(bench_u(c, 30) * ${P - 1})::int
                                                  else ${frequent('bench_u(c, 31)')} end) as person_id,
                        now() - bench_u(c, 23) * interval '1095 days' as at
                   from generate_series(1, ${bulkContacts}) c) s
           left join bench_pm pm on pm.person_id = s.person_id
          cross join (select ${staffArray} as ids) st`,
      ],
      [
        'contacts (the person with 5,000 entries)',
        `insert into contact (id, person_id, matter_id, channel, direction, at, staff_user_id, summary, minutes_spent,
                              recorded_by, recorded_at)
         select bench_uuid('heavy-contact', c), bench_uuid('person', 0),
                case when bench_u(c, 51) < 0.85 then bench_uuid('matter', ${bulkMatters} + 1 + floor(bench_u(c, 52) * ${HEAVY.matters})::int) end,
                ${pickSkewed(['phone', 'email', 'web', 'letter', 'in_person', 'social_media'], 'bench_u(c, 53)')},
                case when bench_u(c, 54) < 0.85 then 'inbound' else 'outbound' end,
                s.at, st.ids[1 + floor(bench_u(c, 55) * cardinality(st.ids))::int], ${pick(SUMMARIES, 'bench_u(c, 56)')},
                1 + floor(bench_u(c, 57) * 30)::int, st.ids[1 + floor(bench_u(c, 55) * cardinality(st.ids))::int],
                s.at + interval '4 minutes'
           from (select c, now() - power(bench_u(c, 58), 2) * interval '1095 days' as at
                   from generate_series(1, ${HEAVY_CONTACTS}) c) s
          cross join (select ${staffArray} as ids) st`,
      ],
      [
        'incidents',
        `insert into incident (person_id, contact_id, at, category, severity, description, police_reference, recorded_by)
         select c.person_id, c.id, c.at,
                ${pick(['aggressive_or_abusive', 'unreasonable_demands', 'unreasonable_levels_of_contact', 'refusal_to_cooperate', 'misuse_of_process'], 'bench_u(i, 60)')},
                ${pickSkewed(['low', 'medium', 'high', 'immediate_risk'], 'bench_u(i, 61)')},
                'Shouted at the officer and would not end the call', case when bench_u(i, 62) < 0.1 then 'WYP-' || i end, c.recorded_by
           from generate_series(1, ${HEAVY.incidents}) i
           join contact c on c.id = bench_uuid('heavy-contact', i * ${Math.floor(HEAVY_CONTACTS / HEAVY.incidents)})
         union all
         select bench_uuid('person', ${frequent('bench_u(i, 63)')}), null, now() - bench_u(i, 64) * interval '1095 days',
                ${pick(['aggressive_or_abusive', 'unreasonable_demands', 'unreasonable_levels_of_contact', 'refusal_to_cooperate', 'misuse_of_process'], 'bench_u(i, 65)')},
                ${pickSkewed(['low', 'medium', 'high', 'immediate_risk'], 'bench_u(i, 66)')},
                'Sent repeated emails with abusive language', null, null
           from generate_series(1, ${Math.round(C / 50)}) i`,
      ],
      [
        'safety markers and arrangements',
        `insert into safety_marker (person_id, precautions, reason, review_on)
         select bench_uuid('person', case when k = 0 then 0 else ${frequent('bench_u(k, 70)')} end),
                'Do not visit alone; meet in the civic centre', 'Threatened an officer on a home visit', current_date + 90
           from generate_series(0, ${Math.round(P / 300)}) k;
         insert into operational_arrangement (person_id, kind, service, description, started_on)
         select bench_uuid('person', case when k <= 3 then 0 else ${frequent('bench_u(k, 71)')} end),
                case when k % 3 = 0 then 'informal_warning' else 'arrangement' end, 'Housing',
                'One named officer handles all contact', current_date - (30 + k % 300)
           from generate_series(1, ${Math.round(P / 50)}) k`,
      ],
      [
        'clean up helpers',
        `drop table bench_pm;
         drop table bench_name;
         drop function bench_uuid(text, bigint);
         drop function bench_u(bigint, int);
         select setval('matter_reference_seq', ${M})`,
      ],
    ]

    log()
    say(
      `loading ${P.toLocaleString('en-GB')} people, ${M.toLocaleString('en-GB')} matters, ${C.toLocaleString('en-GB')} contacts…`,
    )
    const loadStarted = performance.now()
    await db.connection().execute(async (conn) => {
      for (const [step, text] of steps) {
        started = performance.now()
        let rows = 0
        // Several statements in one step: run them one by one (PostgreSQL's extended protocol takes one at a time).
        for (const statement of text.split(/;\n\s*/)) {
          const result = await conn.executeQuery(CompiledQuery.raw(statement))
          rows += Number(result.numAffectedRows ?? 0)
        }
        const took = performance.now() - started
        loadSteps.push({ step, ms: took, rows })
        say(`  ${step}: ${rows ? `${rows.toLocaleString('en-GB')} rows in ` : ''}${fmt(took / 1000, 1)} s`)
      }
    })
    const loadMs = performance.now() - loadStarted
    started = performance.now()
    await sql`analyze`.execute(db)
    loadSteps.push({ step: 'ANALYZE', ms: performance.now() - started, rows: 0 })
    loadSteps.push({ step: 'total load (without ANALYZE)', ms: loadMs, rows: 0 })
    say(`ANALYZE: ${fmt((loadSteps.at(-2)?.ms ?? NaN) / 1000, 1)} s; load in all ${fmt(loadMs / 1000, 1)} s`)

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

function machine(): string[] {
  let cpu = os.cpus()[0]?.model ?? 'unknown'
  try {
    cpu =
      fs
        .readFileSync('/proc/cpuinfo', 'utf8')
        .match(/^model name\s*:\s*(.+)$/m)?.[1]
        ?.trim() ?? cpu
  } catch {
    // not Linux
  }
  let revision = 'unknown (not a git checkout)'
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', timeout: 5000 }).trim()
    const head = git(['log', '-1', '--format=%h (%cI)'])
    const dirty = git(['status', '--porcelain', '--', 'src', 'package.json', 'package-lock.json'])
    revision = dirty
      ? `${head} plus uncommitted changes to ${dirty.split('\n').length} file(s) in src/ or package*.json`
      : head
  } catch {
    // no git
  }
  return [
    `code: ${revision}`,
    `node ${process.version} on ${os.type()} ${os.release()} (${os.arch()})`,
    `CPU: ${cpu}, ${os.availableParallelism()} cores available; memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `load average at start: ${loadAverage()}`,
  ]
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

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
