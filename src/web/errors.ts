import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { isDatabaseUnavailable } from '../db/connect.ts'
import { Refusal } from '../domain/refusal.ts'

/**
 * The integration API answers in JSON (`{"error": ...}`); everything else is a page. Decided on the path as the router
 * reads it, percent-decoded, so that `/%61pi/v1/me` (which the router serves as `/api/v1/me`) is the API here too: a
 * bearer token, no session cookie, no CSRF form token, JSON errors (issue 12 item 10).
 */
export const isApi = (url: string) => {
  const path = routerPath(url)
  return path === '/api' || path.startsWith('/api/')
}

/** The path of a request URL as the router matches it: without the query, percent-decoded like decodeURI. */
function routerPath(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? ''
  try {
    return decodeURI(path)
  } catch {
    return path
  }
}

/** The contract's error body: `{"error": {"code", "message", "rule"?, "fields"?}}`. */
export function apiError(
  code: string,
  message: string,
  extra: { rule?: string; fields?: Record<string, string> } = {},
) {
  return { error: { code, message, ...extra } }
}

const pageFor: Record<number, { title: string; message: string }> = {
  400: { title: 'Sorry, we could not read what was sent', message: 'Go back, check what you entered and try again.' },
  403: {
    title: 'Your form has expired',
    message:
      'For your security, forms stop working after a while or when opened in another window. Go back, reload the page and try again.',
  },
  404: {
    title: 'Page not found',
    message:
      'If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.',
  },
  413: { title: 'What you sent is too large', message: 'Go back and shorten what you entered.' },
  415: { title: 'Sorry, we could not read what was sent', message: 'Go back and try again.' },
  429: { title: 'Too many attempts', message: 'Wait a minute, then try again.' },
  500: {
    title: 'Sorry, there is a problem with the service',
    message: 'Try again later. What you entered has not been saved.',
  },
}

/** Errors never show a stack trace: 4xx get a plain explanation, 5xx are logged with the request id and hidden. */
export function errorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof Refusal) {
      if (isApi(request.url)) {
        return reply
          .code(error.status)
          .send(apiError(error.code, error.message, { ...(error.rule && { rule: error.rule }), fields: error.fields }))
      }
      return reply.code(error.status).page('web/views/error.njk', {
        title: error.status === 404 ? 'Page not found' : 'This cannot be done',
        message: error.message,
      })
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {}
      for (const issue of error.validation) {
        const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'body'
        fields[field] ??= issue.message ?? 'Not valid'
      }
      return reply.code(400).send(apiError('invalid', 'The request is not valid: see fields', { fields }))
    }
    if (isDatabaseUnavailable(error)) {
      // Issue 12 item 1: the database is unreachable or dropped the connection in use: not a bug, and not a crash.
      // A change may have been committed just before its connection was lost, so nothing is promised either way.
      request.log.warn({ err: error }, 'database not answering')
      const reading = request.method === 'GET' || request.method === 'HEAD'
      const message = reading
        ? 'The database is not answering just now. Try again in a minute.'
        : 'The database stopped answering before this was confirmed, so it may not have been saved. Check before trying again.'
      reply.header('retry-after', '30')
      if (isApi(request.url)) return reply.code(503).send(apiError('database_unavailable', message))
      return reply.code(503).page('web/views/error.njk', { title: 'Sorry, the service is unavailable', message })
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    if (status === 500) request.log.error({ err: error }, 'unhandled error')
    else request.log.info({ code: error.code, status }, error.message)
    if (isApi(request.url)) {
      const message = status === 500 ? 'Something went wrong on our side; nothing was saved' : error.message
      return reply
        .code(status)
        .send(apiError(status === 500 ? 'internal' : (error.code ?? 'bad_request').toLowerCase(), message))
    }
    const page = pageFor[status] ?? pageFor[400]
    return reply.code(status).page('web/views/error.njk', page ?? {})
  })

  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request.url)) return reply.code(404).send(apiError('not_found', 'There is no such endpoint'))
    return reply.code(404).page('web/views/error.njk', pageFor[404] ?? {})
  })
}
