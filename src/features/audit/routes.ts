import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { parseForm, queryOf } from '../../web/forms.ts'
import { staffActorOf } from '../../web/identity.ts'
import { findSafetyMarker } from '../safety-markers/safety-markers.repository.ts'
import { recordMarkerViews } from '../safety-markers/safety-markers.service.ts'
import { distinctAuditValues, listAuditEntries } from './audit.repository.ts'
import { entryView, holdsMarkerContent } from './reading.ts'
import { auditFilter } from './schema.ts'

const PAGE_SIZE = 50

/**
 * K4: auditors and administrators browse and filter the trail. Each entry shows what its reader may see (issue 12
 * item 5): the content of a record needs that record's permission, and a safety marker's content is shown only for
 * the one entry asked for (?show=<entry>), that view recorded like any view of a marker (K3). Nothing else changes.
 */
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
      const kept = stripEmpty(values)
      const next = more && last ? new URLSearchParams({ ...kept, before: String(last.seq) }).toString() : undefined

      const actor = staffActorOf(request)
      const asked = /^\d{1,15}$/.test(values.show ?? '') ? Number(values.show) : null
      const views = shown.map((entry) => entryView(entry, actor.roles, entry.seq === asked))
      // K3: the marker's content is about to be shown: its view is recorded first, as everywhere else.
      const opened = shown.find(
        (e, i) => e.seq === asked && holdsMarkerContent(e) && views[i]?.markerDetails === 'shown',
      )
      if (opened?.objectId) {
        const marker = await findSafetyMarker(services.db, opened.objectId)
        if (marker) {
          await services.db
            .transaction()
            .execute((trx) => recordMarkerViews(trx, actor, [marker], `audit trail, entry ${opened.seq}`))
        }
      }
      const here = new URLSearchParams({ ...kept, ...(values.before && { before: values.before }) })
      return reply.page('features/audit/views/list.njk', {
        title: 'Audit trail',
        values,
        choices,
        entries: views,
        next,
        showLink: (seq: number) =>
          `/audit?${new URLSearchParams([...here, ['show', String(seq)]]).toString()}#entry-${seq}`,
        filtered: Object.keys(kept).length > 0,
      })
    })
  }

function stripEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([key, v]) => typeof v === 'string' && v !== '' && key !== 'before' && key !== 'show',
    ),
  )
}
