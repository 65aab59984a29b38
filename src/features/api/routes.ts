import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { roles } from '../../domain/roles.ts'

// The v1 integration API (shared contract). Schemas validate requests, shape responses and generate the OpenAPI
// document served at /api/v1/openapi.json: one source for all three.
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    rule: z.string().optional(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
})

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
