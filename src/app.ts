import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Writable } from 'node:stream'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import { serializerCompiler, validatorCompiler, jsonSchemaTransform } from 'fastify-type-provider-zod'
import type { Services } from './services.ts'
import { authenticate, declareAccess, type RegisteredRoute } from './web/access.ts'
import { errorHandling } from './web/errors.ts'
import { requestForLog, security } from './web/security.ts'
import { formBody } from './web/form-body.ts'
import { createNunjucks, govukDir, mojDir } from './web/nunjucks.ts'
import { navigationFor } from './web/navigation.ts'
import { healthRoutes } from './features/health/routes.ts'
import { pageRoutes } from './features/pages/routes.ts'
import { authRoutes } from './features/auth/routes.ts'
import { staffRoutes } from './features/staff/routes.ts'
import { auditRoutes } from './features/audit/routes.ts'
import { apiRoutes } from './features/api/routes.ts'
import { peopleRoutes } from './features/people/routes.ts'
import { recordRoutes } from './features/contacts/routes.ts'
import { matterRoutes } from './features/matters/routes.ts'
import { importRoutes } from './features/import/routes.ts'
import { caseRoutes } from './features/cases/routes.ts'
import { casesApi } from './features/cases/api.ts'
import { proposalsApi } from './features/proposals/api.ts'
import { restrictionsApi } from './features/restrictions/api.ts'
import { lettersApi } from './features/letters/api.ts'
import { proposalRoutes } from './features/proposals/routes.ts'
import { restrictionRoutes } from './features/restrictions/routes.ts'
import { letterRoutes } from './features/letters/routes.ts'
import { bankHolidayRoutes } from './features/bank-holidays/routes.ts'
import { closedMatterRoutes } from './features/closed-matters/routes.ts'
import { contactCheckApi } from './features/contact-check/api.ts'
import { contactsApi } from './features/contacts/api.ts'
import { safetyMarkersApi } from './features/safety-markers/api.ts'
import { safetyMarkerRoutes } from './features/safety-markers/routes.ts'
import { mattersApi } from './features/matters/api.ts'
import { peopleApi } from './features/people/api.ts'
import { contactCheckRoutes } from './features/contact-check/routes.ts'
import { attentionRoutes } from './features/attention/routes.ts'
import { reportRoutes } from './features/report/routes.ts'
import { dueRoutes } from './features/due/routes.ts'
import { reminderRoutes } from './features/reminders/routes.ts'
import { readSettingsFirst, settingsRoutes } from './features/settings/routes.ts'
import { currentCouncilSettings } from './features/settings/settings.service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its declared access: the route table test walks this. */
    routeTable: RegisteredRoute[]
  }
  interface FastifyReply {
    /** Renders a page inside the layout, with what every page needs (navigation, CSP nonce, CSRF token). */
    page(template: string, data?: Record<string, unknown>): FastifyReply
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/
const publicDir = path.resolve(import.meta.dirname, '..', 'public')

/** Builds the app from its services; never listens itself (tests call it with inject()). */
export async function buildApp(services: Services, options: { logStream?: Writable } = {}): Promise<FastifyInstance> {
  const { config } = services
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: { req: requestForLog },
      ...(options.logStream && { stream: options.logStream }),
    },
    // A request id on every log line: taken from a trusted upstream (X-Request-Id) when well-formed, else new.
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: (request) =>
        request.url.startsWith('/assets/') || request.url === '/health' || request.url === '/ready',
    }),
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  // Graceful shutdown: once closing, answers ask keep-alive clients to hang up, so the server can finish.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    if (closing) reply.header('connection', 'close')
  })

  // Convention 3: health checks first, before sessions and auth.
  app.decorate('routeTable', declareAccess(app))
  await app.register(healthRoutes(services))

  formBody(app)
  await security(app, services)
  authenticate(app, services)
  readSettingsFirst(app, services) // issue 14: the council's settings in force, for pages and letters
  await app.register(fastifyStatic, {
    root: [
      publicDir,
      path.join(govukDir, 'dist/govuk'),
      path.join(govukDir, 'dist/govuk/assets'),
      path.join(mojDir, 'moj'),
      path.join(mojDir, 'moj/assets'),
    ],
    prefix: '/assets/',
    maxAge: '1h',
    index: false,
  })
  const env = createNunjucks({ noCache: config.environment === 'development' })
  app.decorateReply('page', function (template: string, data: Record<string, unknown> = {}) {
    const principal = this.request.principal
    const html = env.render(template, {
      councilName: currentCouncilSettings(services).councilName,
      principal,
      navigation: principal ? navigationFor(principal.roles, this.request.url.split('?')[0] ?? '/') : [],
      cspNonce: this.cspNonce?.script,
      // Cookies are parsed unless the request failed before that (e.g. an unreadable body): no form then.
      csrfToken: this.request.cookies ? this.csrfToken() : undefined,
      requestId: this.statusCode >= 500 ? this.request.id : undefined,
      ...data,
    })
    return this.type('text/html; charset=utf-8').send(html)
  })

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Fair Contact integration API',
        version: '1.0.0',
        description: 'The stable v1 contract for telephony, CRM and email integrations.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  })

  errorHandling(app)
  await app.register(pageRoutes(services))
  await app.register(authRoutes(services))
  await app.register(staffRoutes(services))
  await app.register(auditRoutes(services))
  await app.register(peopleRoutes(services))
  await app.register(recordRoutes(services))
  await app.register(safetyMarkerRoutes(services))
  await app.register(matterRoutes(services))
  await app.register(importRoutes(services))
  await app.register(caseRoutes(services))
  await app.register(proposalRoutes(services))
  await app.register(restrictionRoutes(services))
  await app.register(letterRoutes(services))
  await app.register(bankHolidayRoutes(services))
  await app.register(contactCheckRoutes(services))
  await app.register(closedMatterRoutes(services))
  await app.register(attentionRoutes(services))
  await app.register(reportRoutes(services))
  await app.register(dueRoutes(services))
  await app.register(reminderRoutes(services))
  await app.register(settingsRoutes(services))
  const api = { prefix: '/api/v1' }
  await app.register(apiRoutes(), api)
  await app.register(peopleApi(services), api)
  await app.register(mattersApi(services), api)
  await app.register(contactsApi(services), api)
  await app.register(safetyMarkersApi(services), api)
  await app.register(casesApi(services), api)
  await app.register(proposalsApi(services), api)
  await app.register(restrictionsApi(services), api)
  await app.register(lettersApi(services), api)
  await app.register(contactCheckApi(services), api)
  return app
}
