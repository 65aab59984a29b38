import { sql, type Kysely } from 'kysely'

// Who may need attention (issue 6; P1, P2), kept incrementally rather than recomputed from every contact on each view.
//
// person_contact_day: one row per person per UK calendar day with contacts, kept by statement-level triggers on
//   `contact` in the same transaction as the insert, update or delete. A trigger catches every path: the contact
//   pages, the API, the CRM import's bulk insert and the merge of two records all go through it.
// person_indicator: one row per person with contacts: the windowed figures, the counterweights (P2), the flags reached
//   and a score to order by. A contact or a change to one of the person's matters marks the row due (next_due =
//   -infinity); the app recomputes due rows from the day rows (at most 365 of them a person). next_due is otherwise
//   the next day on which one of the person's days leaves a window, so the daily refresh touches only the people whose
//   figures actually change that day.
// attention_state: the thresholds and the day the rows were last refreshed for; a change of either makes every row due.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function attention_day(at timestamptz) returns date language sql immutable parallel safe as $$
    select (at at time zone 'Europe/London')::date
  $$`.execute(db)
  await sql`create function attention_channel_bit(channel text) returns integer language sql immutable parallel safe as $$
    select case channel when 'phone' then 1 when 'email' then 2 when 'letter' then 4 when 'in_person' then 8
                        when 'web' then 16 when 'social_media' then 32 else 0 end
  $$`.execute(db)

  await sql`create table person_contact_day (
    person_id uuid not null references person (id) on delete cascade,
    day date not null,
    contacts integer not null,
    minutes integer not null,
    on_closed integer not null,
    channels integer not null,
    staff uuid[] not null,
    primary key (person_id, day)
  )`.execute(db)

  await sql`create table person_indicator (
    person_id uuid primary key references person (id) on delete cascade,
    version bigint not null default 0,
    next_due date not null default '-infinity',
    computed_on date,
    contacts_7 integer not null default 0,
    contacts_30 integer not null default 0,
    contacts_90 integer not null default 0,
    contacts_365 integer not null default 0,
    history integer not null default 0,
    closed_matter_contacts_90 integer not null default 0,
    channels_7 integer not null default 0,
    staff_30 integer not null default 0,
    minutes_30 integer not null default 0,
    distinct_matters integer not null default 0,
    complaints integer not null default 0,
    complaints_decided integer not null default 0,
    upheld integer not null default 0,
    partly_upheld integer not null default 0,
    open_matters integer not null default 0,
    last_contact_on date,
    flags text[] not null default '{}',
    score real not null default 0,
    mostly_upheld boolean not null default false
  )`.execute(db)
  await sql`create index person_indicator_due on person_indicator (next_due)`.execute(db)
  // The list: only people with an indicator reached, in the order shown.
  await sql`create index person_indicator_listed on person_indicator (score desc, person_id) where flags <> '{}'`.execute(
    db,
  )

  await sql`create table attention_state (
    id boolean primary key default true check (id),
    settings_key text not null,
    refreshed_on date not null
  )`.execute(db)

  // Rebuild the day rows of these (person, day) pairs from the contacts themselves, and mark the people due.
  await sql`create function attention_rebuild(persons uuid[], days date[]) returns void language plpgsql as $$
  begin
    delete from person_contact_day d
     using (select distinct * from unnest(persons, days) as x(person_id, day)) p
     where d.person_id = p.person_id and d.day = p.day;
    insert into person_contact_day (person_id, day, contacts, minutes, on_closed, channels, staff)
    select c.person_id, attention_day(c.at), count(*)::int, coalesce(sum(c.minutes_spent), 0)::int,
           (count(*) filter (where m.closed_at is not null and c.at > m.closed_at))::int,
           bit_or(attention_channel_bit(c.channel)),
           coalesce(array_agg(distinct c.staff_user_id) filter (where c.staff_user_id is not null), '{}')
      from (select distinct * from unnest(persons, days) as x(person_id, day)) p
      join contact c on c.person_id = p.person_id
                    and c.at >= (p.day::timestamp at time zone 'Europe/London')
                    and c.at < ((p.day + 1)::timestamp at time zone 'Europe/London')
      left join matter m on m.id = c.matter_id
     group by 1, 2;
    insert into person_indicator as i (person_id, next_due, version)
    select distinct person_id, '-infinity'::date, 1 from unnest(persons) as x(person_id)
        on conflict (person_id) do update set next_due = '-infinity', version = i.version + 1;
  end
  $$`.execute(db)

  await sql`create function contact_attention_insert() returns trigger language plpgsql as $$
  begin
    insert into person_contact_day as d (person_id, day, contacts, minutes, on_closed, channels, staff)
    select n.person_id, attention_day(n.at), count(*)::int, coalesce(sum(n.minutes_spent), 0)::int,
           (count(*) filter (where m.closed_at is not null and n.at > m.closed_at))::int,
           bit_or(attention_channel_bit(n.channel)),
           coalesce(array_agg(distinct n.staff_user_id) filter (where n.staff_user_id is not null), '{}')
      from new_rows n left join matter m on m.id = n.matter_id
     group by 1, 2
     order by 1, 2
        on conflict (person_id, day) do update
       set contacts = d.contacts + excluded.contacts,
           minutes = d.minutes + excluded.minutes,
           on_closed = d.on_closed + excluded.on_closed,
           channels = d.channels | excluded.channels,
           staff = case when excluded.staff <@ d.staff then d.staff
                        else array(select distinct s from unnest(d.staff || excluded.staff) as u(s)) end;
    insert into person_indicator as i (person_id, next_due, version)
    select distinct person_id, '-infinity'::date, 1 from new_rows order by 1
        on conflict (person_id) do update set next_due = '-infinity', version = i.version + 1;
    return null;
  end
  $$`.execute(db)

  await sql`create function contact_attention_update() returns trigger language plpgsql as $$
  begin
    perform attention_rebuild(array_agg(person_id), array_agg(day)) from (
      select o.person_id, attention_day(o.at) as day from old_rows o join new_rows n on n.id = o.id
       where (o.person_id, o.at, o.matter_id, o.channel, o.minutes_spent, o.staff_user_id)
             is distinct from (n.person_id, n.at, n.matter_id, n.channel, n.minutes_spent, n.staff_user_id)
      union
      select n.person_id, attention_day(n.at) from old_rows o join new_rows n on n.id = o.id
       where (o.person_id, o.at, o.matter_id, o.channel, o.minutes_spent, o.staff_user_id)
             is distinct from (n.person_id, n.at, n.matter_id, n.channel, n.minutes_spent, n.staff_user_id)
    ) changed having count(*) > 0;
    return null;
  end
  $$`.execute(db)

  await sql`create function contact_attention_delete() returns trigger language plpgsql as $$
  begin
    perform attention_rebuild(array_agg(person_id), array_agg(day))
       from (select distinct person_id, attention_day(at) as day from old_rows) gone having count(*) > 0;
    return null;
  end
  $$`.execute(db)

  // A matter closed or reopened changes which of its contacts were "after it closed"; any change to a matter can change
  // the counterweights (P2). Either way its person is due.
  await sql`create function matter_attention_change() returns trigger language plpgsql as $$
  begin
    if tg_op = 'UPDATE' then
      perform attention_rebuild(array_agg(c.person_id), array_agg(attention_day(c.at)))
         from old_rows o join new_rows n on n.id = o.id join contact c on c.matter_id = n.id
        where o.closed_at is distinct from n.closed_at
       having count(*) > 0;
    end if;
    update person_indicator i set next_due = '-infinity', version = i.version + 1
     where i.person_id in (select person_id from new_rows union select person_id from old_rows);
    return null;
  end
  $$`.execute(db)
  // A trigger with transition tables answers one event, so the three events each have their own trigger.
  await sql`create function matter_attention_insert() returns trigger language plpgsql as $$
  begin
    update person_indicator i set next_due = '-infinity', version = i.version + 1
     where i.person_id in (select person_id from new_rows);
    return null;
  end
  $$`.execute(db)
  await sql`create function matter_attention_delete() returns trigger language plpgsql as $$
  begin
    update person_indicator i set next_due = '-infinity', version = i.version + 1
     where i.person_id in (select person_id from old_rows);
    return null;
  end
  $$`.execute(db)

  await sql`create trigger contact_attention_insert after insert on contact referencing new table as new_rows
    for each statement execute function contact_attention_insert()`.execute(db)
  await sql`create trigger contact_attention_update after update on contact
    referencing old table as old_rows new table as new_rows for each statement execute function contact_attention_update()`.execute(
    db,
  )
  await sql`create trigger contact_attention_delete after delete on contact referencing old table as old_rows
    for each statement execute function contact_attention_delete()`.execute(db)
  await sql`create trigger matter_attention_insert after insert on matter referencing new table as new_rows
    for each statement execute function matter_attention_insert()`.execute(db)
  await sql`create trigger matter_attention_update after update on matter
    referencing old table as old_rows new table as new_rows for each statement execute function matter_attention_change()`.execute(
    db,
  )
  await sql`create trigger matter_attention_delete after delete on matter referencing old table as old_rows
    for each statement execute function matter_attention_delete()`.execute(db)

  // Backfill: the day rows of every contact already recorded; every person with contacts is due.
  await sql`insert into person_contact_day (person_id, day, contacts, minutes, on_closed, channels, staff)
    select c.person_id, attention_day(c.at), count(*)::int, coalesce(sum(c.minutes_spent), 0)::int,
           (count(*) filter (where m.closed_at is not null and c.at > m.closed_at))::int,
           bit_or(attention_channel_bit(c.channel)),
           coalesce(array_agg(distinct c.staff_user_id) filter (where c.staff_user_id is not null), '{}')
      from contact c left join matter m on m.id = c.matter_id
     group by 1, 2`.execute(db)
  await sql`insert into person_indicator (person_id) select distinct person_id from person_contact_day`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [trigger, table] of [
    ['contact_attention_insert', 'contact'],
    ['contact_attention_update', 'contact'],
    ['contact_attention_delete', 'contact'],
    ['matter_attention_insert', 'matter'],
    ['matter_attention_update', 'matter'],
    ['matter_attention_delete', 'matter'],
  ] as const)
    await sql`drop trigger ${sql.raw(trigger)} on ${sql.table(table)}`.execute(db)
  for (const fn of [
    'contact_attention_insert()',
    'contact_attention_update()',
    'contact_attention_delete()',
    'matter_attention_change()',
    'matter_attention_insert()',
    'matter_attention_delete()',
    'attention_rebuild(uuid[], date[])',
  ])
    await sql`drop function ${sql.raw(fn)}`.execute(db)
  await sql`drop table attention_state`.execute(db)
  await sql`drop table person_indicator`.execute(db)
  await sql`drop table person_contact_day`.execute(db)
  await sql`drop function attention_channel_bit(text)`.execute(db)
  await sql`drop function attention_day(timestamptz)`.execute(db)
}
