import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { reportPages } from './controller.ts'

// The report to members (K5). The members' version and its downloads are anonymised (report.members); the named
// version, with the list of restrictions and who they bind, is for those who may see names (report.read, K6).
export const reportRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const pages = reportPages(services)
    app.get('/report', { config: { access: 'report.members' } }, pages.members)
    app.get('/report/named', { config: { access: 'report.read' } }, pages.named)
    app.get('/report.csv', { config: { access: 'report.members' } }, pages.csv)
    app.get('/report.xlsx', { config: { access: 'report.members' } }, pages.xlsx)
    app.get('/report.pdf', { config: { access: 'report.members' } }, pages.pdf)
    app.get('/report/named.csv', { config: { access: 'report.read' } }, pages.namedCsv)
  }
