import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { addDays } from '../../../domain/working-days.ts'
import type { Services } from '../../../services.ts'
import { queryOf } from '../../../web/forms.ts'
import { procedureContext } from '../../cases/context.ts'
import { currentRestrictions } from '../restriction-view/read.ts'
import { variedReview } from '../review/controller.ts'
import { variationsUnderWay } from '../restrictions.repository.ts'

const view = 'features/restrictions/reviews-due/view.njk'
/** Reviews due within this many days are flagged, so that they are not missed (F7). */
export const DUE_SOON_DAYS = 14

/** F7: every restriction in force, by review date: overdue reviews first, then those due soon. */
export function reviewsDuePage(services: Services) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { today } = procedureContext(services)
    const soon = addDays(today, DUE_SOON_DAYS)
    // Ordered by review date, so overdue reviews (before today) come first, then those due within DUE_SOON_DAYS.
    const inForce = (await currentRestrictions(services.db, today)).filter((r) => r.status === 'active')
    const variations = await variationsUnderWay(
      services.db,
      inForce.map((r) => r.id),
    )
    const rows = inForce.map((r) => ({
      ...r,
      due: r.reviewOn < today ? 'overdue' : r.reviewOn <= soon ? 'soon' : 'later',
      // F7, F4: reviewed and to be varied: the variation is the next step, not another review.
      variation: variations.get(r.id),
    }))
    const varied = z.uuid().safeParse(queryOf(request).varied)
    return reply.page(view, {
      title: 'Reviews due',
      rows,
      overdue: rows.filter((r) => r.due === 'overdue').length,
      soonCount: rows.filter((r) => r.due === 'soon').length,
      days: DUE_SOON_DAYS,
      varied: await variedReview(services, varied.success ? varied.data : undefined),
    })
  }
}
