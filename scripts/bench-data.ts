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
