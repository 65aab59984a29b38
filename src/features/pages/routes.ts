import type { FastifyPluginAsync } from 'fastify'
import { roleNames } from '../../domain/roles.ts'
import type { Services } from '../../services.ts'
import { dashboardFor } from './home/dashboard.ts'

export const pageRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/', { config: { access: 'signed_in' } }, async (request, reply) => {
      const roles = request.principal?.roles ?? []
      return reply.page('features/pages/home/view.njk', {
        title: 'Home',
        roles: roles.map((role) => roleNames[role]),
        dashboard: await dashboardFor(services, roles),
      })
    })
    app.get('/accessibility', { config: { access: 'public' } }, async (_request, reply) =>
      reply.page('features/pages/accessibility/view.njk', {
        title: 'Accessibility statement',
        baseUrl: services.config.baseUrl,
      }),
    )
    app.get('/privacy', { config: { access: 'public' } }, async (_request, reply) =>
      reply.page('features/pages/privacy/view.njk', { title: 'Privacy notice' }),
    )
  }
