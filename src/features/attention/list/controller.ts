import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { FOI_EIR_NOT_COUNTED, indicatorNames, indicators, thresholdExplanations } from '../../../domain/attention.ts'
import type { Services } from '../../../services.ts'
import { queryOf } from '../../../web/forms.ts'
import { pagination } from '../../../web/pagination.ts'
import { procedureContext } from '../../cases/context.ts'
import { attentionList } from '../attention.service.ts'
import { currentCouncilSettings } from '../../settings/settings.service.ts'

const view = 'features/attention/list/view.njk'
export const PAGE_SIZE = 50

const query = z.object({
  indicator: z.enum(indicators).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
})

/** Who may need attention (P1, P2): read only, apart from bringing the figures up to date. */
export const attentionPage = (services: Services) => async (request: FastifyRequest, reply: FastifyReply) => {
  const q = query.parse(queryOf(request))
  const { today } = procedureContext(services)
  const thresholds = currentCouncilSettings(services).attention // issue 14: the council's settings in force
  const { rows, total } = await attentionList(services.db, today, thresholds, {
    indicator: q.indicator,
    limit: PAGE_SIZE,
    offset: (q.page - 1) * PAGE_SIZE,
  })
  const link = (n: number) =>
    `/attention?${new URLSearchParams({ ...(q.indicator && { indicator: q.indicator }), page: String(n) })}`
  return reply.page(view, {
    title: 'Who may need attention',
    today,
    rows,
    total,
    first: total ? (q.page - 1) * PAGE_SIZE + 1 : 0,
    last: (q.page - 1) * PAGE_SIZE + rows.length,
    filter: q,
    indicatorItems: [
      { value: '', text: 'Any indicator' },
      ...indicators.map((i) => ({ value: i, text: indicatorNames[i], selected: i === q.indicator })),
    ],
    thresholds: thresholdExplanations(thresholds),
    // S3: contacts about FOI or EIR requests are in none of the figures.
    foiEirNotCounted: FOI_EIR_NOT_COUNTED,
    pagination: pagination(q.page, total, PAGE_SIZE, link),
  })
}
