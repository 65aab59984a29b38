import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { allows } from '../../../domain/permissions.ts'
import type { Services } from '../../../services.ts'
import { findLetter, letterFile } from '../letters.service.ts'
import { letterBody } from '../preview.ts'
import { letterTypeName } from '../../restrictions/wording.ts'
import { inUrlOr404, queryOf } from '../../../web/forms.ts'
import { correctionsOf, letterReference } from '../letters.repository.ts'
import { caseReference } from '../../cases/cases.repository.ts'
import { personName } from '../../people/people.repository.ts'
import { deliveryMethodNames, deliveryOf, deliveryStatusNames } from '../delivery.ts'

const doneText: Record<string, string> = {
  warning: 'Warning issued',
  notice: 'Restriction letter issued: the restrictions are in force from their start date (F9)',
  interim: 'Interim restriction imposed and written to the person (F8)',
  review: 'Review recorded and written to the person (F7)',
  challenge: 'Challenge decided and written to the person (F10)',
  correction: 'Corrected letter issued',
}
const query = z.object({
  done: z.string().max(40).optional().catch(undefined),
  largePrint: z.enum(['true', 'false']).optional().catch(undefined),
})

/** F9: every step is written to the person. The letter as issued (fixed, hashed), with its PDF and Word files. */
export function letterPages(services: Services) {
  const { db } = services

  const load = (request: FastifyRequest) => inUrlOr404(request, 'Letter', (id) => findLetter(db, id))

  const file = (format: 'pdf' | 'docx') => async (request: FastifyRequest, reply: FastifyReply) => {
    const letter = await load(request)
    const largePrint = query.parse(queryOf(request)).largePrint === 'true'
    const { bytes } = await letterFile(db, letter.id, format, largePrint)
    const name = `${letter.reference}${largePrint ? '-large-print' : ''}.${format}`
    return reply
      .type(
        format === 'pdf'
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      )
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(bytes))
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const letter = await load(request)
      const [kase, person, corrects, correctedBy, delivery] = await Promise.all([
        caseReference(db, letter.caseId),
        personName(db, letter.personId),
        letter.corrects ? letterReference(db, letter.corrects) : undefined,
        correctionsOf(db, letter.id),
        deliveryOf(db, letter.id),
      ])
      const content = letter.content
      return reply.page('features/letters/show/view.njk', {
        title: `${letterTypeName(letter.type)} ${letter.reference}`,
        letter,
        typeName: letterTypeName(letter.type),
        kase,
        person,
        corrects,
        correctedBy,
        delivery: delivery && {
          ...delivery,
          methodName: deliveryMethodNames[delivery.method],
          statusName: deliveryStatusNames[delivery.status],
          problem: delivery.status === 'returned' || delivery.status === 'failed',
          inPrintQueue:
            delivery.status === 'pending' &&
            (delivery.method === 'print' || (delivery.method === 'post' && !services.config.notify.apiKey)),
        },
        done: doneText[query.parse(queryOf(request)).done ?? ''],
        ...letterBody(content),
        canCorrect: allows('letters.issue', request.principal?.roles ?? []),
        backLink: `/cases/${kase.id}`,
      })
    },
    pdf: file('pdf'),
    docx: file('docx'),
  }
}
