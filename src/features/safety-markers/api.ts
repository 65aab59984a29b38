import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { markerReviewOutcomes } from '../../domain/safety-markers.ts'
import type { Services } from '../../services.ts'
import { actorOf } from '../../web/identity.ts'
import { endpoint } from '../api/endpoint.ts'
import { errors, idParams } from '../api/schemas.ts'
import { reviewSafetyMarker } from './safety-markers.service.ts'
import { newMarkerReview } from './schema.ts'

const reviewed = z.object({
  id: z.uuid().describe('The review'),
  markerId: z.uuid(),
  outcome: z.enum(markerReviewOutcomes),
  reviewOn: z.string().nullable().describe('The next review date; null once the marker is removed'),
})

// Safety markers through the API (K3). Adding one is on the person (features/people/api.ts); reviewing is here.
export const safetyMarkersApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = services

    app.post(
      '/safety-markers/:id/reviews',
      endpoint('safety_markers.manage', {
        tags: ['People'],
        summary: 'Review a staff-safety marker (K3): continue it, amend its precautions, or remove it',
        description:
          'A removed marker is no longer shown anywhere and cannot be reviewed again (409). What an outcome needs and ' +
          'lacks is refused with 422 and a message for each field.',
        params: idParams,
        body: newMarkerReview,
        response: { 201: reviewed, ...errors },
      }),
      async (request, reply) => {
        const actor = actorOf(request)
        const review = await db
          .transaction()
          .execute((trx) => reviewSafetyMarker(trx, actor, request.params.id, request.body, services.now()))
        const { id, markerId, outcome, reviewOn } = review
        return reply.code(201).send({ id, markerId, outcome, reviewOn })
      },
    )
  }
