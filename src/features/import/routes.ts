import multipart from '@fastify/multipart'
import type { FastifyError, FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { uploadLimit } from '../../web/form-body.ts'
import { mappingPages } from './mapping/controller.ts'
import { previewPages } from './preview/controller.ts'
import { reportPages } from './report/controller.ts'
import { MAX_FILE_BYTES, uploadPages } from './upload/controller.ts'

const access = { access: 'records.import' } as const

// Import from a CRM export (issue 3): upload a CSV file, say which column holds what, check the preview, import.
export const importRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    // File uploads are accepted here and nowhere else: this plugin's context is the only one that parses multipart.
    // The body is read after the access check (preValidation runs the app's hook first) and before the CSRF check.
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 2_000, parts: 6 },
      async onFile(part) {
        part.value = { filename: part.filename, bytes: await part.toBuffer() }
      },
    })
    const upload = uploadPages(services)
    // An upload refused at a limit (too large a file, two files, more fields than the form has) is answered on the
    // upload page, saying which; any other error goes to the app's handler.
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (uploadLimit(error) && request.routeOptions.url === '/import')
        return upload.refusedAtLimit(request, reply, error)
      throw error
    })

    app.get('/import', { config: access }, upload.show)
    app.post('/import', { config: access }, upload.submit)
    const mapping = mappingPages(services)
    app.get('/import/:id/mapping', { config: access }, mapping.show)
    app.post('/import/:id/mapping', { config: access }, mapping.submit)
    const preview = previewPages(services)
    app.get('/import/:id/preview', { config: access }, preview.show)
    app.post('/import/:id/confirm', { config: access }, preview.confirm)
    const report = reportPages(services)
    app.get('/import/:id', { config: access }, report.show)
    app.get('/import/:id/rejected.csv', { config: access }, report.download)
  }
