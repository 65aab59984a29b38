import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../services.ts'
import { absencePages } from './controller.ts'

/** F5b: staff record when they are away; an administrator may record it for anyone. */
export function absenceRoutes(app: FastifyInstance, services: Services) {
  const own = absencePages(services, 'own')
  app.get('/account/absence', { config: { access: 'signed_in' } }, own.show)
  app.post('/account/absence', { config: { access: 'signed_in' } }, own.submit)
  const any = absencePages(services, 'any')
  app.get('/staff/:id/absence', { config: { access: 'staff.manage' } }, any.show)
  app.post('/staff/:id/absence', { config: { access: 'staff.manage' } }, any.submit)
}
