import type { Executor } from '../../db/database.ts'

// The bank holidays that working-day deadlines skip (F8, F10).
export async function bankHolidays(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('bank_holiday').select('on').execute()
  return new Set(rows.map((r) => r.on))
}

export async function bankHolidayList(db: Executor): Promise<{ on: string; title: string }[]> {
  return db.selectFrom('bank_holiday').select(['on', 'title']).orderBy('on').execute()
}
