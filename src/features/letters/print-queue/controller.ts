import type { FastifyReply, FastifyRequest } from 'fastify'
import { PDFDocument } from 'pdf-lib'
import type { Services } from '../../../services.ts'
import { londonDate } from '../../../domain/london-time.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { attempt, errorsInOrder, paramId, queryOf } from '../../../web/forms.ts'
import { notFound } from '../../../domain/refusal.ts'
import { markPosted, printQueue } from '../delivery.ts'
import { findLetter, letterFile } from '../letters.service.ts'

const view = 'features/letters/print-queue/view.njk'

/**
 * F9 (issue 14), without Notify: the letters by post waiting to be printed, as one PDF to print (each letter as issued,
 * in its own print size, starting on a new sheet when printed on both sides), and each marked posted by hand.
 */
export function printQueuePages(services: Services) {
  const { db } = services
  const notify = () => services.config.notify.apiKey !== undefined

  const render = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const items = await printQueue(db, notify())
    const posted = queryOf(request).posted
    const postedLetter = posted && /^LTR-\d{4}-\d{6}$/.test(posted) ? posted : undefined
    return reply.code(error ? 409 : 200).page(view, {
      title: 'Letters to print and post',
      items,
      today: londonDate(services.now()),
      notify: notify(),
      posted: postedLetter,
      errors: error ? errorsInOrder({ letters: error }) : undefined,
    })
  }

  return {
    show: (request: FastifyRequest, reply: FastifyReply) => render(request, reply),
    pdf: async (_request: FastifyRequest, reply: FastifyReply) => {
      const items = await printQueue(db, notify())
      const merged = await PDFDocument.create()
      merged.setTitle(`Letters to print and post, ${londonDate(services.now())}`)
      for (const item of items) {
        const letter = await findLetter(db, item.letterId)
        if (!letter) continue
        const file = await letterFile(db, item.letterId, 'pdf', letter.largePrint)
        const source = await PDFDocument.load(file.bytes)
        const pages = await merged.copyPages(source, source.getPageIndices())
        for (const page of pages) merged.addPage(page)
        // Printed on both sides, the next letter starts on its own sheet.
        const last = pages.at(-1)
        if (last && pages.length % 2 === 1) merged.addPage([last.getWidth(), last.getHeight()])
      }
      const bytes = await merged.save()
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="letters-to-post-${londonDate(services.now())}.pdf"`)
        .send(Buffer.from(bytes))
    },
    posted: async (request: FastifyRequest, reply: FastifyReply) => {
      const id = paramId(request)
      const letter = id ? await findLetter(db, id) : undefined
      if (!letter) throw notFound('Letter')
      const actor = staffActorOf(request)
      const result = await attempt(() =>
        db.transaction().execute((trx) => markPosted(trx, actor, letter.id, notify(), services.now())),
      )
      if (!result.ok)
        return render(request, reply, `Letter ${letter.reference} is not waiting to be printed and posted`)
      return reply.redirect(`/letters/print-queue?posted=${encodeURIComponent(letter.reference)}`, 303)
    },
  }
}
