import type { FastifyInstance } from 'fastify'
import { bidiControl } from './validation.ts'

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

/**
 * The name an uploaded file is kept and shown under: no folders, no control characters and no hidden text-direction
 * characters (which would show "report\u202Evsc.exe" as "reportexe.csv"), not overlong. The person did not type it,
 * so what cannot be shown as it is stored is removed rather than refused (issue 12, item 12).
 */
export function uploadedFilename(name: string, otherwise = 'upload.csv'): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F]/g, '')
    .replace(new RegExp(bidiControl.source, 'g'), '')
    .trim()
  return (base || otherwise).slice(0, 200)
}

/** The limits of @fastify/multipart an upload can break. */
export type UploadLimit = 'file_too_large' | 'too_many_files' | 'too_many_fields'

/**
 * Which limit a multipart error is, so that the page says the right thing: more fields than the form has is not a
 * file too large (issue 12, item 12). Undefined for any other error.
 */
export function uploadLimit(error: { code?: string; statusCode?: number }): UploadLimit | undefined {
  if (error.code === 'FST_FILES_LIMIT') return 'too_many_files'
  if (error.code === 'FST_FIELDS_LIMIT' || error.code === 'FST_PARTS_LIMIT') return 'too_many_fields'
  if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) return 'file_too_large'
  return undefined
}

/** Said when a form sends more fields than it has: a browser sending the page's own form never does. */
export const TOO_MANY_FIELDS =
  'The form was sent with more fields than it has, so nothing was saved. Fill it in and send it again'
