import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../services.ts'
import { formatDateTime } from '../../../web/format.ts'
import { loadCaseFile } from '../case-file.ts'
import { procedureContext } from '../context.ts'
import { restrictionWording } from '../../restrictions/wording.ts'
import { chronology } from './chronology.ts'
import { renderCaseFilePdf } from './pdf.ts'
import { inUrlOr404 } from '../../../web/forms.ts'
import { contactPattern } from '../../people/timeline.repository.ts'

/** The case file: the whole case in date order, on one printable page and as one PDF (F1–F12). */
export function caseFilePages(services: Services) {
  const { db } = services

  async function load(request: FastifyRequest) {
    const ctx = procedureContext(services)
    const file = await inUrlOr404(request, 'Case', (id) => loadCaseFile(db, id, ctx.today))
    const wording = await restrictionWording(db, file.restrictions)
    const closedBy = file.case.closed_by ? file.staffName(file.case.closed_by) : 'Unknown'
    // P2: the person's contact pattern with the matters they raised and the complaints upheld, as the file is produced.
    const pattern = await contactPattern(db, file.person.id, ctx.now)
    return { file, ctx, entries: chronology(file, wording, closedBy), pattern: pattern.inWords }
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const { file, ctx, entries, pattern } = await load(request)
      return reply.page('features/cases/case-file/view.njk', {
        title: `Case file ${file.case.reference}`,
        kase: file.case,
        person: file.person,
        entries,
        pattern,
        producedOn: formatDateTime(ctx.now),
        backLink: `/cases/${file.case.id}`,
      })
    },
    pdf: async (request: FastifyRequest, reply: FastifyReply) => {
      const { file, ctx, entries, pattern } = await load(request)
      const pdf = await renderCaseFilePdf(
        {
          councilName: ctx.council.name,
          reference: file.case.reference,
          personName: file.person.full_name,
          service: file.case.service,
          status: file.case.status,
          producedOn: formatDateTime(ctx.now),
          pattern,
          entries,
        },
        ctx.now,
      )
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${file.case.reference}-case-file.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf)
    },
  }
}
