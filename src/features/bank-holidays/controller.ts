import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { bankHolidayDivisions, divisionNames } from '../../domain/nations.ts'
import { readGovUkBankHolidays } from '../../domain/working-days.ts'
import type { Services } from '../../services.ts'
import { TOO_MANY_FIELDS, uploadedFilename, uploadLimit } from '../../web/form-body.ts'
import { actorOf } from '../../web/identity.ts'
import { errorsInOrder, queryOf } from '../../web/forms.ts'
import { forgetBankHolidays } from '../contact-check/contact-check.service.ts'
import { replaceBankHolidays } from './bank-holidays.service.ts'
import { bankHolidayList } from './bank-holidays.repository.ts'
import { currentCouncilSettings } from '../settings/settings.service.ts'

type Division = (typeof bankHolidayDivisions)[keyof typeof bankHolidayDivisions]

export const MAX_FILE_BYTES = 1024 * 1024
const view = 'features/bank-holidays/view.njk'
const source = 'https://www.gov.uk/bank-holidays.json'
const notGovUk =
  'The file is not in the format of GOV.UK’s bank holidays file. Download bank-holidays.json from www.gov.uk/bank-holidays.json and upload it unchanged'

interface UploadedFile {
  filename: string
  bytes: Buffer
}
const isFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && 'bytes' in value && Buffer.isBuffer(value.bytes)

const count = (value: unknown) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : undefined)

/** The events in what was uploaded or pasted, or why it cannot be used. Nothing is guessed. */
function readUpload(body: Record<string, unknown>, division: Division) {
  const file = isFile(body.file) && body.file.bytes.length > 0 ? body.file : undefined
  const pasted = typeof body.json === 'string' ? body.json.trim() : ''
  if (!file && !pasted)
    return { field: 'file', message: 'Select GOV.UK’s bank-holidays.json file, or paste its contents' }
  const field = file ? 'file' : 'json'
  let text: string
  try {
    text = file ? new TextDecoder('utf-8', { fatal: true }).decode(file.bytes) : pasted
  } catch {
    return { field, message: notGovUk }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { field, message: `${notGovUk}. It is not a JSON file` }
  }
  const events = readGovUkBankHolidays(json, division)
  if (!events) return { field, message: notGovUk }
  if (events.length === 0) return { field, message: `The file lists no ${divisionNames[division]} bank holidays` }
  return { events, name: file ? uploadedFilename(file.filename, 'bank-holidays.json') : 'pasted text' }
}

/** F8, F10: the bank holidays that working-day deadlines skip (the council's nation's), and loading GOV.UK's file. */
export function bankHolidayPages(services: Services) {
  // Issue 14: the division of the council's nation (Scotland and Northern Ireland have their own).
  const division = () => bankHolidayDivisions[currentCouncilSettings(services).nation]
  const render = async (reply: FastifyReply, extra: { values?: object; errors?: object; done?: object } = {}) => {
    const holidays = await bankHolidayList(services.db)
    const years = [...new Set(holidays.map((h) => h.on.slice(0, 4)))].map((year) => ({
      year,
      holidays: holidays.filter((h) => h.on.startsWith(year)),
    }))
    return reply.code(extra.errors ? 422 : reply.statusCode).page(view, {
      title: 'Bank holidays',
      division: divisionNames[division()],
      years,
      source,
      maxKilobytes: MAX_FILE_BYTES / 1024,
      values: extra.values ?? {},
      errors: extra.errors,
      done: extra.done,
    })
  }
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const q = queryOf(request)
      const added = count(q.added)
      const changed = count(q.changed)
      const removed = count(q.removed)
      const done =
        added !== undefined && changed !== undefined && removed !== undefined ? { added, changed, removed } : undefined
      return render(reply, { done })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const read = readUpload(body, division())
      if (!('events' in read) || !read.events) {
        const { field, message } = read as { field: string; message: string }
        return render(reply, { values: { json: body.json }, errors: errorsInOrder({ [field]: message }) })
      }
      const { events, name } = read
      const changes = await services.db
        .transaction()
        .execute((trx) => replaceBankHolidays(trx, actor, events, `${name} (GOV.UK bank holidays)`))
      forgetBankHolidays() // the contact check's copy (F5c: a window on a bank holiday)
      return reply.redirect(
        `/bank-holidays?added=${changes.added}&changed=${changes.changed}&removed=${changes.removed}`,
        303,
      )
    },
    tooLarge: (reply: FastifyReply, error: FastifyError) => {
      reply.code(413)
      const limit = uploadLimit(error)
      if (limit === 'too_many_fields') return render(reply, { errors: errorsInOrder({ form: TOO_MANY_FIELDS }) })
      const message =
        limit === 'too_many_files'
          ? 'Upload one file at a time'
          : `The selected file must be smaller than ${MAX_FILE_BYTES / 1024} KB: GOV.UK’s file is much smaller`
      return render(reply, { errors: errorsInOrder({ file: message }) })
    },
  }
}
