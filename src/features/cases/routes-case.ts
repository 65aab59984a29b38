import type { FastifyInstance, RouteHandlerMethod } from 'fastify'
import type { Access } from '../../domain/permissions.ts'
import type { Services } from '../../services.ts'
import { caseFilePages } from './case-file/controller.ts'
import { closePages } from './close/controller.ts'
import { correctPages } from './correct/controller.ts'
import { letterPages } from './letter/controller.ts'
import { openCasePages } from './open/controller.ts'
import { casePage } from './show/controller.ts'
import { warningPages } from './warning/controller.ts'

// Pages of the formal procedure: see routes.ts for how they are composed. Opening a case (F1, S2, S3), the case page,
// warnings (F2, F3), letters (F9), the case file (F1–F12) and closing a case (F7, F12).
export function casePages(app: FastifyInstance, services: Services) {
  const form = (path: string, access: Access, pages: { show: RouteHandlerMethod; submit: RouteHandlerMethod }) => {
    app.get(path, { config: { access } }, pages.show)
    app.post(path, { config: { access } }, pages.submit)
  }
  form('/people/:id/cases/new', 'cases.open', openCasePages(services))
  app.get('/cases/:id', { config: { access: 'cases.read' } }, casePage(services))
  form('/cases/:id/warnings/new', 'warnings.issue', warningPages(services))
  const letters = letterPages(services)
  app.get('/letters/:id', { config: { access: 'cases.read' } }, letters.show)
  app.get('/letters/:id/pdf', { config: { access: 'cases.read' } }, letters.pdf)
  app.get('/letters/:id/docx', { config: { access: 'cases.read' } }, letters.docx)
  const correct = correctPages(services)
  app.get('/letters/:id/correct', { config: { access: 'letters.issue' } }, correct.show)
  app.post('/letters/:id/correct', { config: { access: 'letters.issue' } }, correct.submit)
  const caseFile = caseFilePages(services)
  app.get('/cases/:id/file', { config: { access: 'cases.read' } }, caseFile.show)
  app.get('/cases/:id/file.pdf', { config: { access: 'cases.read' } }, caseFile.pdf)
  form('/cases/:id/close', 'cases.close', closePages(services))
}
