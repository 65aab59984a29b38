// Shared by the benchmarks of the record at scale (scripts/bench-record.ts, issue 3) and of the contact check
// (scripts/bench-check.ts, issue 5): the synthetic record (by default 100,000 people, 150,000 matters and 1,000,000
// contacts, one person with 5,000 timeline entries) loaded with set-based SQL, and the statistics, tables and machine
// description both print. See BENCHMARKS.md ("The record") for what the data looks like.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CompiledQuery, sql, type Kysely } from 'kysely'
import type { Database } from '../src/db/database.ts'

export const ROOT = path.resolve(import.meta.dirname, '..')
export const HOST = '127.0.0.1'

export type Backend = 'pglite' | 'postgres'
export const backendName: Record<Backend, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' }

/** An integer setting from the environment, within bounds. */
export function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}`)
  return value
}

// The person with the long history: 60 matters (40 closed, so 100 matter entries), 200 incidents, 1 safety marker
// and the contacts that make up the rest of 5,000 timeline entries.
export const HEAVY = { matters: 60, closedMatters: 40, incidents: 200, markers: 1, entries: 5_000 }
export const HEAVY_CONTACTS = HEAVY.entries - HEAVY.matters - HEAVY.closedMatters - HEAVY.incidents - HEAVY.markers
export const HEAVY_NAME = "Bernadette O'Callaghan-Pryce"

export const log = (line = '') => process.stdout.write(`${line}\n`)
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------------------------------
// Statistics and tables (as in scripts/bench.ts)

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1] as number
}
export const sortedCopy = (values: ArrayLike<number>) => Float64Array.from(values).sort()
export function median(values: ArrayLike<number>): number {
  const s = sortedCopy(values)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
export const p99 = (values: ArrayLike<number>) => quantile(sortedCopy(values), 0.99)
export const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
export const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a'

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** A small deterministic generator (mulberry32), so both databases get the same queries. */
export function prng(seed: number): () => number {
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
export function benchUuid(kind: string, n: number): string {
  const h = createHash('md5').update(`${kind}:${n}`).digest('hex')
  const u = `${h.slice(0, 12)}4${h.slice(13, 16)}8${h.slice(17)}`
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`
}

export function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20
}

// ---------------------------------------------------------------------------------------------------------------------
// Data: names, places and words. Ordered roughly from common to rare: the generator favours the start of each list.

/** A comma-separated list (the lists below read better as text than as one string per line). */
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.replace(/\s+/g, ' ').trim())
    .filter(Boolean)

export const FIRST_NAMES = list(`
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

export const SURNAMES = list(`
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

export const STREETS = list(`
  Church, Station, Victoria, Park, Green, Manor, Mill, School, Queens, Kings, High, New, Grange, Chapel, Albert,
  York, Princess, Springfield, Highfield, Meadow, Orchard, Westfield, Woodland, Beech, Oak, Ash, Elm, Willow,
  Cedar, Windsor, Clarence, Lime, Moorland, Kirkgate
`)

export const STREET_SUFFIXES = list('Road, Street, Lane, Avenue, Close, Drive, Grove, Terrace, Crescent, Way')

// Outward codes with their post towns: one region, so postcodes repeat as they do in a real council area.
export const OUTWARD = list(`
  LS1 Leeds, LS2 Leeds, LS3 Leeds, LS4 Leeds, LS5 Leeds, LS6 Leeds, LS7 Leeds, LS8 Leeds, LS9 Leeds, LS10 Leeds,
  LS11 Leeds, LS12 Leeds, LS13 Leeds, LS14 Leeds, LS15 Leeds, LS16 Leeds, LS17 Leeds, LS18 Horsforth, LS19 Yeadon,
  LS20 Guiseley, LS21 Otley, LS25 Garforth, LS26 Rothwell, LS27 Morley, LS28 Pudsey, BD1 Bradford, BD3 Bradford,
  BD5 Bradford, BD7 Bradford, BD10 Bradford, WF1 Wakefield, WF2 Wakefield, WF3 Wakefield, WF10 Castleford,
  HX1 Halifax, HD1 Huddersfield, HG1 Harrogate, YO1 York, S1 Sheffield, M1 Manchester
`).map((entry) => entry.split(' ') as [string, string])

export const EMAIL_DOMAINS = list('example.com, example.org, example.net')

// Mobile ranges that libphonenumber-js treats as valid UK numbers, so the search box recognises them as phones.
export const MOBILE_PREFIXES = list(`
  7400, 7500, 7800, 7900, 7401, 7801, 7956, 7412, 7723, 7834, 7845, 7856, 7867, 7878, 7889, 7432, 7543, 7554,
  7565, 7576
`)

export const SERVICES = list(`
  Housing, Council Tax, Waste and Recycling, Planning, Highways, Parking, Environmental Health, Benefits,
  Children's Services, Adult Social Care, Libraries, Licensing, Parks, Building Control
`)

export const SUBJECTS = list(`
  Missed bin collection, Council tax bill, Repairs not done, Noise from neighbours, Parking fine appeal,
  Planning application objection, Pothole on the road, Housing benefit delay, Damp and mould, Request for
  records, Fly-tipping, Street lighting, Tree overhanging, School transport, Care assessment, Rent arrears,
  Anti-social behaviour, Licence refusal, Grass cutting, Data about me
`)

export const SUMMARIES = list(`
  Called about the progress of their complaint, Asked for an update, Emailed further evidence, Disputed the
  response received, Asked to speak to a manager, Repeated earlier points at length, Reported the problem again,
  Chased a reply to their letter, Left a voicemail asking for a call back, Visited reception without an
  appointment, Sent photographs of the problem, Asked for the case to be reopened, Wrote to the chief executive,
  Posted about the council on social media, Confirmed the repair was done, Thanked the officer for their help,
  Asked which officer is dealing with it, Requested copies of all notes, Complained about a named officer, Gave
  new contact details
`)

export const STAFF_NAMES = list(`
  Sam Taylor, Alex Morgan, Priya Shah, Tom Reid, Jo Bennett, Chris Hall, Nadia Hussain, Owen Price, Kate Fraser,
  Dev Patel, Lucy Walsh, Marek Nowak, Amy Clarke, Ben Wright, Zara Khan, Rob Ellis, Ruth Evans, Femi Adeyemi,
  Hannah Webb, Liam Byrne
`)

/** A constant list as an SQL array literal (the lists above are trusted constants, not input). */
export const sqlArray = (values: readonly string[]) =>
  `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]`

// ---------------------------------------------------------------------------------------------------------------------
// Loading the record

export interface LoadStep {
  step: string
  ms: number
  rows: number
}

/**
 * The load, step by step: set-based SQL (`insert … select … from generate_series`) with deterministic pseudo-random
 * values from hashint8, so both databases get the same rows. `P` people, `C` contacts, 1.5 matters per person.
 */
export function recordSteps(P: number, C: number): [string, string][] {
  const M = Math.round(P * 1.5)
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
  return steps
}

/** Loads the record into a freshly migrated database on one connection, then runs ANALYZE; each step timed. */
export async function loadRecord(
  db: Kysely<Database>,
  P: number,
  C: number,
  say: (line: string) => void,
): Promise<LoadStep[]> {
  const M = Math.round(P * 1.5)
  const steps = recordSteps(P, C)
  const loadSteps: LoadStep[] = []
  let started = 0
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
  return loadSteps
}

// ---------------------------------------------------------------------------------------------------------------------
// The machine

export function machine(): string[] {
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

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

// ---------------------------------------------------------------------------------------------------------------------
// The procedure's history (the report to members, issue 6)

/** The same deterministic UUID as benchUuid(), as an SQL expression over `n`, without a helper function. */
export const benchUuidSql = (kind: string, n: string) =>
  `overlay(overlay(md5('${kind}:' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`

/** The loaded staff users (STAFF_NAMES), as an SQL array of their ids in a fixed order. */
export const BENCH_STAFF_ARRAY = `(select array_agg(id order by email) from staff_user where email like '%@bench.example')`

/**
 * A restriction's terms as the procedure's services write them, by type (SQL over `k`, the case number, `startsOn`,
 * `closedMatter`, a closed matter of the person or null, and `staff`, BENCH_STAFF_ARRAY). Used by bench-check and the
 * history below.
 */
export function restrictionTermsSql(type: string, k: string, startsOn: string, closedMatter: string, staff: string) {
  return `case ${type}
    when 'contact_method' then
      case when ${k} % 3 = 0 then jsonb_build_object('channels', jsonb_build_array('email'))
           else jsonb_build_object('channels', case when ${k} % 3 = 1 then jsonb_build_array('letter')
                                                    else jsonb_build_array('letter', 'email') end,
                                   'address', 'Housing Services, PO Box 100, Leeds LS1 1AA') end
    when 'named_contact' then
      jsonb_build_object('staffUserId', ${staff}[5 + ${k} % 10])
        || case when ${k} % 2 = 0 then jsonb_build_object('deputyStaffUserId', ${staff}[16 + ${k} % 4]) else '{}'::jsonb end
    when 'phone_times' then
      jsonb_build_object('windows', jsonb_build_array(
        jsonb_build_object('day', 'tuesday', 'from', '10:00', 'to', '12:00'),
        jsonb_build_object('day', 'thursday', 'from', '14:00', 'to', '15:30')))
        || case when ${k} % 2 = 0 then jsonb_build_object('maxCallMinutes', 20) else '{}'::jsonb end
    when 'contact_agreement' then
      jsonb_build_object('terms', 'One call a week to the named officer; emails answered within 10 working days',
                         'agreedOn', to_char(${startsOn} - 7, 'YYYY-MM-DD'))
    else jsonb_build_object('matterId', ${closedMatter},
                            'reply', case when ${k} % 2 = 0 then 'acknowledge' else 'file_without_acknowledgement' end)
  end`
}

/** Cases for about `restrictions` restrictions in procedureHistorySteps (1.2 restrictions a case on average). */
export const casesFor = (restrictions: number) => Math.ceil(restrictions / 1.2)

/**
 * Two years of the procedure, set-based, for cases `from`..`to` (so a database can be grown in steps): each case on a
 * different person (of the record's `P`), opened on a pseudo-random day 20 to 750 days ago. Per case number k:
 * - a warning (8 weeks' monitoring) for 40% (k % 5 < 2) and for the 10% that end there (k % 10 = 9, no proposal);
 *   2% of warnings withdrawn; a challenge to one in 15;
 * - otherwise a proposal 3 days after opening (60 after a warning) with one restriction, or two for 30% (k % 10 < 3),
 *   of the five types in turn; approved by both deciders 2 and 4 days on, notice letter the next day, in force from
 *   it for 180 days (365 for a third), first review after 90 days;
 * - 5% rejected (k % 20 = 0); 5% interim (k % 20 = 1), imposed the day proposed, ratified within 7 days, or not
 *   (k % 40 = 1, so it lapses); 5% awaiting a decision if proposed in the last 30 days (k % 20 = 2);
 * - lifted 60 days in for one in 7 (k % 7 = 3); the rest lapse at their end date;
 * - two thirds of restrictions reviewed by their first review date (a quarter of those 12 days late), the rest not;
 * - a challenge to one restriction in 8 (k % 8 = 5), decided 10 days after it was received (upheld, varied, not upheld);
 * - a letter for every warning, interim restriction, notice, review and decided challenge: minimal rows (content '{}').
 */
export function procedureHistorySteps(P: number, from: number, to: number): [string, string][] {
  const u = (salt: number) => `((hashint8(k::bigint * 1000 + ${salt})::float8 + 2147483648) / 4294967296)`
  const id = benchUuidSql
  const at = (day: string, hours = 10) => `(${day} + interval '${hours} hours')`
  const letter = (kind: string, type: string, n: string, day: string, where: string, from_ = 'bench_hist') =>
    `select ${id(`letter-${kind}`, n)}, ${id('hcase', 'k')}, person_id, '${type}', 'BL-${kind}-' || ${n}, '{}'::jsonb,
            'bench', st.ids[6], ${at(day, 15)}
       from ${from_} cross join (select ${BENCH_STAFF_ARRAY} as ids) st where ${where}`
  return [
    [
      'cases (helper table)',
      `create table bench_hist as
       select s.*, p_day + case when kind = 'interim' then 0 else 5 end as starts_on,
              p_day + case when kind = 'interim' then 0 else 5 end + case when k % 3 = 0 then 365 else 180 end as ends_on,
              p_day + case when kind = 'interim' then 0 else 5 end + 90 as review_on
         from (select k, person_id, o, warned, p_day,
                      not (k % 10 = 9) and p_day < current_date - 6 as proposed,
                      case when k % 20 = 0 then 'rejected' when k % 20 = 1 then 'interim'
                           when k % 20 = 2 and p_day > current_date - 30 then 'awaiting' else 'approved' end as kind
                 from (select k, ${id('person', `(1 + (k::bigint * 48271) % ${P - 1})`)} as person_id,
                              current_date - (20 + floor(${u(1)} * 730))::int as o,
                              k % 5 < 2 or k % 10 = 9 as warned
                         from generate_series(${from}, ${to}) k) a
                cross join lateral (select a.o + case when a.warned then 60 else 3 end as p_day) b) s`,
    ],
    [
      'procedure cases',
      `insert into procedure_case (id, reference, person_id, service, reason, business_as_usual_measures,
                                   adjustments_considered, opened_by, opened_at)
       select ${id('hcase', 'k')}, 'UCB-HIST-' || lpad(k::text, 6, '0'), person_id,
              (array['Housing','Council Tax','Waste and Recycling','Planning','Benefits'])[1 + k % 5],
              'Repeated abusive calls to the team', 'A single point of contact and fortnightly update letters',
              'Large print letters offered', st.ids[3], ${at('o')}
         from bench_hist cross join (select ${BENCH_STAFF_ARRAY} as ids) st`,
    ],
    [
      'letters (warnings, interim restrictions, notices)',
      `insert into letter (id, case_id, person_id, type, reference, content, sha256, issued_by, issued_at)
       ${letter('warning', 'warning', 'k', 'o + 2', 'warned')}
       union all ${letter('interim', 'interim_restriction', 'k', 'p_day', "proposed and kind = 'interim'")}
       union all ${letter('notice', 'restriction', 'k', 'p_day + 5', "proposed and (kind = 'approved' or (kind = 'interim' and k % 40 <> 1))")}`,
    ],
    [
      'warnings',
      `insert into warning (id, case_id, behaviour, why_unacceptable, change_requested, consequences, monitoring_weeks,
                            issued_on, monitoring_ends_on, letter_id, issued_by, issued_at, withdrawn_on, withdrawn_reason)
       select ${id('hwarning', 'k')}, ${id('hcase', 'k')}, 'Shouted at officers on the phone', 'It frightened staff',
              'Speak calmly', 'A restriction may follow', 8, o + 2, o + 2 + 56, ${id('letter-warning', 'k')}, st.ids[4],
              ${at('o + 2')}, case when k % 50 = 1 then o + 20 end, case when k % 50 = 1 then 'Sent in error' end
         from bench_hist cross join (select ${BENCH_STAFF_ARRAY} as ids) st where warned`,
    ],
    [
      'proposals',
      `insert into proposal (id, case_id, person_id, rationale, alternatives_considered, adjustments_considered,
                             starts_on, ends_on, review_on, immediate_risk_justification, status, proposed_by, proposed_at,
                             interim_imposed_by, interim_imposed_on, interim_letter_id, ratify_by, notice_letter_id,
                             notice_issued_on)
       select ${id('hproposal', 'k')}, ${id('hcase', 'k')}, person_id, 'Calls continued after the warning',
              'A contact agreement was tried first', 'Large print letters offered', starts_on, ends_on, review_on,
              case when kind = 'interim' then 'Threats to an officer' end,
              case when kind = 'rejected' then 'rejected' when kind = 'awaiting' or (kind = 'interim' and k % 40 = 1)
                   then 'awaiting_decision' else 'approved' end,
              st.ids[4], ${at('p_day', 9)},
              case when kind = 'interim' then st.ids[4] end, case when kind = 'interim' then p_day end,
              case when kind = 'interim' then ${id('letter-interim', 'k')} end,
              case when kind = 'interim' then p_day + 7 end,
              case when kind = 'approved' or (kind = 'interim' and k % 40 <> 1) then ${id('letter-notice', 'k')} end,
              case when kind = 'approved' or (kind = 'interim' and k % 40 <> 1) then p_day + 5 end
         from bench_hist cross join (select ${BENCH_STAFF_ARRAY} as ids) st where proposed`,
    ],
    [
      'decisions',
      `insert into decision (proposal_id, role, decided_by, decision, reasons, decided_at)
       select ${id('hproposal', 'k')}, d.role, st.ids[d.i],
              case when kind = 'rejected' and d.i = 2 then 'reject' else 'approve' end,
              'Proportionate to the behaviour recorded.', ${at('p_day + 2 * d.i')}
         from bench_hist cross join (values ('chief_executive', 1), ('monitoring_officer', 2)) d(role, i)
        cross join (select ${BENCH_STAFF_ARRAY} as ids) st
        where proposed and (kind in ('approved', 'rejected') or (kind = 'interim' and k % 40 <> 1)
                            or (kind = 'awaiting' and k % 40 = 2 and d.i = 1))`,
    ],
    [
      'restrictions (helper table)',
      `create table bench_hist_r as
       select h.*, g.j, ${id('hrestriction', 'k * 2 + g.j')} as rid,
              (array['contact_method','named_contact','phone_times','contact_agreement','matter_closed'])[1 + (k + 2 * g.j) % 5] as wanted,
              case when k % 7 = 3 and kind = 'approved' and starts_on + 60 <= current_date then starts_on + 60 end as lifted_on,
              kind in ('approved', 'interim') and k % 3 <> 0 and review_on + case when k % 4 = 0 then 12 else -3 end < current_date
                as reviewed,
              review_on + case when k % 4 = 0 then 12 else -3 end as reviewed_on,
              g.j = 0 and k % 8 = 5 and kind = 'approved' and starts_on + 4 < current_date as challenged
         from bench_hist h cross join lateral generate_series(0, case when k % 10 < 3 then 1 else 0 end) g(j)
        where proposed`,
    ],
    [
      'restrictions',
      `insert into restriction (id, proposal_id, case_id, person_id, type, terms, council_wide, services, starts_on,
                                ends_on, review_on, lifted_on, lifted_reason)
       select rid, ${id('hproposal', 'k')}, ${id('hcase', 'k')}, person_id, type,
              ${restrictionTermsSql('type', 'k', 'starts_on', 'closed_matter', 'st.ids')},
              not (j = 1 and k % 3 = 0), case when j = 1 and k % 3 = 0 then array['Housing'] else '{}' end,
              starts_on, ends_on, review_on, lifted_on, case when lifted_on is not null then 'Behaviour improved' end
         from (select r.*, m.id as closed_matter,
                      case when r.wanted = 'matter_closed' and m.id is null then 'contact_agreement' else r.wanted end as type
                 from bench_hist_r r
                 left join lateral (select id from matter where person_id = r.person_id and status = 'closed'
                                     order by id limit 1) m on r.wanted = 'matter_closed') s
        cross join (select ${BENCH_STAFF_ARRAY} as ids) st`,
    ],
    [
      'letters (reviews, challenges)',
      `insert into letter (id, case_id, person_id, type, reference, content, sha256, issued_by, issued_at)
       ${letter('review', 'review_outcome', 'k * 2 + j', 'reviewed_on', 'reviewed', 'bench_hist_r')}
       union all ${letter('challenge', 'challenge_outcome', 'k', 'starts_on + 14', 'challenged and starts_on + 14 < current_date', 'bench_hist_r')}
       union all ${letter('wchallenge', 'challenge_outcome', 'k', 'o + 17', 'warned and k % 15 = 0 and o + 17 < current_date')}`,
    ],
    [
      'reviews',
      `insert into review (restriction_id, outcome, reasons, next_review_on, letter_id, reviewed_by, reviewed_at)
       select rid, 'continue', 'Still needed.', case when review_on + 90 < ends_on then review_on + 90 end,
              ${id('letter-review', 'k * 2 + j')}, st.ids[7], ${at('reviewed_on', 11)}
         from bench_hist_r cross join (select ${BENCH_STAFF_ARRAY} as ids) st where reviewed`,
    ],
    [
      'challenges',
      `insert into challenge (case_id, restriction_id, warning_id, received_on, grounds, respond_by, in_time, recorded_by,
                              recorded_at, outcome, reasons, decided_by, decided_at, letter_id)
       select ${id('hcase', 'k')}, rid, null, starts_on + 4, 'The restriction is unfair', starts_on + 18, k % 16 <> 13,
              st.ids[8], ${at('starts_on + 4')},
              case when starts_on + 14 < current_date then (array['upheld','varied','not_upheld'])[1 + k % 3] end,
              case when starts_on + 14 < current_date then 'Considered the grounds.' end,
              case when starts_on + 14 < current_date then st.ids[2] end,
              case when starts_on + 14 < current_date then ${at('starts_on + 14', 14)} end,
              case when starts_on + 14 < current_date then ${id('letter-challenge', 'k')} end
         from bench_hist_r cross join (select ${BENCH_STAFF_ARRAY} as ids) st where challenged
       union all
       select ${id('hcase', 'k')}, null, ${id('hwarning', 'k')}, o + 7, 'I did nothing wrong', o + 21, true, st.ids[8],
              ${at('o + 7')}, case when o + 17 < current_date then 'not_upheld' end,
              case when o + 17 < current_date then 'Considered the grounds.' end,
              case when o + 17 < current_date then st.ids[2] end,
              case when o + 17 < current_date then ${at('o + 17', 14)} end,
              case when o + 17 < current_date then ${id('letter-wchallenge', 'k')} end
         from bench_hist cross join (select ${BENCH_STAFF_ARRAY} as ids) st where warned and k % 15 = 0`,
    ],
    ['clean up helpers', `drop table bench_hist_r;\n       drop table bench_hist`],
  ]
}
