import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { roleNames, roles } from '../../domain/roles.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { errorsInOrder, parseForm, queryOf, type FormErrors } from '../../web/forms.ts'
import { actorOf } from '../../web/identity.ts'
import { findStaffUser, listApiTokens, listStaffUsers } from './staff.repository.ts'
import {
  changeRoles,
  createApiToken,
  createStaffUser,
  disableStaffUser,
  enableStaffUser,
  issueOneTimeLink,
  revokeApiToken,
} from './staff.service.ts'
import { absenceRoutes } from './absence/routes.ts'
import { staffServicesPages } from './staff-services/controller.ts'
import { formPage } from '../../web/routes.ts'
import { signsInWith } from './sign-in-methods.ts'
import { linkForm, newStaffForm, reasonForm, rolesForm, tokenForm } from './schema.ts'

const view = (name: string) => `features/staff/views/${name}.njk`
const access = { access: 'staff.manage' } as const
const roleItems = roles.map((role) => ({
  value: role,
  text: roleNames[role].name,
  hint: { text: roleNames[role].description },
}))
const params = z.object({ id: z.uuid(), tokenId: z.uuid().optional() })

export const staffRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    absenceRoutes(app, services) // F5b: staff absence, so the check sends contact to the deputy
    formPage(app, '/staff/:id/services', 'staff.manage', staffServicesPages(services)) // F1: whose Head of Service
    const { db, config } = services
    const linkUrl = (token: string) => `${config.baseUrl}/set-password/${token}`
    const signInSettings = { passwordSignIn: config.passwordSignIn, singleSignOn: config.oidc !== undefined }

    async function staffOr404(request: FastifyRequest) {
      const parsed = params.safeParse(request.params)
      const user = parsed.success ? await findStaffUser(db, parsed.data.id) : undefined
      if (!parsed.success || !user) throw notFound('Staff user')
      return { user, tokenId: parsed.data.tokenId }
    }

    /** Runs one change in one transaction; a refusal re-renders the form with its message against the field. */
    async function change(work: () => Promise<unknown>, onRefusal: (errors: FormErrors) => FastifyReply) {
      try {
        await work()
        return undefined
      } catch (error) {
        if (error instanceof Refusal && error.status !== 404) {
          return onRefusal(errorsInOrder(Object.keys(error.fields).length ? error.fields : { form: error.message }))
        }
        throw error
      }
    }

    app.get('/staff', { config: access }, async (_request, reply) =>
      reply.page(view('list'), {
        title: 'Staff',
        staff: (await listStaffUsers(db)).map((user) => ({ ...user, signsInWith: signsInWith(user, signInSettings) })),
      }),
    )

    app.get('/staff/new', { config: access }, async (_request, reply) =>
      reply.page(view('new'), { title: 'Add a staff user', roleItems, values: { roles: [] }, backLink: '/staff' }),
    )

    app.post('/staff/new', { config: access }, async (request, reply) => {
      const actor = actorOf(request)
      const values = request.body
      const form = parseForm(newStaffForm, values)
      const again = (errors: FormErrors) =>
        reply.code(422).page(view('new'), { title: 'Add a staff user', roleItems, values, errors, backLink: '/staff' })
      if (!form.ok) return again(form.errors)
      let created: { id: string; setUpToken: string } | undefined
      const refused = await change(async () => {
        created = await db
          .transaction()
          .execute((trx) => createStaffUser(trx, actor, form.value, config.setUpLinkHours, services.now()))
      }, again)
      if (refused || !created) return refused
      return reply.page(view('link-issued'), {
        title: 'Staff user added',
        heading: `${form.value.name} has been added`,
        user: { id: created.id, name: form.value.name, email: form.value.email },
        link: linkUrl(created.setUpToken),
        hours: config.setUpLinkHours,
      })
    })

    app.get('/staff/:id', { config: access }, async (request, reply) => {
      const { user } = await staffOr404(request)
      const query = queryOf(request)
      return reply.page(view('show'), {
        title: user.name,
        user,
        signsInWith: signsInWith(user, signInSettings),
        passwordSignIn: config.passwordSignIn,
        tokens: await listApiTokens(db, user.id),
        done: query.done,
        isSelf: request.principal?.id === user.id,
        backLink: '/staff',
      })
    })

    app.get('/staff/:id/roles', { config: access }, async (request, reply) => {
      const { user } = await staffOr404(request)
      return reply.page(view('roles'), {
        title: `Change roles for ${user.name}`,
        user,
        roleItems,
        values: { roles: user.roles },
        backLink: `/staff/${user.id}`,
      })
    })

    app.post('/staff/:id/roles', { config: access }, async (request, reply) => {
      const actor = actorOf(request)
      const { user } = await staffOr404(request)
      const values = request.body as Record<string, unknown>
      const again = (errors: FormErrors) =>
        reply.code(422).page(view('roles'), {
          title: `Change roles for ${user.name}`,
          user,
          roleItems,
          values,
          errors,
          backLink: `/staff/${user.id}`,
        })
      const form = parseForm(rolesForm, values)
      if (!form.ok) return again(form.errors)
      const refused = await change(
        () => db.transaction().execute((trx) => changeRoles(trx, actor, user.id, form.value.roles, form.value.reason)),
        again,
      )
      return refused ?? reply.redirect(`/staff/${user.id}?done=roles`, 303)
    })

    for (const action of ['disable', 'enable'] as const) {
      app.get(`/staff/:id/${action}`, { config: access }, async (request, reply) => {
        const { user } = await staffOr404(request)
        return reply.page(view('status'), {
          title: `${action === 'disable' ? 'Disable' : 'Enable'} ${user.name}`,
          user,
          action,
          values: {},
          backLink: `/staff/${user.id}`,
        })
      })
      app.post(`/staff/:id/${action}`, { config: access }, async (request, reply) => {
        const actor = actorOf(request)
        const { user } = await staffOr404(request)
        const values = request.body as Record<string, unknown>
        const again = (errors: FormErrors) =>
          reply.code(422).page(view('status'), {
            title: `${action === 'disable' ? 'Disable' : 'Enable'} ${user.name}`,
            user,
            action,
            values,
            errors,
            backLink: `/staff/${user.id}`,
          })
        const form = parseForm(reasonForm, values)
        if (!form.ok) return again(form.errors)
        const refused = await change(
          () =>
            db
              .transaction()
              .execute((trx) =>
                action === 'disable'
                  ? disableStaffUser(trx, actor, user.id, form.value.reason, services.now())
                  : enableStaffUser(trx, actor, user.id, form.value.reason),
              ),
          again,
        )
        return refused ?? reply.redirect(`/staff/${user.id}?done=${action}d`, 303)
      })
    }

    app.post('/staff/:id/link', { config: access }, async (request, reply) => {
      const actor = actorOf(request)
      const { user } = await staffOr404(request)
      const form = parseForm(linkForm, request.body)
      if (!form.ok) throw new Refusal(400, 'invalid', 'Select what the link is for')
      const token = await db
        .transaction()
        .execute((trx) =>
          issueOneTimeLink(trx, actor, user.id, form.value.purpose, config.setUpLinkHours, services.now()),
        )
      return reply.page(view('link-issued'), {
        title: 'Link issued',
        heading:
          form.value.purpose === 'reset' ? `Password reset link for ${user.name}` : `Set-up link for ${user.name}`,
        user,
        link: linkUrl(token),
        hours: config.setUpLinkHours,
      })
    })

    app.get('/staff/:id/tokens/new', { config: access }, async (request, reply) => {
      const { user } = await staffOr404(request)
      return reply.page(view('token-new'), {
        title: `Create an API token for ${user.name}`,
        user,
        values: {},
        backLink: `/staff/${user.id}`,
      })
    })

    app.post('/staff/:id/tokens/new', { config: access }, async (request, reply) => {
      const actor = actorOf(request)
      const { user } = await staffOr404(request)
      const values = request.body as Record<string, unknown>
      const again = (errors: FormErrors) =>
        reply.code(422).page(view('token-new'), {
          title: `Create an API token for ${user.name}`,
          user,
          values,
          errors,
          backLink: `/staff/${user.id}`,
        })
      const form = parseForm(tokenForm, values)
      if (!form.ok) return again(form.errors)
      let created: { id: string; token: string } | undefined
      const refused = await change(async () => {
        created = await db.transaction().execute((trx) => createApiToken(trx, actor, user.id, form.value.label))
      }, again)
      if (refused || !created) return refused
      return reply.page(view('token-created'), {
        title: 'API token created',
        user,
        label: form.value.label,
        token: created.token,
      })
    })

    app.post('/staff/:id/tokens/:tokenId/revoke', { config: access }, async (request, reply) => {
      const actor = actorOf(request)
      const { user, tokenId } = await staffOr404(request)
      if (!tokenId) throw notFound('API token')
      await db.transaction().execute((trx) => revokeApiToken(trx, actor, user.id, tokenId, services.now()))
      return reply.redirect(`/staff/${user.id}?done=revoked`, 303)
    })
  }
