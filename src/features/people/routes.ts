import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { searchPage } from './search/controller.ts'
import { newPersonPages } from './new/controller.ts'
import { personPage } from './show/controller.ts'
import { arrangementPages } from './arrangements/controller.ts'
import { adjustmentPages } from './adjustments/controller.ts'
import { mergePages } from './merge/controller.ts'
import { representativePages } from './representatives/controller.ts'

// Finding a person, adding one, and the person's page.
export const peopleRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/people', { config: { access: 'people.read' } }, searchPage(services))
    const create = newPersonPages(services)
    app.get('/people/new', { config: { access: 'people.write' } }, create.show)
    app.post('/people/new', { config: { access: 'people.write' } }, create.submit)
    app.get('/people/:id', { config: { access: 'people.read' } }, personPage(services))
    const arrangements = arrangementPages(services)
    app.get('/people/:id/arrangements/new', { config: { access: 'arrangements.record' } }, arrangements.show)
    app.post('/people/:id/arrangements/new', { config: { access: 'arrangements.record' } }, arrangements.submit)
    const merge = mergePages(services)
    app.get('/people/:id/merge', { config: { access: 'people.merge' } }, merge.show)
    app.post('/people/:id/merge', { config: { access: 'people.merge' } }, merge.submit)
    const representatives = representativePages(services)
    app.get('/people/:id/representatives/new', { config: { access: 'people.write' } }, representatives.show)
    app.post('/people/:id/representatives/new', { config: { access: 'people.write' } }, representatives.submit)
    const adjustments = adjustmentPages(services)
    app.get('/people/:id/adjustments/new', { config: { access: 'people.write' } }, adjustments.show)
    app.post('/people/:id/adjustments/new', { config: { access: 'people.write' } }, adjustments.submit)
  }
