import type { FastifyReply, FastifyRequest } from 'fastify'
import { parse } from 'csv-parse/sync'
import { importKindNames, targetFields } from '../../../domain/import-fields.ts'
import { checkMapping, guessMapping, type Mapping, type Source } from '../../../domain/import.ts'
import type { Services } from '../../../services.ts'
import { errorsInOrder, type FormErrors } from '../../../web/forms.ts'
import { batchOr404, nextStep } from '../batch.ts'
import { batchCsv, saveMapping, type BatchSummary } from '../import.repository.ts'

const view = 'features/import/mapping/view.njk'
const SAMPLE_ROWS = 3

const shorten = (value: string) => (value.length > 60 ? `${value.slice(0, 60)}…` : value)

const encode = (source: Source | undefined) =>
  !source ? '' : 'fixed' in source ? `fixed:${source.fixed}` : `column:${source.column}`

function decode(value: unknown): Source | undefined {
  if (typeof value !== 'string') return undefined
  const column = /^column:(\d{1,4})$/.exec(value)
  if (column) return { column: Number(column[1]) }
  const fixed = /^fixed:([a-z_]{1,40})$/.exec(value)
  return fixed ? { fixed: fixed[1] ?? '' } : undefined
}

/** Which column holds what: one select per field, first guessed from the column names. */
export function mappingPages(services: Services) {
  async function render(reply: FastifyReply, batch: BatchSummary, mapping: Mapping, errors?: FormErrors) {
    const columns = batch.header.map((name, i) => ({ value: `column:${i}`, text: name || `Column ${i + 1} (no name)` }))
    const fields = targetFields[batch.kind].map((field) => ({
      key: field.key,
      label: field.required ? field.label : `${field.label} (optional)`,
      hint: field.hint,
      items: [
        { value: '', text: field.required ? 'Choose a column' : 'Not in this file' },
        ...columns,
        ...(field.fixedValues ?? []).map((v) => ({ value: `fixed:${v.value}`, text: `Every row: ${v.text}` })),
      ].map((item) => ({ ...item, selected: item.value === encode(mapping[field.key]) })),
    }))
    // The first rows of the file, to see what each column holds.
    const sample: string[][] = parse(await batchCsv(services.db, batch.id), {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      from: 2,
      to: SAMPLE_ROWS + 1,
    })
    return reply.page(view, {
      title: `Which column holds what: ${batch.filename}`,
      batch,
      kindName: importKindNames[batch.kind].name.toLowerCase(),
      fields,
      columns: batch.header.map((name, i) => ({
        name: name || `Column ${i + 1} (no name)`,
        examples: sample.map((row) => shorten(row[i] ?? '')),
      })),
      sampleRows: sample.map((_, i) => i + 2),
      errors,
      backLink: '/import',
    })
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const batch = await batchOr404(services, request)
      if (batch.status === 'imported') return reply.redirect(nextStep(batch), 303)
      return render(reply, batch, batch.mapping ?? guessMapping(batch.kind, batch.header))
    },

    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const batch = await batchOr404(services, request)
      if (batch.status === 'imported') return reply.redirect(nextStep(batch), 303)
      const body = (request.body ?? {}) as Record<string, unknown>
      const mapping: Mapping = {}
      for (const field of targetFields[batch.kind]) {
        const source = decode(body[field.key])
        if (source) mapping[field.key] = source
      }
      const problems = checkMapping(batch.kind, mapping, batch.header.length)
      if (Object.keys(problems).length) {
        reply.code(422)
        return render(reply, batch, mapping, errorsInOrder(problems))
      }
      await saveMapping(services.db, batch.id, mapping)
      return reply.redirect(`/import/${batch.id}/preview`, 303)
    },
  }
}
