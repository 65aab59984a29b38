import type { Executor } from '../../db/database.ts'

/** The reminder log, newest first, a page at a time. */
export async function reminderLog(db: Executor, page: { limit: number; offset: number }) {
  return db
    .selectFrom('reminder as m')
    .innerJoin('staff_user as s', 's.id', 'm.recipient_id')
    .select([
      'm.id',
      'm.item_kind',
      'm.item_id',
      'm.due_on',
      'm.stage',
      'm.recipient_email',
      's.name as recipient_name',
      'm.subject',
      'm.link',
      'm.status',
      'm.error',
      'm.attempts',
      'm.created_at',
      'm.sent_at',
    ])
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}
