import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'

// Pages of the formal procedure: see routes.ts for how they are composed.
export function restrictionPages(app: FastifyInstance, services: Services) {
  void app
  void services
}
