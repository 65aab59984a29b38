import type { FastifyInstance, RouteHandlerMethod } from 'fastify'
import type { Access } from '../../domain/permissions.ts'
import type { Services } from '../../services.ts'
import { decisionPages } from './decision/controller.ts'
import { interimPages } from './interim/controller.ts'
import { noticePages } from './notice/controller.ts'
import { proposePages } from './propose/controller.ts'

// Pages of the formal procedure: see routes.ts for how they are composed. Proposing restrictions (F5–F8, P5, P6),
// the decisions of the Chief Executive and the Monitoring Officer (F4), the restriction letter (F9) and interim
// restrictions (F8).
export function proposalPages(app: FastifyInstance, services: Services) {
  const form = (path: string, access: Access, pages: { show: RouteHandlerMethod; submit: RouteHandlerMethod }) => {
    app.get(path, { config: { access } }, pages.show)
    app.post(path, { config: { access } }, pages.submit)
  }
  form('/cases/:id/proposals/new', 'proposals.make', proposePages(services))
  const decision = decisionPages(services)
  app.get('/proposals/:id', { config: { access: 'cases.read' } }, decision.show)
  app.post('/proposals/:id/decisions', { config: { access: 'proposals.decide' } }, decision.submit)
  form('/proposals/:id/notice', 'letters.issue', noticePages(services))
  form('/proposals/:id/interim', 'proposals.decide', interimPages(services))
}
