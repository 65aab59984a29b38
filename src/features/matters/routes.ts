import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { stagePages } from './stage/controller.ts'

// Pages about a matter itself (opening and closing are recorded from the person's page, in features/contacts).
export const matterRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const stage = stagePages(services)
    app.get('/matters/:id/stage', { config: { access: 'matters.manage' } }, stage.show)
    app.post('/matters/:id/stage', { config: { access: 'matters.manage' } }, stage.submit)
  }
