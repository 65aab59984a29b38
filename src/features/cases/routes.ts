import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { formPage } from '../../web/routes.ts'
import { caseFilePages } from './case-file/controller.ts'
import { closePages } from './close/controller.ts'
import { openCasePages } from './open/controller.ts'
import { casePage } from './show/controller.ts'
import { warningPages } from './warning/controller.ts'

// The case (issue 4): opening a case (F1, S2, S3), the case page, warnings (F2, F3), the case file (F1–F12) and
// closing a case (F7, F12). Proposals, restrictions and letters are rooms of their own.
export const caseRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    formPage(app, '/people/:id/cases/new', 'cases.open', openCasePages(services))
    app.get('/cases/:id', { config: { access: 'cases.read' } }, casePage(services))
    formPage(app, '/cases/:id/warnings/new', 'warnings.issue', warningPages(services))
    const caseFile = caseFilePages(services)
    app.get('/cases/:id/file', { config: { access: 'cases.read' } }, caseFile.show)
    app.get('/cases/:id/file.pdf', { config: { access: 'cases.read' } }, caseFile.pdf)
    formPage(app, '/cases/:id/close', 'cases.close', closePages(services))
  }
