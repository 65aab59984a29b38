import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { roles } from '../../domain/roles.ts'
import type { Services } from '../../services.ts'
import { casesApi } from '../cases/api.ts'
import { contactCheckApi } from '../contact-check/api.ts'
import { contactsApi } from '../contacts/api.ts'
import { mattersApi } from '../matters/api.ts'
import { peopleApi } from '../people/api.ts'
import { errorBody } from './schemas.ts'

// The v1 integration API (shared contract). Schemas validate requests, shape responses and generate the OpenAPI
// document served at /api/v1/openapi.json: one source for all three.
export const me = z.object({
  id: z.uuid(),
  email: z.email(),
  name: z.string(),
  roles: z.array(z.enum(roles)),
})

export const apiRoutes =
  (services: Services): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>()

    app.get(
      '/me',
      {
        config: { access: 'signed_in' },
        schema: {
          summary: 'The staff user the token belongs to',
          tags: ['Service'],
          response: { 200: me, 401: errorBody },
        },
      },
      async (request, reply) => {
        const principal = request.principal
        if (!principal)
          return reply.code(401).send({ error: { code: 'unauthenticated', message: 'Send a valid API token' } })
        return { id: principal.id, email: principal.email, name: principal.name, roles: principal.roles }
      },
    )

    await plain.register(peopleApi(services))
    await plain.register(mattersApi(services))
    await plain.register(contactsApi(services))
    await plain.register(casesApi(services))
    await plain.register(contactCheckApi(services))

    app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => plain.swagger())
  }
