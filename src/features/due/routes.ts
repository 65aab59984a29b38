import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { worklistPage } from './worklist/controller.ts'

// What is due (issue 6): every signed-in user sees the worklists of the roles they hold; a role with no deadlines has none.
export const dueRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/due', { config: { access: 'signed_in' } }, worklistPage(services))
  }
