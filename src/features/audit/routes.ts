import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { parseForm, queryOf } from '../../web/forms.ts'
import { distinctAuditValues, listAuditEntries } from './audit.repository.ts'
import { auditFilter } from './schema.ts'

const PAGE_SIZE = 50

/** K4: auditors and administrators browse and filter the trail. Reading it changes nothing. */
export const auditRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/audit', { config: { access: 'audit.read' } }, async (request, reply) => {
      const values = queryOf(request)
      const form = parseForm(auditFilter, values)
      const choices = await distinctAuditValues(services.db)
      if (!form.ok)
        return reply.code(422).page('features/audit/views/list.njk', {
          title: 'Audit trail',
          values,
          errors: form.errors,
          choices,
          entries: [],
        })
      const f = form.value
      const toExclusive = f.to ? new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) : undefined
      const entries = await listAuditEntries(
        services.db,
        { ...f, from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined, to: toExclusive },
        PAGE_SIZE + 1,
      )
      const more = entries.length > PAGE_SIZE
      const shown = entries.slice(0, PAGE_SIZE)
      const last = shown.at(-1)
      const next =
        more && last ? new URLSearchParams({ ...stripEmpty(values), before: String(last.seq) }).toString() : undefined
      return reply.page('features/audit/views/list.njk', {
        title: 'Audit trail',
        values,
        choices,
        entries: shown,
        next,
        filtered: Object.keys(stripEmpty(values)).length > 0,
      })
    })
  }

function stripEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(([key, v]) => typeof v === 'string' && v !== '' && key !== 'before'),
  )
}
