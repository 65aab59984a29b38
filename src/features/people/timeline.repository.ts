import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../db/database.ts'
import { contactPatternText, counterweightsText } from '../../domain/attention.ts'

export const timelineKinds = ['contact', 'incident', 'matter', 'safety_marker'] as const
export type TimelineKind = (typeof timelineKinds)[number]

export interface TimelineRow {
  kind: TimelineKind | 'matter_closed'
  id: string
  at: Date
  matterId: string | null
  reference: string | null
  a: string | null
  b: string | null
  c: string | null
  detail: string
  by: string | null
}

export interface TimelineFilter {
  kinds: readonly TimelineKind[]
  matterId?: string | undefined
}

/**
 * Everything that happened on a person's record, newest first: contacts, incidents, matters opened and closed, and
 * safety markers. One query over the person's indexed rows, paged, so a person with thousands of entries loads fast.
 */
export async function timeline(
  db: Executor,
  personId: string,
  filter: TimelineFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: TimelineRow[]; total: number }> {
  const want = (kind: TimelineKind) => filter.kinds.length === 0 || filter.kinds.includes(kind)
  const matter = filter.matterId ?? null
  const parts: RawBuilder<unknown>[] = []
  if (want('contact')) {
    parts.push(sql`
      select 'contact' as kind, c.id, c.at, c.matter_id, m.reference, c.channel as a, c.direction as b,
             c.minutes_spent::text as c, c.summary as detail, s.name as by
        from contact c left join matter m on m.id = c.matter_id and m.person_id = c.person_id
        left join staff_user s on s.id = c.staff_user_id
       where c.person_id = ${personId} and (${matter}::uuid is null or c.matter_id = ${matter}::uuid)`)
  }
  if (want('incident')) {
    parts.push(sql`
      select 'incident', i.id, i.at, c.matter_id, m.reference, i.category, i.severity, i.police_reference,
             i.description, s.name
        from incident i left join contact c on c.id = i.contact_id
        left join matter m on m.id = c.matter_id and m.person_id = i.person_id
        left join staff_user s on s.id = i.recorded_by
       where i.person_id = ${personId} and (${matter}::uuid is null or c.matter_id = ${matter}::uuid)`)
  }
  if (want('matter')) {
    parts.push(sql`
      select 'matter', m.id, m.opened_at, m.id, m.reference, m.type, m.service, null, m.subject, s.name
        from matter m left join staff_user s on s.id = m.created_by
       where m.person_id = ${personId} and (${matter}::uuid is null or m.id = ${matter}::uuid)
      union all
      select 'matter_closed', m.id, m.closed_at, m.id, m.reference, m.type, m.outcome, m.process_exhausted::text, m.subject, null
        from matter m
       where m.person_id = ${personId} and m.closed_at is not null and (${matter}::uuid is null or m.id = ${matter}::uuid)`)
  }
  // K3: a removed marker is no longer shown: its entry says when and why it was removed, not its precautions.
  if (want('safety_marker') && !matter) {
    parts.push(sql`
      select 'safety_marker', k.id, k.created_at, null, null, k.review_on::text,
             to_char(k.removed_at at time zone 'Europe/London', 'YYYY-MM-DD'), null,
             case when k.removed_at is null then k.precautions else coalesce(k.removed_reason, '') end, s.name
        from safety_marker k left join staff_user s on s.id = k.created_by
       where k.person_id = ${personId}`)
  }
  if (parts.length === 0) return { rows: [], total: 0 }
  const entries = sql`with entries (kind, id, at, matter_id, reference, a, b, c, detail, by) as (${sql.join(parts, sql` union all `)})`
  const result = await sql<Omit<TimelineRow, 'matterId'> & { matter_id: string | null; total: number }>`
    ${entries}
    select *, (count(*) over ())::int as total from entries order by at desc, id limit ${page.limit} offset ${page.offset}`.execute(
    db,
  )
  const total = result.rows[0]?.total ?? (page.offset > 0 ? await countOnly() : 0)
  async function countOnly(): Promise<number> {
    const counted = await sql<{ n: number }>`${entries} select count(*)::int as n from entries`.execute(db)
    return counted.rows[0]?.n ?? 0
  }
  return {
    rows: result.rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      at: r.at,
      matterId: r.matter_id,
      reference: r.reference,
      a: r.a,
      b: r.b,
      c: r.c,
      detail: r.detail,
      by: r.by,
    })),
    total,
  }
}

export interface ContactPattern {
  weeks: { weekStarting: string; contacts: number }[]
  contactsLast: { days7: number; days30: number; days90: number; days365: number }
  /** S3: `counted` is false for an FOI or EIR request, whose contacts are in no other figure of the pattern. */
  perMatter: { reference: string; subject: string; status: string; contacts: number; counted: boolean }[]
  contactsOnClosedMatters: number
  /** S3: contacts about FOI or EIR requests in the last year, left out of every other figure. */
  foiEirContactsLastYear: number
  distinctMatters: number
  complaints: number
  complaintsUpheld: number
  complaintsPartlyUpheld: number
  minutesLast90Days: number
  /** P2: the pattern and its counterweights in the words staff read wherever persistence is shown. */
  inWords: { pattern: string; counterweights: string }
}

/**
 * P2: how often the person is in touch, with the counterweights beside it. It informs; it never restricts (P1).
 * S3: contacts about FOI or EIR requests are not persistence under this procedure: they are left out of the weeks, the
 * counts, the contacts on closed matters and the staff time, and counted apart (the per-matter list marks them).
 */
export async function contactPattern(db: Executor, personId: string, now: Date): Promise<ContactPattern> {
  const foiEir = sql`m.type in ('foi', 'eir')`
  const counted = sql`(m.type is null or m.type not in ('foi', 'eir'))`
  const [weeks, counts, perMatter, matters] = await Promise.all([
    sql<{ week: string; n: number }>`
      with counted as (
        select c.id, c.at from contact c left join matter m on m.id = c.matter_id
         where c.person_id = ${personId} and c.at >= date_trunc('week', ${now}::timestamptz - interval '51 weeks') and ${counted})
      select to_char(w.week, 'YYYY-MM-DD') as week, count(c.id)::int as n
        from generate_series(date_trunc('week', ${now}::timestamptz - interval '51 weeks'), date_trunc('week', ${now}::timestamptz), interval '1 week') as w(week)
        left join counted c on c.at >= w.week and c.at < w.week + interval '1 week'
       group by w.week order by w.week`.execute(db),
    sql<{ d7: number; d30: number; d90: number; d365: number; closed: number; minutes: number; foi_eir: number }>`
      select count(*) filter (where ${counted} and c.at > ${now}::timestamptz - interval '7 days')::int as d7,
             count(*) filter (where ${counted} and c.at > ${now}::timestamptz - interval '30 days')::int as d30,
             count(*) filter (where ${counted} and c.at > ${now}::timestamptz - interval '90 days')::int as d90,
             count(*) filter (where ${counted} and c.at > ${now}::timestamptz - interval '365 days')::int as d365,
             count(*) filter (where ${counted} and m.closed_at is not null and c.at > m.closed_at)::int as closed,
             coalesce(sum(c.minutes_spent) filter (where ${counted} and c.at > ${now}::timestamptz - interval '90 days'), 0)::int as minutes,
             count(*) filter (where ${foiEir} and c.at > ${now}::timestamptz - interval '365 days')::int as foi_eir
        from contact c left join matter m on m.id = c.matter_id and m.person_id = c.person_id
       where c.person_id = ${personId}`.execute(db),
    sql<{ reference: string; subject: string; status: string; n: number; counted: boolean }>`
      select m.reference, m.subject, m.status, count(c.id)::int as n, ${counted} as counted
        from matter m left join contact c on c.matter_id = m.id
       where m.person_id = ${personId}
       group by m.id order by n desc, m.reference limit 20`.execute(db),
    sql<{ total: number; complaints: number; upheld: number; partly: number }>`
      select count(*)::int as total, count(*) filter (where type = 'complaint')::int as complaints,
             count(*) filter (where outcome = 'upheld')::int as upheld,
             count(*) filter (where outcome = 'partly_upheld')::int as partly
        from matter where person_id = ${personId}`.execute(db),
  ])
  const c = counts.rows[0]
  const m = matters.rows[0]
  const contactsLast = { days7: c?.d7 ?? 0, days30: c?.d30 ?? 0, days90: c?.d90 ?? 0, days365: c?.d365 ?? 0 }
  const counterweights = { distinctMatters: m?.total ?? 0, upheld: m?.upheld ?? 0, partlyUpheld: m?.partly ?? 0 }
  return {
    weeks: weeks.rows.map((w) => ({ weekStarting: w.week, contacts: w.n })),
    contactsLast,
    perMatter: perMatter.rows.map((r) => ({
      reference: r.reference,
      subject: r.subject,
      status: r.status,
      contacts: r.n,
      counted: r.counted,
    })),
    contactsOnClosedMatters: c?.closed ?? 0,
    foiEirContactsLastYear: c?.foi_eir ?? 0,
    distinctMatters: counterweights.distinctMatters,
    complaints: m?.complaints ?? 0,
    complaintsUpheld: counterweights.upheld,
    complaintsPartlyUpheld: counterweights.partlyUpheld,
    minutesLast90Days: c?.minutes ?? 0,
    inWords: {
      pattern: contactPatternText({
        ...contactsLast,
        onClosedMatters: c?.closed ?? 0,
        foiEirNotCounted: c?.foi_eir ?? 0,
      }),
      counterweights: counterweightsText(counterweights),
    },
  }
}
