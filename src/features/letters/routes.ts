import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { correctPages } from './correct/controller.ts'
import { letterPages } from './show/controller.ts'
import { printQueuePages } from './print-queue/controller.ts'

// Letters (F9): an issued letter as the person received it, its PDF and Word files, and its correction (a new letter
// that names the one it corrects; an issued letter never changes).
export const letterRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    // F9 (issue 14): without Notify, letters by post are printed here and marked posted by hand.
    const queue = printQueuePages(services)
    app.get('/letters/print-queue', { config: { access: 'letters.issue' } }, queue.show)
    app.get('/letters/print-queue/pdf', { config: { access: 'letters.issue' } }, queue.pdf)
    app.post('/letters/:id/posted', { config: { access: 'letters.issue' } }, queue.posted)
    const letters = letterPages(services)
    app.get('/letters/:id', { config: { access: 'cases.read' } }, letters.show)
    app.get('/letters/:id/pdf', { config: { access: 'cases.read' } }, letters.pdf)
    app.get('/letters/:id/docx', { config: { access: 'cases.read' } }, letters.docx)
    const correct = correctPages(services)
    app.get('/letters/:id/correct', { config: { access: 'letters.issue' } }, correct.show)
    app.post('/letters/:id/correct', { config: { access: 'letters.issue' } }, correct.submit)
  }
