import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { parseForm, errorsInOrder } from '../../web/forms.ts'
import { cookies } from '../../web/security.ts'
import { Refusal } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { signIn, signOut } from './auth.service.ts'
import { singleSignOnRoutes } from './oidc-routes.ts'
import { createFirstAdministrator, findValidLink, setPasswordWithLink } from '../staff/staff.service.ts'
import { sessionsOfStaffUser } from '../staff/staff.repository.ts'
import { firstAdministratorForm, safeReturnTo, setPasswordForm, signInForm } from './schema.ts'

const view = (name: string) => `features/auth/views/${name}.njk`
const tokenParam = (params: unknown) => String((params as { token?: unknown }).token ?? '')
const SIGN_IN_FAILED = errorsInOrder({
  email:
    'Enter a correct email address and password. After several wrong attempts an account is locked for a while: if you cannot sign in, ask an administrator for a reset link',
})

export const authRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const { config, db } = services
    const rateLimit = { max: config.signIn.ratePerMinute, timeWindow: '1 minute' }

    const cookie = cookies(config)
    // A new session gets a new CSRF secret as well as tokens bound to it: nothing of a form made before signing in (or
    // planted by someone else) works after it (issue 12 item 6). The next page sets the new secret.
    const startSession = (reply: FastifyReply, token: string) =>
      reply.setCookie(cookie.session, token, cookie.options).clearCookie(cookie.csrf, cookie.options)
    const endSession = (reply: FastifyReply) =>
      reply.clearCookie(cookie.session, cookie.options).clearCookie(cookie.csrf, cookie.options)

    // Issue 14: "Sign in with <provider>" when single sign-on is set up; the password form unless switched off.
    const signInPage = (returnTo: string) => ({
      title: 'Sign in',
      passwordSignIn: config.passwordSignIn,
      singleSignOn: config.oidc && {
        providerName: config.oidc.providerName,
        href: `/sign-in/oidc?${new URLSearchParams({ returnTo })}`,
      },
    })
    if (config.oidc) singleSignOnRoutes(app, services, config.oidc, startSession)

    app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
      if (request.principal) return reply.redirect('/', 303)
      const query = request.query as { returnTo?: string; created?: string; password?: string }
      const notice = query.created
        ? 'Your administrator account has been created. Sign in to continue.'
        : query.password
          ? 'Your password has been set. Sign in to continue.'
          : undefined
      const returnTo = safeReturnTo(query.returnTo)
      return reply.page(view('sign-in'), { ...signInPage(returnTo), notice, values: { returnTo } })
    })

    app.post('/sign-in', { config: { access: 'public', rateLimit } }, async (request, reply) => {
      // Issue 14: with password sign-in switched off, no password is checked, whatever the account has.
      if (!config.passwordSignIn) {
        return reply.code(403).page(view('single-sign-on-refused'), {
          title: 'Sign in with your council account',
          paragraphs: [`Signing in with a password is switched off. Sign in with ${config.oidc?.providerName}.`],
          tryAgain: true,
        })
      }
      const form = parseForm(signInForm, request.body)
      const posted = (request.body as { returnTo?: unknown } | undefined)?.returnTo
      const returnTo = safeReturnTo(typeof posted === 'string' ? posted : undefined)
      if (!form.ok)
        return reply
          .code(422)
          .page(view('sign-in'), { ...signInPage(returnTo), errors: form.errors, values: request.body })
      const result = await signIn(
        db,
        { email: form.value.email, password: form.value.password, userAgent: request.headers['user-agent'] ?? null },
        { ...config.signIn, idleMinutes: config.sessionIdleMinutes },
        services.now(),
      )
      if (!result.ok) {
        return reply.code(401).page(view('sign-in'), {
          ...signInPage(returnTo),
          errors: SIGN_IN_FAILED,
          values: { email: form.value.email, returnTo: form.value.returnTo },
        })
      }
      startSession(reply, result.sessionToken)
      return reply.redirect(safeReturnTo(form.value.returnTo), 303)
    })

    app.post('/sign-out', { config: { access: 'signed_in' } }, async (request, reply) => {
      const principal = request.principal
      if (principal) await db.transaction().execute((trx) => signOut(trx, principal, false))
      endSession(reply)
      return reply.redirect('/signed-out', 303)
    })

    app.get('/signed-out', { config: { access: 'public' } }, async (request, reply) =>
      reply.page(view('signed-out'), {
        title: 'You have signed out',
        everywhere: 'everywhere' in (request.query as object),
      }),
    )

    app.get('/account', { config: { access: 'signed_in' } }, async (request, reply) => {
      const principal = request.principal
      const sessions = principal ? await sessionsOfStaffUser(db, principal.id) : []
      return reply.page(view('account'), { title: 'Your account', sessions, idleMinutes: config.sessionIdleMinutes })
    })

    app.post('/account/sign-out-everywhere', { config: { access: 'signed_in' } }, async (request, reply) => {
      const principal = request.principal
      if (principal) await db.transaction().execute((trx) => signOut(trx, principal, true))
      endSession(reply)
      return reply.redirect('/signed-out?everywhere=1', 303)
    })

    // The first administrator: a one-time link printed at first start on an empty database.
    app.get('/first-administrator/:token', { config: { access: 'public' } }, async (request, reply) => {
      const link = await findValidLink(db, tokenParam(request.params), services.now())
      if (link?.purpose !== 'first_administrator') return linkExpired(reply)
      return reply.page(view('first-administrator'), { title: 'Create the first administrator', values: {} })
    })

    app.post('/first-administrator/:token', { config: { access: 'public', rateLimit } }, async (request, reply) => {
      const token = tokenParam(request.params)
      const form = parseForm(firstAdministratorForm, request.body)
      const values = { ...(request.body as object), password: '', confirmPassword: '' }
      if (!form.ok)
        return reply
          .code(422)
          .page(view('first-administrator'), { title: 'Create the first administrator', errors: form.errors, values })
      try {
        await db.transaction().execute((trx) => createFirstAdministrator(trx, token, form.value, services.now()))
      } catch (error) {
        if (error instanceof Refusal) return linkExpired(reply)
        throw error
      }
      return reply.redirect('/sign-in?created=1', 303)
    })

    app.get('/set-password/:token', { config: { access: 'public' } }, async (request, reply) => {
      const link = await findValidLink(db, tokenParam(request.params), services.now())
      if (!link || link.purpose === 'first_administrator') return linkExpired(reply)
      return reply.page(view('set-password'), { title: 'Choose your password', link })
    })

    app.post('/set-password/:token', { config: { access: 'public', rateLimit } }, async (request, reply) => {
      const token = tokenParam(request.params)
      const link = await findValidLink(db, token, services.now())
      if (!link || link.purpose === 'first_administrator') return linkExpired(reply)
      const form = parseForm(setPasswordForm, request.body)
      if (!form.ok)
        return reply.code(422).page(view('set-password'), { title: 'Choose your password', link, errors: form.errors })
      try {
        await db.transaction().execute((trx) => setPasswordWithLink(trx, token, form.value.password, services.now()))
      } catch (error) {
        if (error instanceof Refusal) return linkExpired(reply)
        throw error
      }
      endSession(reply)
      return reply.redirect('/sign-in?password=1', 303)
    })
  }

function linkExpired(reply: FastifyReply) {
  return reply.code(404).page('web/views/error.njk', {
    title: 'This link has expired or has already been used',
    message: 'Each link works once, for a limited time. Ask an administrator to send you a new one.',
  })
}
