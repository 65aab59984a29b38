import multipart from '@fastify/multipart'
import type { FastifyError, FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { uploadLimit } from '../../web/form-body.ts'
import { bankHolidayPages, MAX_FILE_BYTES } from './controller.ts'

const access = { access: 'bank_holidays.manage' } as const

// F8, F10: the bank holidays working-day deadlines skip. Its own plugin, so that multipart is parsed here only.
export const bankHolidayRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    await app.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 3, fieldSize: MAX_FILE_BYTES, parts: 4 },
      async onFile(part) {
        part.value = { filename: part.filename, bytes: await part.toBuffer() }
      },
    })
    const pages = bankHolidayPages(services)
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (uploadLimit(error) && request.routeOptions.url === '/bank-holidays') return pages.tooLarge(reply, error)
      throw error
    })
    app.get('/bank-holidays', { config: access }, pages.show)
    app.post('/bank-holidays', { config: access }, pages.submit)
  }
