import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { importKindNames, importKinds, type ImportKind } from '../../../domain/import-fields.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { errorsInOrder, type FormErrors } from '../../../web/forms.ts'
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

/** A file name as shown and kept: no folders, no control characters, not overlong. */
function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001F\u007F]/g, '').trim()
  return (base || 'upload.csv').slice(0, 200)
}

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
        const received = await receiveUpload(
          services.db,
          actor,
          { kind: kind satisfies ImportKind, filename: cleanFilename(file.filename), bytes: file.bytes },
          services.now(),
        )
        if ('id' in received) return reply.redirect(`/import/${received.id}/mapping`, 303)
        messages.file = received.message
      }
      reply.code(422)
      return render(request, reply, { values: { kind: body.kind }, errors: errorsInOrder(messages) })
    },

    tooLarge: (request: FastifyRequest, reply: FastifyReply, error: FastifyError) => {
      request.log.info({ code: error.code }, 'import upload refused: too large')
      const message =
        error.code === 'FST_FILES_LIMIT'
          ? 'Upload one CSV file at a time'
          : `The selected file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files`
      reply.code(413)
      return render(request, reply, { errors: errorsInOrder({ file: message }) })
    },
  }
}
