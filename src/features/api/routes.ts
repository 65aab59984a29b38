import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { roles } from '../../domain/roles.ts'
import { errorBody } from './schemas.ts'

// The v1 integration API (shared contract): who the token belongs to, and the OpenAPI document served at
// /api/v1/openapi.json. Each feature registers its own endpoints under /api/v1 (app.ts); their schemas validate
// requests, shape responses and generate that document: one source for all three.
export const me = z.object({
  id: z.uuid(),
  email: z.email(),
  name: z.string(),
  roles: z.array(z.enum(roles)),
})

export const apiRoutes = (): FastifyPluginAsync => async (plain) => {
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

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => plain.swagger())
}
