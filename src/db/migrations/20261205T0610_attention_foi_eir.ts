import { sql, type Kysely } from 'kysely'

// S3 (issue 13): contacts about FOI or EIR requests are not persistence under this procedure, so the attention list's
// day rows (20261129T1100_attention) leave them out: no contact on a matter of type 'foi' or 'eir' counts towards the
// contacts, the staff time, the channels, the staff or the contacts on closed matters. The functions the triggers call
// are replaced with ones that leave them out; a matter whose type changes has its contacts' days rebuilt, as one whose
// closing date changes already had; every day row is rebuilt and every person's figures are due.

/** Which contacts the day rows count, `m` being the contact's matter (left joined). */
const COUNTED = `(m.type is null or m.type not in ('foi', 'eir'))`

async function defineFunctions(db: Kysely<unknown>, counted: string, matterChanged: string): Promise<void> {
  await sql`create or replace function attention_rebuild(persons uuid[], days date[]) returns void language plpgsql as $$
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
     where ${sql.raw(counted)}
     group by 1, 2;
    insert into person_indicator as i (person_id, next_due, version)
    select distinct person_id, '-infinity'::date, 1 from unnest(persons) as x(person_id)
        on conflict (person_id) do update set next_due = '-infinity', version = i.version + 1;
  end
  $$`.execute(db)

  await sql`create or replace function contact_attention_insert() returns trigger language plpgsql as $$
  begin
    insert into person_contact_day as d (person_id, day, contacts, minutes, on_closed, channels, staff)
    select n.person_id, attention_day(n.at), count(*)::int, coalesce(sum(n.minutes_spent), 0)::int,
           (count(*) filter (where m.closed_at is not null and n.at > m.closed_at))::int,
           bit_or(attention_channel_bit(n.channel)),
           coalesce(array_agg(distinct n.staff_user_id) filter (where n.staff_user_id is not null), '{}')
      from new_rows n left join matter m on m.id = n.matter_id
     where ${sql.raw(counted)}
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

  await sql`create or replace function matter_attention_change() returns trigger language plpgsql as $$
  begin
    if tg_op = 'UPDATE' then
      perform attention_rebuild(array_agg(c.person_id), array_agg(attention_day(c.at)))
         from old_rows o join new_rows n on n.id = o.id join contact c on c.matter_id = n.id
        where ${sql.raw(matterChanged)}
       having count(*) > 0;
    end if;
    update person_indicator i set next_due = '-infinity', version = i.version + 1
     where i.person_id in (select person_id from new_rows union select person_id from old_rows);
    return null;
  end
  $$`.execute(db)

  // Every day row again, from the contacts that count; every person's figures are due.
  await sql`delete from person_contact_day`.execute(db)
  await sql`insert into person_contact_day (person_id, day, contacts, minutes, on_closed, channels, staff)
    select c.person_id, attention_day(c.at), count(*)::int, coalesce(sum(c.minutes_spent), 0)::int,
           (count(*) filter (where m.closed_at is not null and c.at > m.closed_at))::int,
           bit_or(attention_channel_bit(c.channel)),
           coalesce(array_agg(distinct c.staff_user_id) filter (where c.staff_user_id is not null), '{}')
      from contact c left join matter m on m.id = c.matter_id
     where ${sql.raw(counted)}
     group by 1, 2`.execute(db)
  await sql`update person_indicator set next_due = '-infinity', version = version + 1`.execute(db)
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await defineFunctions(db, COUNTED, '(o.closed_at is distinct from n.closed_at or o.type is distinct from n.type)')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await defineFunctions(db, 'true', 'o.closed_at is distinct from n.closed_at')
}
