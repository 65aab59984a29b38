import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { attentionPage } from './list/controller.ts'

// Oversight (issue 6): who may need attention (P1, P2).
export const attentionRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/attention', { config: { access: 'attention.read' } }, attentionPage(services))
  }
