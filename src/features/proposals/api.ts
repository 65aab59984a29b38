import { decisionRoles } from '../../domain/roles.ts'
import { proposalStatuses } from '../../domain/procedure.ts'
import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Services } from '../../services.ts'
import { errors, idParams } from '../api/schemas.ts'
import { procedureStep } from '../cases/context.ts'
import { decide, imposeInterim, issueNotice, propose } from './proposals.service.ts'
import { newDecision, newProposal, noticeOptions } from './schema.ts'

// Proposals through the API: propose (F5-F8), decide (F4), issue the restriction letter (F9), impose at once (F8).
const tags = ['The formal procedure']

export const proposalsApi =
  (services: Services): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>()

    app.post(
      '/cases/:id/proposals',
      {
        config: { access: 'proposals.make' },
        schema: {
          tags,
          summary: 'Propose restrictions (F5–F8, P5, P6): after a warning, or with an immediate risk',
          params: idParams,
          body: newProposal,
          response: {
            201: z.object({
              id: z.uuid(),
              status: z.literal('awaiting_decision'),
              restrictionIds: z.array(z.uuid()),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const created = await procedureStep(services, request, (trx, actor, ctx) =>
          propose(trx, actor, request.params.id, request.body, ctx),
        )
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/proposals/:id/decisions',
      {
        config: { access: 'proposals.decide' },
        schema: {
          tags,
          summary:
            'The Chief Executive’s or the Monitoring Officer’s decision (F4); ratifies an interim restriction (F8)',
          params: idParams,
          body: newDecision,
          response: {
            201: z.object({
              id: z.uuid(),
              proposalId: z.uuid(),
              role: z.enum(decisionRoles),
              decision: z.enum(['approve', 'reject']),
              proposalStatus: z.enum(proposalStatuses),
              letterId: z.uuid().nullable(),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const created = await procedureStep(services, request, (trx, actor, ctx) =>
          decide(trx, actor, request.params.id, request.body, ctx),
        )
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/proposals/:id/notice',
      {
        config: { access: 'letters.issue' },
        schema: {
          tags,
          summary: 'Issue the restriction letter (F9) once both have approved; the restrictions then come into force',
          params: idParams,
          body: noticeOptions,
          response: { 201: z.object({ letterId: z.uuid(), inForceFrom: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const created = await procedureStep(services, request, (trx, actor, ctx) =>
          issueNotice(trx, actor, request.params.id, request.body ?? {}, ctx),
        )
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/proposals/:id/interim',
      {
        config: { access: 'proposals.decide' },
        schema: {
          tags,
          summary: 'Impose an immediate-risk restriction at once (F8); both decision-makers must ratify it in time',
          params: idParams,
          body: noticeOptions,
          response: { 201: z.object({ letterId: z.uuid(), ratifyBy: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const created = await procedureStep(services, request, (trx, actor, ctx) =>
          imposeInterim(trx, actor, request.params.id, request.body ?? {}, ctx),
        )
        return reply.code(201).send(created)
      },
    )
  }
