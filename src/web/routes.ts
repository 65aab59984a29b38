import type { FastifyInstance, RouteHandlerMethod } from 'fastify'
import type { Access } from '../domain/permissions.ts'

/** A form page: the same path shows the form (GET) and takes it (POST), with one declared access for both. */
export function formPage(
  app: FastifyInstance,
  path: string,
  access: Access,
  pages: { show: RouteHandlerMethod; submit: RouteHandlerMethod },
): void {
  app.get(path, { config: { access } }, pages.show)
  app.post(path, { config: { access } }, pages.submit)
}
