import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { BankHolidayEvent } from '../../domain/working-days.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'

// England and Wales bank holidays (F8, F10: working-day deadlines). Loading GOV.UK's file replaces the holidays of the
// years it covers, in one transaction with one audit entry (K4); years it does not cover are kept as they are.

export interface BankHolidayChanges {
  years: number[]
  added: number
  changed: number
  removed: number
}

export async function replaceBankHolidays(
  trx: Transaction<Database>,
  actor: Actor,
  events: readonly BankHolidayEvent[],
  source: string,
): Promise<BankHolidayChanges> {
  const byDate = new Map(events.map((e) => [e.date, e.title]))
  const years = [...new Set(events.map((e) => Number(e.date.slice(0, 4))))].sort((a, b) => a - b)
  const first = years[0]
  const last = years[years.length - 1]
  const held =
    first === undefined || last === undefined
      ? []
      : await trx
          .selectFrom('bank_holiday')
          .select(['on', 'title'])
          .where('on', '>=', `${first}-01-01`)
          .where('on', '<=', `${last}-12-31`)
          .forUpdate()
          .execute()
  const covered = held.filter((h) => years.includes(Number(h.on.slice(0, 4))))
  const heldByDate = new Map(covered.map((h) => [h.on, h.title]))
  const removed = covered.filter((h) => !byDate.has(h.on))
  const added = [...byDate].filter(([date]) => !heldByDate.has(date))
  const changed = [...byDate].filter(([date, title]) => heldByDate.has(date) && heldByDate.get(date) !== title)
  if (removed.length) {
    await trx
      .deleteFrom('bank_holiday')
      .where(
        'on',
        'in',
        removed.map((h) => h.on),
      )
      .execute()
  }
  if (added.length) {
    await trx
      .insertInto('bank_holiday')
      .values(added.map(([on, title]) => ({ on, title })))
      .execute()
  }
  for (const [on, title] of changed) {
    await trx.updateTable('bank_holiday').set({ title }).where('on', '=', on).execute()
  }
  const result = { years, added: added.length, changed: changed.length, removed: removed.length }
  await appendAuditEntry(trx, actor, {
    action: 'bank_holidays.loaded',
    objectType: 'bank_holiday',
    reason: `Loaded from ${source}`,
    before: {
      removed: removed.map((h) => ({ on: h.on, title: h.title })),
      changed: changed.map(([on]) => ({ on, title: heldByDate.get(on) ?? '' })),
    },
    after: {
      ...result,
      added: added.map(([on, title]) => ({ on, title })),
      changed: changed.map(([on, title]) => ({ on, title })),
    },
  })
  return result
}
