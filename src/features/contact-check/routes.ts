import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { checkPages } from './page/controller.ts'

// At the moment of contact (issue 5): the check (V1–V5). Every role may check a contact; recording the attempt is for
// those who record contacts (K1).
export const contactCheckRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const pages = checkPages(services)
    app.get('/check', { config: { access: 'contacts.check' } }, pages.show)
    app.post('/check/record', { config: { access: 'contacts.record' } }, pages.record)
  }
