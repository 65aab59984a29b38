import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { allows, isAccess, type Access } from '../domain/permissions.ts'
import { resolveApiToken, resolveSession, type Principal } from './identity.ts'
import type { Services } from '../services.ts'
import { apiError, isApi } from './errors.ts'
import { cookies } from './security.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use this route. Every route declares one; a route without it stops the app from starting. */
    access?: Access
  }
  interface FastifyRequest {
    principal: Principal | null
  }
}

const needsNoPrincipal = (url: string) => url.startsWith('/assets/') || url === '/health' || url === '/ready'

export interface RegisteredRoute {
  method: string
  url: string
  access: Access
}

/**
 * One mechanism for permissions, web and API alike: a route declares `config.access`, and a route without one stops
 * the app from building. Returns the list of registered routes, which the route table test walks.
 */
export function declareAccess(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = []

  app.addHook('onRoute', (route: RouteOptions) => {
    // @fastify/static registers its own routes: its files are public by nature (CSS, fonts, images, scripts).
    if (route.url.startsWith('/assets/')) route.config = { ...route.config, access: 'public' }
    const access = route.config?.access
    if (!isAccess(access)) throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`)
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access })
  })
  return routes
}

/** Resolves who is asking (session cookie for pages, bearer token for the API), then checks the route's access. */
export function authenticate(app: FastifyInstance, services: Services): void {
  app.decorateRequest('principal', null)
  const sessionCookie = cookies(services.config).session

  app.addHook('onRequest', async (request) => {
    if (needsNoPrincipal(request.url)) return
    const now = services.now()
    if (isApi(request.url)) {
      const header = request.headers.authorization
      const token = header?.match(/^Bearer ([A-Za-z0-9_-]{10,200})$/)?.[1]
      request.principal = token ? await resolveApiToken(services.db, token, now) : null
    } else {
      const cookie = request.cookies[sessionCookie]
      const token = cookie && /^[A-Za-z0-9_-]{20,100}$/.test(cookie) ? cookie : undefined
      request.principal = token
        ? await resolveSession(services.db, token, services.config.sessionIdleMinutes, now)
        : null
    }
  })

  // Nothing the service answers is kept by a browser or a proxy: not a page or an API answer for a signed-in person
  // (a shared computer's back button or cache would show the next person a case), nor a page that carries a one-time
  // link's token or a new API token (issue 12 item 9). Only the files under /assets/ keep their own caching.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/assets/')) return
    if (!String(reply.getHeader('cache-control') ?? '').includes('no-store')) reply.header('cache-control', 'no-store')
  })

  // preValidation: after the body is parsed, before it is validated, so nobody learns what a route they may not
  // use would have accepted.
  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access ?? 'signed_in'
    if (access === 'public') return
    if (!request.principal) return deny(request, reply, 401)
    if (!allows(access, request.principal.roles)) return deny(request, reply, 403)
  })
}

async function deny(request: FastifyRequest, reply: FastifyReply, status: 401 | 403) {
  if (isApi(request.url)) {
    return reply
      .code(status)
      .send(
        status === 401
          ? apiError('unauthenticated', 'Send a valid API token as "Authorization: Bearer <token>"')
          : apiError('forbidden', 'Your roles do not allow this'),
      )
  }
  if (status === 401) {
    const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
    return reply.redirect(`/sign-in${returnTo}`, 303)
  }
  return reply.code(403).page('web/views/error.njk', {
    title: 'You do not have permission to see this page',
    message: 'Your roles do not include this part of Fair Contact. If you need it for your work, ask an administrator.',
  })
}
