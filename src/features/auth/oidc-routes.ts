import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { OidcConfig } from '../../config.ts'
import type { Services } from '../../services.ts'
import { OidcClient, PENDING_SIGN_IN_MINUTES, type PendingSignIn } from './oidc.ts'
import { signInWithProvider, type ProviderSignInResult } from './oidc-sign-in.ts'
import { safeReturnTo } from './schema.ts'

const refusedView = 'features/auth/views/single-sign-on-refused.njk'

/**
 * Single sign-on's two routes (issue 14): /sign-in/oidc sends the browser to the council's identity provider, and
 * /sign-in/oidc/callback takes it back. The state, nonce and PKCE verifier wait in between in a signed, httpOnly
 * cookie that lasts ten minutes and is cleared when the browser comes back, whatever happens then.
 */
export function singleSignOnRoutes(
  app: FastifyInstance,
  services: Services,
  settings: OidcConfig,
  startSession: (reply: FastifyReply, token: string) => FastifyReply,
): void {
  const { config, db } = services
  const provider = new OidcClient(settings, config.baseUrl)
  const rateLimit = { max: config.signIn.ratePerMinute, timeWindow: '1 minute' }
  const cookieName = `${config.secureCookies ? '__Host-' : ''}fc_sign_in`
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies } as const
  const name = settings.providerName

  const refused = (reply: FastifyReply, status: number, title: string, paragraphs: string[], tryAgain = true) =>
    reply.code(status).page(refusedView, { title, paragraphs, tryAgain })
  const notWorking = (reply: FastifyReply) =>
    refused(reply, 503, `Signing in with ${name} is not working at the moment`, [
      `Fair Contact could not reach ${name}. Try again in a few minutes.`,
    ])

  app.get('/sign-in/oidc', { config: { access: 'public', rateLimit } }, async (request, reply) => {
    const returnTo = safeReturnTo(stringOf((request.query as { returnTo?: unknown }).returnTo))
    let started: Awaited<ReturnType<OidcClient['begin']>>
    try {
      started = await provider.begin(returnTo, services.now())
    } catch (error) {
      request.log.error({ err: error }, 'single sign-on: the provider could not be reached')
      return notWorking(reply)
    }
    reply.setCookie(cookieName, JSON.stringify(started.pending), {
      ...cookieOptions,
      signed: true,
      maxAge: PENDING_SIGN_IN_MINUTES * 60,
    })
    return reply.redirect(started.url.href, 303)
  })

  app.get('/sign-in/oidc/callback', { config: { access: 'public', rateLimit } }, async (request, reply) => {
    const pending = pendingSignIn(request, cookieName, services.now())
    reply.clearCookie(cookieName, cookieOptions)
    const query = request.query as Record<string, unknown>
    if (typeof query.error === 'string') {
      return refused(reply, 401, `${name} did not sign you in`, [
        query.error === 'access_denied'
          ? `You did not finish signing in with ${name}, or it did not let you in.`
          : `${name} said: ${stringOf(query.error_description) ?? query.error}.`,
      ])
    }
    if (!pending) {
      return refused(reply, 400, 'Your sign-in took too long or was not started here', [
        `Signing in with ${name} must be finished within ${PENDING_SIGN_IN_MINUTES} minutes, in the browser it was started in.`,
      ])
    }
    let result: ProviderSignInResult
    try {
      const account = await provider.finish(new URL(request.url, config.baseUrl), pending, services.now())
      result = await signInWithProvider(
        db,
        account,
        settings,
        { userAgent: request.headers['user-agent'] ?? null, idleMinutes: config.sessionIdleMinutes },
        services.now(),
      )
    } catch (error) {
      // A wrong state, a code already used, an ID token that is expired or not the provider's: all refused alike.
      request.log.warn({ err: error }, 'single sign-on: the provider’s answer was refused')
      return refused(reply, 401, `We could not sign you in with ${name}`, [
        'The answer that came back could not be checked, or the sign-in link was used already. Start again from the sign-in page.',
      ])
    }
    if (!result.ok) return refusedFor(reply, result.reason)
    startSession(reply, result.sessionToken)
    return reply.redirect(pending.returnTo, 303)
  })

  function refusedFor(reply: FastifyReply, reason: Exclude<ProviderSignInResult, { ok: true }>['reason']) {
    switch (reason) {
      case 'no_role':
        return refused(
          reply,
          403,
          'You do not have access to Fair Contact',
          [
            `You signed in with ${name}, but your account there has no Fair Contact role.`,
            'Ask your manager or the council’s IT service desk to give you one, then sign in again.',
          ],
          false,
        )
      case 'disabled':
        return refused(
          reply,
          403,
          'Your Fair Contact account is disabled',
          ['Ask a Fair Contact administrator to enable it.'],
          false,
        )
      case 'no_email':
        return refused(
          reply,
          403,
          'Your account has no email address',
          [`${name} did not give Fair Contact an email address for you. Ask the council’s IT service desk.`],
          false,
        )
      case 'taken':
        return refused(
          reply,
          403,
          'Your email address belongs to another account',
          [
            `A Fair Contact user with your email address signs in with another ${name} account. Ask a Fair Contact administrator.`,
          ],
          false,
        )
    }
  }
}

const stringOf = (value: unknown) => (typeof value === 'string' ? value : undefined)

/** The sign-in this browser started, from its signed cookie, if it is genuine and not too old. */
function pendingSignIn(request: FastifyRequest, cookieName: string, now: Date): PendingSignIn | undefined {
  const raw = request.cookies[cookieName]
  if (!raw) return undefined
  const unsigned = request.unsignCookie(raw)
  if (!unsigned.valid || unsigned.value === null) return undefined
  try {
    const value = JSON.parse(unsigned.value) as Partial<PendingSignIn>
    const complete =
      typeof value.state === 'string' &&
      typeof value.nonce === 'string' &&
      typeof value.codeVerifier === 'string' &&
      typeof value.expiresAt === 'number' &&
      value.expiresAt > now.getTime()
    return complete ? { ...(value as PendingSignIn), returnTo: safeReturnTo(stringOf(value.returnTo)) } : undefined
  } catch {
    return undefined
  }
}
