import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { formPage } from '../../web/routes.ts'
import { challengePages } from './challenge/controller.ts'
import { recordChallengePages } from './challenge/record.ts'
import { registerPages } from './register/controller.ts'
import { reviewPages } from './review/controller.ts'
import { reviewsDuePage } from './reviews-due/controller.ts'

// Restrictions once decided: reviews (F7), challenges (F10) and the register (K2).
export const restrictionRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    // F7: a review continues, varies or lifts a restriction in force; the worklist shows which are due.
    formPage(app, '/restrictions/:id/reviews/new', 'restrictions.review', reviewPages(services))
    app.get('/reviews', { config: { access: 'restrictions.review' } }, reviewsDuePage(services))
    // F10: challenges to a restriction, or to a warning on its facts, decided by an uninvolved senior reviewer.
    formPage(
      app,
      '/restrictions/:id/challenges/new',
      'challenges.record',
      recordChallengePages(services, 'restriction'),
    )
    formPage(app, '/warnings/:id/challenges/new', 'challenges.record', recordChallengePages(services, 'warning'))
    const challenge = challengePages(services)
    app.get('/challenges/:id', { config: { access: 'cases.read' } }, challenge.show)
    app.post('/challenges/:id', { config: { access: 'challenges.decide' } }, challenge.decide)
    // K2: the register of restricted people, on screen and as a spreadsheet.
    const register = registerPages(services)
    app.get('/register', { config: { access: 'cases.read' } }, register.show)
    app.get('/register.csv', { config: { access: 'cases.read' } }, register.csv)
  }
