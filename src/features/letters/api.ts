import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { createHash, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { letterTypes } from '../../domain/letters.ts'
import { notFound } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { endpoint } from '../api/endpoint.ts'
import { apiError } from '../../web/errors.ts'
import { errors, idParams } from '../api/schemas.ts'
import { postStep, procedureTags } from '../cases/context.ts'
import { correctLetter, findLetter, letterFile } from './letters.service.ts'
import { deliveryOf, recordNotifyCallback } from './delivery.ts'
import { letterCorrection, notifyCallback } from './schema.ts'

// Letters through the API (F9): as issued, as files, and corrected by a new letter.
/** Compares two secrets in constant time (their hashes, so that the length is not told either). */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest())

const letterQuery = z.object({ largePrint: z.enum(['true', 'false']).optional() })

export const lettersApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = services

    app.get(
      '/letters/:id',
      endpoint('cases.read', {
        tags: procedureTags,
        summary: 'A letter as issued: its content and hash (fixed once issued)',
        params: idParams,
        response: {
          200: z.object({
            id: z.uuid(),
            type: z.enum(letterTypes),
            reference: z.string(),
            caseId: z.uuid(),
            personId: z.uuid(),
            issuedAt: z.date(),
            largePrint: z.boolean(),
            sha256: z.string(),
            corrects: z.uuid().nullable(),
            /** F9: to whom and how the letter goes: by post to an address, or by email to someone with none. */
            recipient: z.object({
              fullName: z.string(),
              method: z.enum(['post', 'email']),
              addressLines: z.array(z.string()),
              email: z.string().optional(),
            }),
            /** F9 (issue 14): how the letter goes to the person and whether it got there; null when issued before sending was recorded. */
            delivery: z
              .object({
                method: z.enum(['post', 'email', 'print']),
                status: z.enum(['pending', 'sent', 'delivered', 'returned', 'failed']),
                updatedAt: z.date(),
                notifyId: z.string().optional(),
              })
              .nullable(),
            title: z.string(),
            sections: z.array(
              z.object({
                key: z.string(),
                heading: z.string(),
                paragraphs: z.array(z.string()),
                bullets: z.array(z.string()).optional(),
              }),
            ),
          }),
          ...errors,
        },
      }),
      async (request) => {
        const letter = await findLetter(db, request.params.id)
        if (!letter) throw notFound('Letter')
        const delivery = await deliveryOf(db, letter.id)
        return {
          id: letter.id,
          type: letter.type,
          reference: letter.reference,
          caseId: letter.caseId,
          personId: letter.personId,
          issuedAt: letter.issuedAt,
          largePrint: letter.largePrint,
          sha256: letter.sha256,
          corrects: letter.corrects,
          recipient: {
            fullName: letter.content.recipient.fullName,
            method: letter.content.recipient.method ?? 'post',
            addressLines: letter.content.recipient.addressLines,
            ...(letter.content.recipient.email && { email: letter.content.recipient.email }),
          },
          delivery: delivery
            ? {
                method: delivery.method,
                status: delivery.status,
                updatedAt: delivery.updatedAt,
                ...(delivery.notifyId && { notifyId: delivery.notifyId }),
              }
            : null,
          title: letter.content.title,
          sections: letter.content.sections,
        }
      },
    )

    // F9 (issue 14): GOV.UK Notify's delivery receipts and returned-letter callbacks. Notify sends the bearer token
    // set in NOTIFY_CALLBACK_TOKEN (compared in constant time); without that setting no callback is taken.
    app.post(
      '/notify/callbacks',
      {
        config: { access: 'public' },
        schema: {
          tags: procedureTags,
          summary: 'A delivery receipt or returned-letter callback from GOV.UK Notify (bearer NOTIFY_CALLBACK_TOKEN)',
          body: notifyCallback,
          response: {
            200: z.object({
              letterId: z.uuid(),
              status: z.enum(['pending', 'sent', 'delivered', 'returned', 'failed']),
            }),
            ...errors,
          },
        },
        preValidation: async (request, reply) => {
          const expected = services.config.notify.callbackToken
          if (!expected) {
            return reply
              .code(404)
              .send(apiError('not_found', 'Notify callbacks are not set up (NOTIFY_CALLBACK_TOKEN)'))
          }
          if (!sameSecret(request.headers.authorization ?? '', `Bearer ${expected}`)) {
            return reply
              .code(401)
              .send(apiError('unauthenticated', 'Send the callback token as "Authorization: Bearer <token>"'))
          }
        },
      },
      async (request) => db.transaction().execute((trx) => recordNotifyCallback(trx, request.body, services.now())),
    )

    postStep(app, services, '/letters/:id/corrections', {
      access: 'letters.issue',
      schema: {
        summary: 'Correct an issued letter: a new letter naming the one it corrects (an issued letter never changes)',
        params: idParams,
        body: letterCorrection,
      },
      created: z.object({ id: z.uuid(), reference: z.string(), corrects: z.uuid() }),
      step: async (request, trx, actor, ctx) => {
        const issued = await correctLetter(trx, actor, request.params.id, request.body, ctx.today, ctx.now)
        return { ...issued, corrects: request.params.id }
      },
    })

    for (const format of ['pdf', 'docx'] as const) {
      app.get(
        `/letters/:id/${format}`,
        endpoint('cases.read', {
          tags: procedureTags,
          summary: format === 'pdf' ? 'The letter as issued, as an accessible PDF' : 'The letter as a Word document',
          params: idParams,
          querystring: letterQuery,
        }),
        async (request, reply) => {
          const letter = await findLetter(db, request.params.id)
          if (!letter) throw notFound('Letter')
          const largePrint =
            request.query.largePrint === undefined ? letter.largePrint : request.query.largePrint === 'true'
          const file = await letterFile(db, letter.id, format, largePrint)
          const type =
            format === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
          const name = `${letter.reference}${largePrint ? '-large-print' : ''}.${format}`
          return reply
            .header('content-type', type)
            .header('content-disposition', `attachment; filename="${name}"`)
            .header('x-content-sha256', file.sha256)
            .send(Buffer.from(file.bytes))
        },
      )
    }
  }
