import type { FastifyReply, FastifyRequest } from 'fastify'
import { importKindNames } from '../../../domain/import-fields.ts'
import { Refusal } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { batchOr404, count, nextStep } from '../batch.ts'
import { confirmImport, previewImport, recordFailure } from '../import.service.ts'
import { previewTable, rejectedTable } from '../present.ts'

const PREVIEW_ROWS = 20
export const REJECTED_ON_PAGE = 1_000

/** The preview (the first rows as they will be stored, and every rejected row with why), then the import itself. */
export function previewPages(services: Services) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const batch = await batchOr404(services, request)
      if (batch.status === 'imported' || !batch.mapping) return reply.redirect(nextStep(batch), 303)
      const plan = await previewImport(services.db, batch, services.now())
      const noun = importKindNames[batch.kind].name.toLowerCase()
      return reply.page('features/import/preview/view.njk', {
        title: `Check the import: ${batch.filename}`,
        batch,
        valid: count(plan.valid.length, 'row', 'rows'),
        validCount: plan.valid.length,
        rejectedCount: plan.rejected.length,
        rejectedText: count(plan.rejected.length, 'row', 'rows'),
        blank: plan.blank,
        preview: previewTable(plan, PREVIEW_ROWS),
        previewRows: PREVIEW_ROWS,
        rejected: rejectedTable(plan.rejected, REJECTED_ON_PAGE),
        importLabel: `Import ${count(plan.valid.length, singular[batch.kind], noun)}`,
        failed: batch.status === 'failed',
        backLink: `/import/${batch.id}/mapping`,
      })
    },

    confirm: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const batch = await batchOr404(services, request)
      if (batch.status === 'imported' || !batch.mapping) return reply.redirect(nextStep(batch), 303)
      try {
        await services.db.transaction().execute((trx) => confirmImport(trx, actor, batch, services.now()))
      } catch (error) {
        if (error instanceof Refusal && error.code === 'already_imported') return reply.redirect(nextStep(batch), 303)
        if (error instanceof Refusal) throw error
        // The transaction has rolled back: nothing of the file is stored. Say so, and keep the reference.
        request.log.error({ err: error, importBatch: batch.id }, 'import failed and was rolled back')
        await recordFailure(services.db, batch, request.id, services.now())
        return reply.code(500).page('features/import/report/view.njk', {
          title: `The import failed: ${batch.filename}`,
          batch: { ...batch, status: 'failed' },
          reference: request.id,
        })
      }
      return reply.redirect(`/import/${batch.id}`, 303)
    },
  }
}

const singular = { people: 'person', matters: 'matter', contacts: 'contact' } as const
