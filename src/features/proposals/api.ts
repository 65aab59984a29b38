import { decisionRoles } from '../../domain/roles.ts'
import { proposalStatuses } from '../../domain/procedure.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Services } from '../../services.ts'
import { idParams } from '../api/schemas.ts'
import { postStep } from '../cases/context.ts'
import { decide, imposeInterim, issueNotice, propose } from './proposals.service.ts'
import { newDecision, newProposal, noticeOptions } from './schema.ts'

// Proposals through the API: propose (F5-F8), decide (F4), issue the restriction letter (F9), impose at once (F8).
export const proposalsApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    postStep(app, services, '/cases/:id/proposals', {
      access: 'proposals.make',
      schema: {
        summary: 'Propose restrictions (F5–F8, P5, P6): after a warning, or with an immediate risk',
        params: idParams,
        body: newProposal,
      },
      created: z.object({
        id: z.uuid(),
        status: z.literal('awaiting_decision'),
        restrictionIds: z.array(z.uuid()),
      }),
      step: (request, trx, actor, ctx) => propose(trx, actor, request.params.id, request.body, ctx),
    })

    postStep(app, services, '/proposals/:id/decisions', {
      access: 'proposals.decide',
      schema: {
        summary:
          'The Chief Executive’s or the Monitoring Officer’s decision (F4); ratifies an interim restriction (F8)',
        params: idParams,
        body: newDecision,
      },
      created: z.object({
        id: z.uuid(),
        proposalId: z.uuid(),
        role: z.enum(decisionRoles),
        decision: z.enum(['approve', 'reject']),
        proposalStatus: z.enum(proposalStatuses),
        letterId: z.uuid().nullable(),
      }),
      step: (request, trx, actor, ctx) => decide(trx, actor, request.params.id, request.body, ctx),
    })

    postStep(app, services, '/proposals/:id/notice', {
      access: 'letters.issue',
      schema: {
        summary: 'Issue the restriction letter (F9) once both have approved; the restrictions then come into force',
        params: idParams,
        body: noticeOptions,
      },
      created: z.object({ letterId: z.uuid(), inForceFrom: z.string() }),
      step: (request, trx, actor, ctx) => issueNotice(trx, actor, request.params.id, request.body ?? {}, ctx),
    })

    postStep(app, services, '/proposals/:id/interim', {
      access: 'proposals.decide',
      schema: {
        summary: 'Impose an immediate-risk restriction at once (F8); both decision-makers must ratify it in time',
        params: idParams,
        body: noticeOptions,
      },
      created: z.object({ letterId: z.uuid(), ratifyBy: z.string() }),
      step: (request, trx, actor, ctx) => imposeInterim(trx, actor, request.params.id, request.body ?? {}, ctx),
    })
  }
