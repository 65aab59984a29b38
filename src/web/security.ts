import { createHmac, randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import helmet from '@fastify/helmet'
import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import rateLimit from '@fastify/rate-limit'
import type { Services } from '../services.ts'
import { isApi } from './errors.ts'

declare module 'fastify' {
  interface FastifyReply {
    /** A CSRF token for the forms of this response, bound to the session of its request (or to none). */
    csrfToken(): string
  }
}

/**
 * The names of the cookies, and how they are set. Over HTTPS they take the `__Host-` prefix: a browser accepts such a
 * cookie only when it is Secure, for Path=/ and with no Domain, so a neighbouring site on a subdomain cannot plant
 * one (issue 12 item 6). Over plain HTTP (development, tests) browsers would refuse the prefix: the names stay plain.
 */
export function cookies(config: { secureCookies: boolean }) {
  const prefix = config.secureCookies ? '__Host-' : ''
  return {
    session: `${prefix}fc_session`,
    csrf: `${prefix}fc_csrf`,
    /** Set and cleared with the same options: a `__Host-` cookie is only replaced by one that is Secure too. */
    options: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies } as const,
  }
}

/**
 * What a form's CSRF token is bound to: the session it was made for, or, before signing in, no session. A token made
 * with another session (an attacker's own cookie and token) or before signing in is refused (issue 12 item 6).
 */
const csrfBinding = (request: FastifyRequest) =>
  request.principal?.via.kind === 'session' ? `session ${request.principal.via.sessionHash}` : 'no session'

/** A secret made on first start and kept in the database, so every app instance signs cookies alike. */
export async function cookieSecret(services: Services): Promise<string> {
  const candidate = randomBytes(32).toString('base64url')
  await services.db
    .insertInto('service_secret')
    .values({ name: 'cookie', value: candidate })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await services.db
    .selectFrom('service_secret')
    .select('value')
    .where('name', '=', 'cookie')
    .executeTakeFirstOrThrow()
  return row.value
}

export async function security(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: services.config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: services.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  })
  const secret = await cookieSecret(services)
  const names = cookies(services.config)
  await app.register(cookie, { secret })
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: names.csrf,
    cookieOpts: { ...names.options, signed: true },
    // Tokens carry an HMAC of what they are bound to, keyed by a secret of the service, so nobody outside it can make
    // a token for a session, even knowing the cookie's value.
    csrfOpts: { userInfo: true, hmacKey: createHmac('sha256', secret).update('csrf tokens').digest() },
    getUserInfo: csrfBinding,
  })
  app.decorateReply('csrfToken', function (this: FastifyReply) {
    return this.generateCsrf({ userInfo: csrfBinding(this.request) })
  })
  await app.register(rateLimit, { global: false })

  // CSRF: every form post outside the API carries the token (API clients use bearer tokens, never cookies).
  // A preHandler, not onRequest: the body must be parsed first.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || isApi(request.url)) return done()
    app.csrfProtection(request, reply, done)
  })
}

// Secrets that travel in a URL: the one-time links' tokens (set-up, reset, first administrator), and anything else
// shaped like a secret of ours (newSecret: 43 URL-safe characters; ids are 36).
const ONE_TIME_LINK = /^(\/(?:first-administrator|set-password)\/)[^?#]*/
const SECRET_SHAPED = /[A-Za-z0-9_-]{40,}/g

/** A URL as it may be logged: any token in it replaced by `[redacted]` (issue 12 item 11). */
export const redactSecrets = (url: string) =>
  url.replace(ONE_TIME_LINK, '$1[redacted]').replace(SECRET_SHAPED, '[redacted]')

/**
 * How a request appears on the log's 'incoming request' line (the logger's `req` serializer): Fastify's usual
 * fields, with the URL's secrets redacted. A one-time link's token in a log would let anyone who reads the logs use
 * it first.
 */
export const requestForLog = (request: FastifyRequest) => ({
  method: request.method,
  url: redactSecrets(request.url),
  host: request.host,
  remoteAddress: request.ip,
  remotePort: request.socket?.remotePort,
})
