import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { closedMatterRoutes } from '../closed-matters/routes.ts'
import { absenceRoutes } from '../staff/absence/routes.ts'
import { contactCheckPages } from './page/routes.ts'

// At the moment of contact (issue 5): the check (V1–V5), the closed-matter queue (F11) and staff absence (F5b).
export const contactCheckRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    contactCheckPages(app, services)
    closedMatterRoutes(app, services)
    absenceRoutes(app, services)
  }
