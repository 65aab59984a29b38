import { sql, type Kysely } from 'kysely'

// Name search (issue 3) at scale. A GIN index adds new entries to a "pending list" (4 MB by default) and merges
// them into the index only when the list is full or when VACUUM runs. Until then every search reads the whole list,
// and the planner counts it: after 100,000 people were added, it chose a sequential scan of every name (0.3–1.7 s
// a search) over the trigram index (under 20 ms). PGlite never runs autovacuum, so there the list is never emptied
// but by the next insert that overflows it. A 64 kB limit keeps the list a few pages long (inserts merge into the
// index in small batches, about 4 times the insert cost of the default, still far cheaper than no list at all),
// and the planner then uses the index whatever the database's vacuum history. See BENCHMARKS.md, "The record".
const trigramIndexes = ['person_name_trgm', 'person_alias_trgm']

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of trigramIndexes) {
    await sql`alter index ${sql.id(index)} set (gin_pending_list_limit = 64)`.execute(db)
    // Merge what is already pending, so an existing database benefits at once.
    await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of trigramIndexes) {
    await sql`alter index ${sql.id(index)} reset (gin_pending_list_limit)`.execute(db)
  }
}
