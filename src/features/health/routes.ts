import type { FastifyPluginAsync } from 'fastify'
import { sql } from 'kysely'
import type { Services } from '../../services.ts'

// /health: the process is up. /ready: the database answers; a load balancer sends traffic only when it does.
export const healthRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/health', { config: { access: 'public' } }, async () => ({ status: 'ok' }))
    app.get('/ready', { config: { access: 'public' } }, async (request, reply) => {
      try {
        await sql`select 1`.execute(services.db)
        return { status: 'ready', database: services.databaseKind }
      } catch (error) {
        request.log.warn({ err: error }, 'database not answering')
        return reply.code(503).send({ status: 'unavailable', database: services.databaseKind })
      }
    })
  }
