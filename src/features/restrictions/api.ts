import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../domain/refusal.ts'
import { restrictionStatus } from '../../domain/restrictions.ts'
import type { Services } from '../../services.ts'
import { endpoint } from '../api/endpoint.ts'
import { errors, idParams } from '../api/schemas.ts'
import { postStep, procedureContext, procedureTags } from '../cases/context.ts'
import { presentRestriction, restrictionResponse } from './present-api.ts'
import { decideChallenge, recordChallenge, reviewRestriction, type ChallengeTarget } from './restrictions.service.ts'
import { challengeDecision, newChallenge, newReview } from './schema.ts'
import { findRestriction } from './restrictions.repository.ts'

// Restrictions through the API: read one, review it (F7), challenge it and decide the challenge (F10).
export const restrictionsApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = services

    app.get(
      '/restrictions/:id',
      endpoint('cases.read', {
        tags: procedureTags,
        summary: 'A restriction and its status today (a restriction past its end date reads lapsed: F7)',
        params: idParams,
        response: { 200: restrictionResponse, ...errors },
      }),
      async (request) => {
        const ctx = procedureContext(services)
        const restriction = await findRestriction(db, request.params.id)
        if (!restriction) throw notFound('Restriction')
        return presentRestriction({ ...restriction, status: restrictionStatus(restriction.state, ctx.today) })
      },
    )

    postStep(app, services, '/restrictions/:id/reviews', {
      access: 'restrictions.review',
      schema: {
        summary:
          'Review a restriction (F7): continue, lift, or vary: a variation carries the new terms and opens a proposal for the decision-makers (F4); no letter until it is decided',
        params: idParams,
        body: newReview,
      },
      created: z.object({
        id: z.uuid(),
        restrictionId: z.uuid(),
        outcome: z.enum(['continue', 'vary', 'lift']),
        nextReviewOn: z.string().nullable(),
        /** Null when the review varies: the variation's restriction letter is the one that tells the person. */
        letterId: z.uuid().nullable(),
        /** The variation proposal a review that varies opened (F7, F4). */
        proposalId: z.uuid().nullable(),
      }),
      step: (request, trx, actor, ctx) => reviewRestriction(trx, actor, request.params.id, request.body, ctx),
    })

    // A challenge to a restriction (F10) or to a warning on its facts (F3, F10): the same step and the same answer.
    const challengeCreated = z.object({ id: z.uuid(), respondBy: z.string(), inTime: z.boolean() })
    const challengeEndpoint = (url: string, target: (id: string) => ChallengeTarget, summary: string) =>
      postStep(app, services, url, {
        access: 'challenges.record',
        schema: { summary, params: idParams, body: newChallenge },
        created: challengeCreated,
        step: (request, trx, actor, ctx) => recordChallenge(trx, actor, target(request.params.id), request.body, ctx),
      })
    challengeEndpoint(
      '/restrictions/:id/challenges',
      (id) => ({ restrictionId: id }),
      'Record a challenge to a restriction (F10); the answer is due within the working-day limit',
    )
    challengeEndpoint(
      '/warnings/:id/challenges',
      (id) => ({ warningId: id }),
      'Record a challenge to a warning on its facts (F3, F10)',
    )

    postStep(app, services, '/challenges/:id/decision', {
      access: 'challenges.decide',
      schema: {
        summary:
          'Decide a challenge (F10): a senior reviewer who took no part in the case. upheld lifts the restriction (or withdraws the warning), varied puts lesser terms in force, not_upheld changes nothing; each with the outcome letter',
        params: idParams,
        body: challengeDecision,
      },
      created: z.object({
        id: z.uuid(),
        outcome: z.enum(['upheld', 'varied', 'not_upheld']),
        letterId: z.uuid(),
        /** varied: the restriction with the lesser terms, in force from the outcome letter. */
        restrictionId: z.uuid().nullable(),
      }),
      step: (request, trx, actor, ctx) => decideChallenge(trx, actor, request.params.id, request.body, ctx),
    })
  }
