import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { complaintStages, matterOutcomes } from '../../domain/matters.ts'
import type { Services } from '../../services.ts'
import { actorOf } from '../../web/identity.ts'
import { endpoint } from '../api/endpoint.ts'
import { errors, idParams } from '../api/schemas.ts'
import { closeMatter, createMatter, moveComplaintStage } from './matters.service.ts'
import { closeMatter as closeMatterBody, newMatter } from './schema.ts'

export const mattersApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = services

    app.post(
      '/matters',
      endpoint('matters.manage', {
        tags: ['Matters'],
        summary: 'Open a matter (complaint, FOI, EIR, SAR, service request or enquiry)',
        body: newMatter,
        response: { 201: z.object({ id: z.uuid(), reference: z.string(), status: z.literal('open') }), ...errors },
      }),
      async (request, reply) => {
        const actor = actorOf(request)
        const matter = await db.transaction().execute((trx) => createMatter(trx, actor, request.body, services.now()))
        return reply.code(201).send(matter)
      },
    )

    app.post(
      '/matters/:id/close',
      endpoint('matters.manage', {
        tags: ['Matters'],
        summary: 'Close a matter with its outcome (F11: whether the complaints process is exhausted)',
        params: idParams,
        body: closeMatterBody,
        response: {
          200: z.object({
            id: z.uuid(),
            reference: z.string(),
            status: z.literal('closed'),
            outcome: z.enum(matterOutcomes),
            processExhausted: z.boolean(),
          }),
          ...errors,
        },
      }),
      async (request) => {
        const actor = actorOf(request)
        return db
          .transaction()
          .execute((trx) => closeMatter(trx, actor, request.params.id, request.body, services.now()))
      },
    )

    app.post(
      '/matters/:id/stage',
      endpoint('matters.manage', {
        tags: ['Matters'],
        summary: 'Move an open complaint to a later stage (stage_2, ombudsman); close it with /close',
        params: idParams,
        body: z.object({ stage: z.enum(['stage_2', 'ombudsman'], { error: 'Choose stage_2 or ombudsman' }) }),
        response: {
          200: z.object({ id: z.uuid(), reference: z.string(), complaintStage: z.enum(complaintStages) }),
          ...errors,
        },
      }),
      async (request) => {
        const actor = actorOf(request)
        return db.transaction().execute((trx) => moveComplaintStage(trx, actor, request.params.id, request.body.stage))
      },
    )
  }
