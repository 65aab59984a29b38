import type { FastifyInstance } from 'fastify'
import type { Services } from '../../../services.ts'
import { checkPages } from './controller.ts'

/** V1–V5: every role may check a contact; recording the attempt is for those who record contacts (K1). */
export function contactCheckPages(app: FastifyInstance, services: Services) {
  const pages = checkPages(services)
  app.get('/check', { config: { access: 'contacts.check' } }, pages.show)
  app.post('/check/record', { config: { access: 'contacts.record' } }, pages.record)
}
