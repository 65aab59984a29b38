import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { dueKindNames, reminderStageNames } from '../../../domain/due.ts'
import type { Services } from '../../../services.ts'
import { queryOf } from '../../../web/forms.ts'
import { reminderLog } from '../reminders.repository.ts'
import type { ReminderStatus } from '../../../db/tables/reminders.ts'

const PAGE_SIZE = 50
const query = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1) })

const statusTags: Record<ReminderStatus, { text: string; classes: string }> = {
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  not_sent: { text: 'Not sent', classes: 'govuk-tag--grey' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
  sending: { text: 'Sending', classes: 'govuk-tag--blue' },
}

/** Every reminder email, newest first: to whom, about what, and whether it went. */
export const reminderLogPage = (services: Services) => async (request: FastifyRequest, reply: FastifyReply) => {
  const { page } = query.parse(queryOf(request))
  const rows = await reminderLog(services.db, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE })
  return reply.page('features/reminders/log/view.njk', {
    title: 'Reminder emails',
    smtpConfigured: Boolean(services.config.smtp.host),
    reminders: rows.slice(0, PAGE_SIZE).map((r) => ({
      ...r,
      kindName: dueKindNames[r.item_kind],
      stageName: reminderStageNames[r.stage],
      statusTag: statusTags[r.status],
    })),
    page,
    previous: page > 1 ? `/reminders?page=${page - 1}` : undefined,
    next: rows.length > PAGE_SIZE ? `/reminders?page=${page + 1}` : undefined,
  })
}
