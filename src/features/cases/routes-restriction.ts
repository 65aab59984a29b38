import type { FastifyInstance, RouteHandlerMethod } from 'fastify'
import type { Access } from '../../domain/permissions.ts'
import type { Services } from '../../services.ts'
import { bankHolidayRoutes } from '../bank-holidays/routes.ts'
import { challengePages } from './challenge/controller.ts'
import { recordChallengePages } from './challenge/record.ts'
import { registerPages } from './register/controller.ts'
import { reviewPages } from './review/controller.ts'
import { reviewsDuePage } from './reviews-due/controller.ts'

// Pages of the formal procedure: see routes.ts for how they are composed.
export function restrictionPages(app: FastifyInstance, services: Services) {
  const form = (path: string, access: Access, pages: { show: RouteHandlerMethod; submit: RouteHandlerMethod }) => {
    app.get(path, { config: { access } }, pages.show)
    app.post(path, { config: { access } }, pages.submit)
  }
  // F7: a review continues, varies or lifts a restriction in force; the worklist shows which are due.
  form('/restrictions/:id/reviews/new', 'restrictions.review', reviewPages(services))
  app.get('/reviews', { config: { access: 'restrictions.review' } }, reviewsDuePage(services))
  // F10: challenges to a restriction, or to a warning on its facts, decided by an uninvolved senior reviewer.
  form('/restrictions/:id/challenges/new', 'challenges.record', recordChallengePages(services, 'restriction'))
  form('/warnings/:id/challenges/new', 'challenges.record', recordChallengePages(services, 'warning'))
  const challenge = challengePages(services)
  app.get('/challenges/:id', { config: { access: 'cases.read' } }, challenge.show)
  app.post('/challenges/:id', { config: { access: 'challenges.decide' } }, challenge.decide)
  // K2: the register of restricted people, on screen and as a spreadsheet.
  const register = registerPages(services)
  app.get('/register', { config: { access: 'cases.read' } }, register.show)
  app.get('/register.csv', { config: { access: 'cases.read' } }, register.csv)
  // F8, F10: the bank holidays working-day deadlines skip (its own plugin: file uploads are parsed there only).
  void app.register(bankHolidayRoutes(services))
}
