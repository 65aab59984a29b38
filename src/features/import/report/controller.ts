import type { FastifyReply, FastifyRequest } from 'fastify'
import { importKindNames } from '../../../domain/import-fields.ts'
import type { Services } from '../../../services.ts'
import { batchOr404, count, nextStep } from '../batch.ts'
import type { BatchSummary } from '../import.repository.ts'
import { previewImport, rejectedRowsCsv, type ImportReport } from '../import.service.ts'
import type { Rejection } from '../plan.ts'
import { rejectedTable } from '../present.ts'
import { REJECTED_ON_PAGE } from '../preview/controller.ts'

const view = 'features/import/report/view.njk'

function reportOf(batch: BatchSummary): ImportReport | undefined {
  const report = batch.report as Partial<ImportReport> | null
  return batch.status === 'imported' && report && typeof report.imported === 'number' && Array.isArray(report.rejected)
    ? { imported: report.imported, rejected: report.rejected, blank: report.blank ?? 0 }
    : undefined
}

/** The report of an import (what was stored, what was rejected and why), and the rejected rows as CSV. */
export function reportPages(services: Services) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const batch = await batchOr404(services, request)
      if (batch.status === 'failed') {
        const reference = (batch.report as { reference?: string } | null)?.reference
        return reply.page(view, { title: `The import failed: ${batch.filename}`, batch, reference })
      }
      const report = reportOf(batch)
      if (!report) return reply.redirect(nextStep(batch), 303)
      const noun = importKindNames[batch.kind].name.toLowerCase()
      const one = { people: 'person', matters: 'matter', contacts: 'contact' }[batch.kind]
      return reply.page(view, {
        title: `Import complete: ${batch.filename}`,
        batch,
        imported: count(report.imported, one, noun),
        rejectedText: count(report.rejected.length, 'row', 'rows'),
        rejectedCount: report.rejected.length,
        blank: report.blank,
        rejected: rejectedTable(report.rejected, REJECTED_ON_PAGE),
      })
    },

    download: async (request: FastifyRequest, reply: FastifyReply) => {
      const batch = await batchOr404(services, request)
      let rejected: Rejection[]
      const report = reportOf(batch)
      if (report) rejected = report.rejected
      else if (batch.mapping) rejected = (await previewImport(services.db, batch, services.now())).rejected
      else return reply.redirect(nextStep(batch), 303)
      const name =
        batch.filename
          .replace(/\.csv$/i, '')
          .replace(/[^A-Za-z0-9._-]+/g, '-')
          .slice(0, 80) || 'import'
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="rejected-rows-${name}.csv"`)
          .header('cache-control', 'no-store')
          // The byte-order mark tells Excel the file is UTF-8.
          .send(`\uFEFF${await rejectedRowsCsv(services.db, batch, rejected)}`)
      )
    },
  }
}
