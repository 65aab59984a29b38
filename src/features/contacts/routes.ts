import type { FastifyPluginAsync, RouteHandlerMethod } from 'fastify'
import type { Access } from '../../domain/permissions.ts'
import type { Services } from '../../services.ts'
import { closeMatterPages } from './close-matter/controller.ts'
import { contactPages } from './contact/controller.ts'
import { incidentPages } from './incident/controller.ts'
import { matterPages } from './matter/controller.ts'
import { safetyMarkerPages } from './safety-marker/controller.ts'

// Pages for recording what happens on a person's record: contacts, incidents, matters, safety markers. Each saves in
// one transaction and goes back to the person's page, which says what was done (`?done=`).
export const recordRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const form = (path: string, access: Access, pages: { show: RouteHandlerMethod; submit: RouteHandlerMethod }) => {
      app.get(path, { config: { access } }, pages.show)
      app.post(path, { config: { access } }, pages.submit)
    }
    // K1: front-line staff record contacts and incidents; they are the ones on the receiving end.
    form('/people/:id/contacts/new', 'contacts.record', contactPages(services))
    form('/people/:id/incidents/new', 'contacts.record', incidentPages(services))
    form('/people/:id/matters/new', 'matters.manage', matterPages(services))
    form('/matters/:id/close', 'matters.manage', closeMatterPages(services))
    form('/people/:id/safety-markers/new', 'safety_markers.manage', safetyMarkerPages(services))
  }
