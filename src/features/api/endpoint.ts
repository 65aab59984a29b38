import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
} from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Access } from '../../domain/permissions.ts'

/** The app the v1 endpoints are registered on: it types each request and reply from the route's zod schemas. */
export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>

/** The request an endpoint with the schema S receives: its params, query and body as the schema parses them. */
export type ApiRequest<S extends FastifySchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  S,
  ZodTypeProvider
>

/** A v1 endpoint's options: who may call it, and the schema that validates it and documents it in OpenAPI. */
export const endpoint = <S extends FastifySchema>(access: Access, schema: S) => ({ config: { access }, schema })
