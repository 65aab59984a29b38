import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { markerReviewPages } from './review/controller.ts'

// Pages about a safety marker itself (adding one is recorded from the person's page, in features/contacts). K3: the
// roles that manage markers review them.
export const safetyMarkerRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const review = markerReviewPages(services)
    app.get('/safety-markers/:id/review', { config: { access: 'safety_markers.manage' } }, review.show)
    app.post('/safety-markers/:id/review', { config: { access: 'safety_markers.manage' } }, review.submit)
  }
