import { sql } from 'kysely'
import type { Executor } from '../../db/database.ts'
import {
  assessAttention,
  type AttentionFigures,
  type AttentionThresholds,
  type Indicator,
} from '../../domain/attention.ts'

// The attention list's rows (P1, P2). The day rows are kept by triggers on `contact` (migration
// 20261129T1100_attention); this file recomputes the per-person rows that are due and reads the list.

/** People recomputed per statement: bounds the size of one write and of the figures read into memory. */
const BATCH = 5_000

const settingsKey = (t: AttentionThresholds) =>
  JSON.stringify([
    t.contacts7Days,
    t.contacts30Days,
    t.ratioToHistory,
    t.closedMatterContacts90Days,
    t.channels7Days,
    t.staff30Days,
    t.staffMinutes30Days,
  ])

const bitCount = (n: number) => {
  let count = 0
  for (let v = n; v; v &= v - 1) count += 1
  return count
}

/** What person_indicator stores of a person's matters (P2): read from `matter`. */
interface MatterColumns {
  distinct_matters: number
  complaints: number
  complaints_decided: number
  upheld: number
  partly_upheld: number
  open_matters: number
}

const noMatters: MatterColumns = {
  distinct_matters: 0,
  complaints: 0,
  complaints_decided: 0,
  upheld: 0,
  partly_upheld: 0,
  open_matters: 0,
}

/** A person's figures as person_indicator stores them, one column each. */
interface FigureColumns extends MatterColumns {
  contacts_7: number
  contacts_30: number
  contacts_90: number
  contacts_365: number
  history: number
  closed_matter_contacts_90: number
  channels_7: number
  staff_30: number
  minutes_30: number
}

/** The stored figures as the attention rules read them. */
const figuresFrom = (c: FigureColumns): AttentionFigures => ({
  contacts7: c.contacts_7,
  contacts30: c.contacts_30,
  contacts90: c.contacts_90,
  contacts365: c.contacts_365,
  history: c.history,
  closedMatterContacts90: c.closed_matter_contacts_90,
  channels7: c.channels_7,
  staff30: c.staff_30,
  minutes30: c.minutes_30,
  distinctMatters: c.distinct_matters,
  complaints: c.complaints,
  complaintsDecided: c.complaints_decided,
  upheld: c.upheld,
  partlyUpheld: c.partly_upheld,
  openMatters: c.open_matters,
})

/** A person's day rows summed: every figure but the matters, the staff and the channels (as bits, to be counted). */
type WindowRow = Omit<FigureColumns, keyof MatterColumns | 'staff_30' | 'channels_7'> & {
  person_id: string
  version: string
  channel_bits: number
  last_contact_on: string | null
  next_due: string
}

/** The figures of these people on `today`, from their day rows (at most 365 a person) and their matters. */
async function figuresOf(db: Executor, ids: string[], today: string) {
  const [windows, staff, matters] = await Promise.all([
    sql<WindowRow>`
      select i.person_id, i.version::text as version,
             coalesce(sum(d.contacts) filter (where d.day > ${today}::date - 7), 0)::int as contacts_7,
             coalesce(sum(d.contacts) filter (where d.day > ${today}::date - 30), 0)::int as contacts_30,
             coalesce(sum(d.contacts) filter (where d.day > ${today}::date - 90), 0)::int as contacts_90,
             coalesce(sum(d.contacts), 0)::int as contacts_365,
             coalesce(sum(d.contacts) filter (where d.day > ${today}::date - 364 and d.day <= ${today}::date - 7), 0)::int as history,
             coalesce(sum(d.on_closed) filter (where d.day > ${today}::date - 90), 0)::int as closed_matter_contacts_90,
             coalesce(bit_or(d.channels) filter (where d.day > ${today}::date - 7), 0)::int as channel_bits,
             coalesce(sum(d.minutes) filter (where d.day > ${today}::date - 30), 0)::int as minutes_30,
             max(d.day)::text as last_contact_on,
             -- The next day one of these days leaves a window (7, 30, 90 days, the history, the year): until then the
             -- figures cannot change unless a contact or a matter changes, which makes the row due at once.
             coalesce(least(
               min(d.day + 7) filter (where d.day + 7 > ${today}::date),
               min(d.day + 30) filter (where d.day + 30 > ${today}::date),
               min(d.day + 90) filter (where d.day + 90 > ${today}::date),
               min(d.day + 364) filter (where d.day + 364 > ${today}::date),
               min(d.day + 365) filter (where d.day + 365 > ${today}::date)
             ), 'infinity'::date)::text as next_due
        from person_indicator i
        left join person_contact_day d on d.person_id = i.person_id and d.day > ${today}::date - 365
       where i.person_id = any(${ids}::uuid[])
       group by i.person_id, i.version`.execute(db),
    sql<{ person_id: string; staff_30: number }>`
      select d.person_id, count(distinct s.staff_id)::int as staff_30
        from person_contact_day d cross join unnest(d.staff) as s(staff_id)
       where d.person_id = any(${ids}::uuid[]) and d.day > ${today}::date - 30
       group by d.person_id`.execute(db),
    sql<MatterColumns & { person_id: string }>`
      select person_id, count(*)::int as distinct_matters,
             count(*) filter (where type = 'complaint')::int as complaints,
             count(*) filter (where type = 'complaint' and outcome is not null)::int as complaints_decided,
             count(*) filter (where outcome = 'upheld')::int as upheld,
             count(*) filter (where outcome = 'partly_upheld')::int as partly_upheld,
             count(*) filter (where status = 'open')::int as open_matters
        from matter where person_id = any(${ids}::uuid[])
       group by person_id`.execute(db),
  ])
  const staffOf = new Map(staff.rows.map((r) => [r.person_id, r.staff_30]))
  const mattersOf = new Map(matters.rows.map(({ person_id, ...m }) => [person_id, m]))
  return windows.rows.map(({ person_id, version, channel_bits, last_contact_on, next_due, ...counts }) => {
    const columns: FigureColumns = {
      ...counts,
      channels_7: bitCount(channel_bits),
      staff_30: staffOf.get(person_id) ?? 0,
      ...(mattersOf.get(person_id) ?? noMatters),
    }
    return { personId: person_id, version, nextDue: next_due, lastContactOn: last_contact_on, columns }
  })
}

/**
 * Recompute every person's row that is due on `today` (a contact or a matter changed, or one of their days left a
 * window), and all of them when the thresholds changed or the clock went back. The scheduler runs this daily; the
 * attention page runs it too, which costs an index probe when nothing is due. Returns how many rows were recomputed.
 */
export async function refreshAttention(db: Executor, today: string, thresholds: AttentionThresholds) {
  const key = settingsKey(thresholds)
  const state = await db.selectFrom('attention_state').selectAll().executeTakeFirst()
  if (!state || state.settings_key !== key || state.refreshed_on > today) {
    await sql`update person_indicator set next_due = '-infinity', version = version + 1`.execute(db)
    await sql`insert into attention_state (id, settings_key, refreshed_on) values (true, ${key}, ${today})
              on conflict (id) do update set settings_key = excluded.settings_key, refreshed_on = excluded.refreshed_on`.execute(
      db,
    )
  } else if (state.refreshed_on < today) {
    await db.updateTable('attention_state').set({ refreshed_on: today }).execute()
  }

  let refreshed = 0
  // Each pass takes rows still due; a row recomputed gets next_due after today, so the loop ends. A row whose contact
  // arrived while it was being recomputed keeps its newer version and is taken again by the next pass.
  for (let pass = 0; pass < 10_000; pass += 1) {
    const due = await sql<{ person_id: string }>`
      select person_id from person_indicator where next_due <= ${today}::date limit ${BATCH}`.execute(db)
    if (due.rows.length === 0) break
    const rows = (
      await figuresOf(
        db,
        due.rows.map((r) => r.person_id),
        today,
      )
    ).map((r) => {
      const a = assessAttention(figuresFrom(r.columns), thresholds)
      return {
        person_id: r.personId,
        version: r.version,
        next_due: r.nextDue,
        last_contact_on: r.lastContactOn,
        ...r.columns,
        flags: a.flags,
        score: a.score,
        mostly_upheld: a.mostlyUpheld,
      }
    })
    await sql`
      update person_indicator i
         set computed_on = ${today}::date, next_due = x.next_due, last_contact_on = x.last_contact_on,
             contacts_7 = x.contacts_7, contacts_30 = x.contacts_30, contacts_90 = x.contacts_90,
             contacts_365 = x.contacts_365, history = x.history, closed_matter_contacts_90 = x.closed_matter_contacts_90,
             channels_7 = x.channels_7, staff_30 = x.staff_30, minutes_30 = x.minutes_30,
             distinct_matters = x.distinct_matters, complaints = x.complaints, complaints_decided = x.complaints_decided,
             upheld = x.upheld, partly_upheld = x.partly_upheld, open_matters = x.open_matters,
             flags = x.flags, score = x.score, mostly_upheld = x.mostly_upheld
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
               person_id uuid, version bigint, next_due date, last_contact_on date, contacts_7 int, contacts_30 int,
               contacts_90 int, contacts_365 int, history int, closed_matter_contacts_90 int, channels_7 int, staff_30 int,
               minutes_30 int, distinct_matters int, complaints int, complaints_decided int, upheld int,
               partly_upheld int, open_matters int, flags text[], score real, mostly_upheld boolean)
       where i.person_id = x.person_id and i.version = x.version`.execute(db)
    refreshed += rows.length
  }
  return { refreshed }
}

export interface AttentionRow {
  personId: string
  fullName: string
  dateOfBirth: string | null
  computedOn: string | null
  lastContactOn: string | null
  contacts90: number
  contacts365: number
  figures: AttentionFigures
}

/** The people with an indicator reached, furthest above a threshold first (an index scan of the listed rows only). */
export async function listAttention(
  db: Executor,
  options: { indicator?: Indicator; limit: number; offset: number },
): Promise<{ rows: AttentionRow[]; total: number }> {
  const filter = options.indicator
    ? sql`i.flags <> '{}' and i.flags @> array[${options.indicator}]::text[]`
    : sql`i.flags <> '{}'`
  const [rows, total] = await Promise.all([
    sql<
      FigureColumns & {
        person_id: string
        full_name: string
        date_of_birth: string | null
        computed_on: string | null
        last_contact_on: string | null
      }
    >`
      select i.*, i.computed_on::text as computed_on, i.last_contact_on::text as last_contact_on,
             p.full_name, p.date_of_birth::text as date_of_birth
        from person_indicator i join person p on p.id = i.person_id
       where ${filter}
       order by i.score desc, i.person_id
       limit ${options.limit} offset ${options.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from person_indicator i where ${filter}`.execute(db),
  ])
  return {
    total: total.rows[0]?.n ?? 0,
    rows: rows.rows.map((r) => ({
      personId: r.person_id,
      fullName: r.full_name,
      dateOfBirth: r.date_of_birth,
      computedOn: r.computed_on,
      lastContactOn: r.last_contact_on,
      contacts90: r.contacts_90,
      contacts365: r.contacts_365,
      figures: figuresFrom(r),
    })),
  }
}
