import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { formPage } from '../../web/routes.ts'
import { decisionPages } from './decision/controller.ts'
import { interimPages } from './interim/controller.ts'
import { noticePages } from './notice/controller.ts'
import { proposePages } from './propose/controller.ts'

// Proposing restrictions (F5–F8, P5, P6), the decisions of the Chief Executive and the Monitoring Officer (F4), the
// restriction letter (F9) and interim restrictions (F8).
export const proposalRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    formPage(app, '/cases/:id/proposals/new', 'proposals.make', proposePages(services))
    const decision = decisionPages(services)
    app.get('/proposals/:id', { config: { access: 'cases.read' } }, decision.show)
    app.post('/proposals/:id/decisions', { config: { access: 'proposals.decide' } }, decision.submit)
    formPage(app, '/proposals/:id/notice', 'letters.issue', noticePages(services))
    formPage(app, '/proposals/:id/interim', 'proposals.decide', interimPages(services))
  }
