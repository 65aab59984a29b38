import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Browser } from './app.ts'

export interface UploadFile {
  field?: string
  filename: string
  content: Buffer | string
}

/** A multipart/form-data body, built by hand so a test can send any bytes (invalid UTF-8, NUL, a huge file). */
export function multipartBody(fields: Record<string, string>, file?: UploadFile | UploadFile[]) {
  const boundary = `----fairContactTest${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  for (const f of [file ?? []].flat()) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Uploads a file as the browser's user would, with the CSRF token of the page it is on. */
export async function uploadAs(
  app: FastifyInstance,
  browser: Browser,
  fields: Record<string, string>,
  file?: UploadFile | UploadFile[],
) {
  const { payload, contentType } = multipartBody({ _csrf: browser.csrf, ...fields }, file)
  return app.inject({
    method: 'POST',
    url: '/import',
    headers: {
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': contentType,
    },
    payload,
  })
}
