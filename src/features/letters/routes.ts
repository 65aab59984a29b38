import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { correctPages } from './correct/controller.ts'
import { letterPages } from './show/controller.ts'

// Letters (F9): an issued letter as the person received it, its PDF and Word files, and its correction (a new letter
// that names the one it corrects; an issued letter never changes).
export const letterRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const letters = letterPages(services)
    app.get('/letters/:id', { config: { access: 'cases.read' } }, letters.show)
    app.get('/letters/:id/pdf', { config: { access: 'cases.read' } }, letters.pdf)
    app.get('/letters/:id/docx', { config: { access: 'cases.read' } }, letters.docx)
    const correct = correctPages(services)
    app.get('/letters/:id/correct', { config: { access: 'letters.issue' } }, correct.show)
    app.post('/letters/:id/correct', { config: { access: 'letters.issue' } }, correct.submit)
  }
