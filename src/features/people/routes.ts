import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'

// Finding a person, adding one, and the person's page.
export const peopleRoutes =
  (services: Services): FastifyPluginAsync =>
  async () => {
    void services
  }
