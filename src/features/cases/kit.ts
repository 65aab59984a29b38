import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { notFound, Refusal } from '../../domain/refusal.ts'
import type { Db } from '../../db/database.ts'
import type { FormErrors } from '../../web/forms.ts'

// What the case, proposal, decision, review and challenge pages share: the id in the URL, the form as posted, the
// error summary in page order, and a service's refusal shown on the form with the rule it applies (S2, S3, F7 ...).

const uuid = z.uuid()

/** The `:id` in the URL when it is a UUID; anything else is simply not found. */
export function paramId(request: FastifyRequest): string | undefined {
  const parsed = uuid.safeParse((request.params as { id?: unknown }).id)
  return parsed.success ? parsed.data : undefined
}

/** The form as posted: each field a string, or an array when a name is repeated. */
export const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>

export const str = (body: Record<string, unknown>, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

/** Checkboxes: none is undefined, one is a string, several an array. */
export const list = (body: Record<string, unknown>, name: string): string[] => {
  const value = body[name]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return typeof value === 'string' && value !== '' ? [value] : []
}

/** The case in the URL with its person, or the 404 page. */
export async function caseOr404(db: Db, request: FastifyRequest) {
  const id = paramId(request)
  const kase = id
    ? await db
        .selectFrom('procedure_case as c')
        .innerJoin('person as p', 'p.id', 'c.person_id')
        .select(['c.id', 'c.reference', 'c.status', 'c.service', 'c.person_id', 'p.full_name'])
        .where('c.id', '=', id)
        .executeTakeFirst()
    : undefined
  if (!kase) throw notFound('Case')
  return kase
}

/**
 * The GOV.UK error summary in page order; a date input's message links to its day field (`dateFields`), and a message
 * about the whole form (`form`) links to nothing.
 */
export function errorsInOrder(
  fields: Record<string, string>,
  order: readonly string[],
  dateFields: readonly string[] = [],
): FormErrors {
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length)
  const entries = Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b))
  return {
    summary: entries.map(([name, text]) => ({
      text,
      href: name === 'form' ? '' : `#${dateFields.includes(name) ? `${name}-day` : name}`,
    })),
    fields: Object.fromEntries(entries.map(([name, text]) => [name, { text }])),
  }
}

/**
 * Runs a step of the procedure. A refusal comes back as messages by field (none: about the whole form), `rename`d
 * where the page shows a field's refusal elsewhere. Unless `withRule` is false, each message names the rule it
 * applies so staff can look it up ("… (rule S2)"); the review and challenge pages word their rules themselves. A
 * missing record and faults propagate.
 */
export async function attempt<T>(
  work: () => Promise<T>,
  { rename = {}, withRule = true }: { rename?: Record<string, string>; withRule?: boolean } = {},
): Promise<{ ok: true; value: T } | { ok: false; fields: Record<string, string> }> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (!(error instanceof Refusal) || error.status === 404) throw error
    const worded = (message: string) => (withRule && error.rule ? `${message} (rule ${error.rule})` : message)
    const entries = Object.entries(error.fields)
    const fields = entries.length
      ? Object.fromEntries(entries.map(([field, message]) => [rename[field] ?? field, worded(message)]))
      : { form: worded(error.message) }
    return { ok: false, fields }
  }
}
