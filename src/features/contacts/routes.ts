import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'

// Pages for recording what happens on a person's record: contacts, incidents, matters, safety markers.
export const recordRoutes =
  (services: Services): FastifyPluginAsync =>
  async () => {
    void services
  }
