import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { notFound, Refusal } from '../domain/refusal.ts'

// The one form kit for every page: the id in the URL, the form as posted, validation with the form's zod schema,
// a service's refusal shown on the form, and the GOV.UK error summary in the order the fields appear on the page.

/** What GOV.UK forms need from a failed validation: an error summary linking to each field, and a message per field. */
export interface FormErrors {
  summary: { text: string; href: string }[]
  fields: Record<string, { text: string }>
}

const uuid = z.uuid()

/** The `:id` in the URL when it is a UUID; anything else is simply not found. */
export function paramId(request: FastifyRequest): string | undefined {
  const parsed = uuid.safeParse((request.params as { id?: unknown }).id)
  return parsed.success ? parsed.data : undefined
}

/** What the `:id` in the URL names, read with `find`; or the 404 page, saying which `what` was not found. */
export async function inUrlOr404<T>(
  request: FastifyRequest,
  what: string,
  find: (id: string) => Promise<T | undefined>,
): Promise<T> {
  const id = paramId(request)
  const found = id ? await find(id) : undefined
  if (found === undefined) throw notFound(what)
  return found
}

/** The form as posted: each field a string, or an array when a name is repeated. */
export const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>

/**
 * The query string, each parameter as text: the first value when a name is repeated (`?q=a&q=b` reads `q` as 'a'),
 * so no page meets a list where it expects text (issue 12). Every page reads its query string through this.
 */
export function queryOf(request: FastifyRequest): Record<string, string> {
  const query = (request.query ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    Object.entries(query).flatMap(([name, value]) => {
      const first: unknown = Array.isArray(value) ? value[0] : value
      return typeof first === 'string' ? [[name, first]] : []
    }),
  )
}

/** One field of the form as posted, as text ('' when absent or repeated). */
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

/** Several fields of the form as posted, each as text (see `str`). */
export function texts<K extends string>(body: Record<string, unknown>, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, str(body, name)])) as Record<K, string>
}

/** Several groups of checkboxes of the form as posted, each as a list (see `list`). */
export function lists<K extends string>(body: Record<string, unknown>, names: readonly K[]): Record<K, string[]> {
  return Object.fromEntries(names.map((name) => [name, list(body, name)])) as Record<K, string[]>
}

/**
 * The GOV.UK error summary in page order (`order`; fields not listed come last). A date input's message links to its
 * day field (`dateFields`); a message about the whole form (`form`) links to nothing.
 */
export function errorsInOrder(
  fields: Record<string, string>,
  order: readonly string[] = [],
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

/** The first message for each field, in the order the schema lists them. */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  const messages: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form'
    messages[field] ??= issue.message
  }
  return messages
}

/** Validates a form with its zod schema (convention 5); messages come back ready for the error summary. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  order: readonly string[] = [],
  dateFields: readonly string[] = [],
): { ok: true; value: z.infer<S> } | { ok: false; errors: FormErrors } {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, errors: errorsInOrder(fieldMessages(result.error), order, dateFields) }
}

/**
 * Runs one change. A service's refusal comes back as messages by form field (none: about the whole form), `rename`d
 * where the page shows a field's refusal elsewhere (a field renamed to `form` goes above the form). Unless `withRule`
 * is false, each message names the rule it applies so staff can look it up ("… (rule S2)"). A missing record (404)
 * and faults are not refusals of the form: they propagate.
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
