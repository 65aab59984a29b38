import type { FastifyInstance } from 'fastify'

/**
 * Parses `application/x-www-form-urlencoded` with the platform's URLSearchParams (WHATWG rules). Malformed
 * percent-encoding and invalid UTF-8 become U+FFFD, which every text field refuses with a message, so nothing is
 * silently stored altered. A repeated key (checkboxes) gives an array.
 */
export function formBody(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    const result: Record<string, string | string[]> = Object.create(null)
    for (const [key, value] of new URLSearchParams(String(body))) {
      const existing = result[key]
      result[key] = existing === undefined ? value : [...[existing].flat(), value]
    }
    done(null, result)
  })
}
