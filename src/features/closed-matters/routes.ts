import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { closedMatterPages } from './controller.ts'

/** F11: the closed-matter queue, read and actioned by the officers who run the record. */
export const closedMatterRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const pages = closedMatterPages(services)
    const access = { access: 'closed_matters.process' } as const
    app.get('/closed-matters', { config: access }, pages.queue)
    app.get('/closed-matters/:id', { config: access }, pages.show)
    app.post('/closed-matters/:id', { config: access }, pages.submit)
  }
