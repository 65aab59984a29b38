import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { importKindNames, importKinds, type ImportKind } from '../../../domain/import-fields.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { TOO_MANY_FIELDS, uploadedFilename, uploadLimit } from '../../../web/form-body.ts'
import { errorsInOrder, type FormErrors } from '../../../web/forms.ts'
import { bidiControl } from '../../../web/validation.ts'
import { recentBatches } from '../import.repository.ts'
import { receiveUpload } from '../import.service.ts'
import { MAX_ROWS } from '../csv.ts'

export const MAX_FILE_BYTES = 50 * 1024 * 1024

const view = 'features/import/upload/view.njk'
const kindItems = importKinds.map((kind) => ({
  value: kind,
  text: importKindNames[kind].name,
  hint: { text: importKindNames[kind].description },
}))

interface UploadedFile {
  filename: string
  bytes: Buffer
}

const isFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && 'bytes' in value && Buffer.isBuffer(value.bytes)

/** Choose what the file holds and upload it. */
export function uploadPages(services: Services) {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) =>
    reply.page(view, {
      title: 'Import from a CRM export',
      kindItems,
      maxMegabytes: MAX_FILE_BYTES / 1024 / 1024,
      maxRows: MAX_ROWS.toLocaleString('en-GB'),
      recent: request.principal ? await recentBatches(services.db, request.principal.id, 10) : [],
      values: extra.values ?? {},
      errors: extra.errors,
    })

  return {
    show: (request: FastifyRequest, reply: FastifyReply) => render(request, reply),

    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const kind = importKinds.find((k) => k === body.kind)
      const file = isFile(body.file) ? body.file : undefined
      const messages: Record<string, string> = {}
      if (!kind) messages.kind = 'Select what the file holds'
      if (!file || (file.bytes.length === 0 && file.filename === '')) messages.file = 'Select a CSV file'
      if (kind && file && !messages.file) {
        const filename = uploadedFilename(file.filename)
        if (bidiControl.test(file.filename)) {
          // No audit entry records an upload, so the name as sent is logged, its hidden characters written out.
          const sent = file.filename.replace(
            /[^\x20-\x7e]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
          )
          request.log.warn(
            { filename: sent },
            'import upload: hidden text-direction characters removed from the file name',
          )
        }
        const received = await receiveUpload(
          services.db,
          actor,
          { kind: kind satisfies ImportKind, filename, bytes: file.bytes },
          services.now(),
        )
        if ('id' in received) return reply.redirect(`/import/${received.id}/mapping`, 303)
        messages.file = received.message
      }
      reply.code(422)
      return render(request, reply, { values: { kind: body.kind }, errors: errorsInOrder(messages) })
    },

    /** An upload @fastify/multipart refused at one of its limits, answered on the page with what to do. */
    refusedAtLimit: (request: FastifyRequest, reply: FastifyReply, error: FastifyError) => {
      const limit = uploadLimit(error) ?? 'file_too_large'
      request.log.info({ code: error.code }, `import upload refused: ${limit}`)
      if (limit === 'too_many_fields') {
        reply.code(400)
        return render(request, reply, { errors: errorsInOrder({ form: TOO_MANY_FIELDS }) })
      }
      const message =
        limit === 'too_many_files'
          ? 'Upload one CSV file at a time'
          : `The selected file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files`
      reply.code(413)
      return render(request, reply, { errors: errorsInOrder({ file: message }) })
    },
  }
}
