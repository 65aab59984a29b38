import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { reminderLogPage } from './log/controller.ts'

// Reminders by email (issue 6): the log of every email, for administrators and auditors.
export const reminderRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/reminders', { config: { access: 'reminders.read' } }, reminderLogPage(services))
  }
