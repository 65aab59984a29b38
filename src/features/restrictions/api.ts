import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../domain/refusal.ts'
import { restrictionStatus } from '../../domain/restrictions.ts'
import type { Services } from '../../services.ts'
import { errors, idParams } from '../api/schemas.ts'
import { procedureContext, procedureStep } from '../cases/context.ts'
import { presentRestriction, restrictionResponse } from './present-api.ts'
import { decideChallenge, recordChallenge, reviewRestriction } from './restrictions.service.ts'
import { challengeDecision, newChallenge, newReview } from './schema.ts'
import { findRestriction } from './restrictions.repository.ts'

// Restrictions through the API: read one, review it (F7), challenge it and decide the challenge (F10).
const tags = ['The formal procedure']

export const restrictionsApi =
  (services: Services): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>()
    const { db } = services

    app.get(
      '/restrictions/:id',
      {
        config: { access: 'cases.read' },
        schema: {
          tags,
          summary: 'A restriction and its status today (a restriction past its end date reads lapsed: F7)',
          params: idParams,
          response: { 200: restrictionResponse, ...errors },
        },
      },
      async (request) => {
        const ctx = procedureContext(services)
        const restriction = await findRestriction(db, request.params.id)
        if (!restriction) throw notFound('Restriction')
        return presentRestriction({ ...restriction, status: restrictionStatus(restriction.state, ctx.today) })
      },
    )

    app.post(
      '/restrictions/:id/reviews',
      {
        config: { access: 'restrictions.review' },
        schema: {
          tags,
          summary: 'Review a restriction (F7): continue, vary (by a new decision) or lift',
          params: idParams,
          body: newReview,
          response: {
            201: z.object({
              id: z.uuid(),
              restrictionId: z.uuid(),
              outcome: z.enum(['continue', 'vary', 'lift']),
              nextReviewOn: z.string().nullable(),
              letterId: z.uuid(),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const created = await procedureStep(services, request, (trx, actor, ctx) =>
          reviewRestriction(trx, actor, request.params.id, request.body, ctx),
        )
        return reply.code(201).send(created)
      },
    )

    const challengeCreated = z.object({ id: z.uuid(), respondBy: z.string(), inTime: z.boolean() })
    app.post(
      '/restrictions/:id/challenges',
      {
        config: { access: 'challenges.record' },
        schema: {
          tags,
          summary: 'Record a challenge to a restriction (F10); the answer is due within the working-day limit',
          params: idParams,
          body: newChallenge,
          response: { 201: challengeCreated, ...errors },
        },
      },
      async (request, reply) => {
        const created = await procedureStep(services, request, (trx, actor, ctx) =>
          recordChallenge(trx, actor, { restrictionId: request.params.id }, request.body, ctx),
        )
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/warnings/:id/challenges',
      {
        config: { access: 'challenges.record' },
        schema: {
          tags,
          summary: 'Record a challenge to a warning on its facts (F3, F10)',
          params: idParams,
          body: newChallenge,
          response: { 201: challengeCreated, ...errors },
        },
      },
      async (request, reply) => {
        const created = await procedureStep(services, request, (trx, actor, ctx) =>
          recordChallenge(trx, actor, { warningId: request.params.id }, request.body, ctx),
        )
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/challenges/:id/decision',
      {
        config: { access: 'challenges.decide' },
        schema: {
          tags,
          summary: 'Decide a challenge (F10): a senior reviewer who took no part in the case',
          params: idParams,
          body: challengeDecision,
          response: {
            201: z.object({ id: z.uuid(), outcome: z.enum(['upheld', 'varied', 'not_upheld']), letterId: z.uuid() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const created = await procedureStep(services, request, (trx, actor, ctx) =>
          decideChallenge(trx, actor, request.params.id, request.body, ctx),
        )
        return reply.code(201).send(created)
      },
    )
  }
