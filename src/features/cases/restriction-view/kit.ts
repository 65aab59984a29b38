import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { Refusal } from '../../../errors.ts'
import type { FormErrors } from '../../../web/forms.ts'

// What the review and challenge pages share: the id in the URL, the error summary, and refusals shown on the form.

const uuid = z.uuid()

/** The `:id` in the URL when it is a UUID; anything else is simply not found. */
export function paramId(request: FastifyRequest): string | undefined {
  const parsed = uuid.safeParse((request.params as { id?: unknown }).id)
  return parsed.success ? parsed.data : undefined
}

/** The form as posted: each field a string, or an array when a name is repeated. */
export const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>

export const field = (body: Record<string, unknown>, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

/**
 * The GOV.UK error summary in page order: a date input's message links to its day field (`dateFields`); a message
 * about the whole form (`form`) links nowhere.
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

/** Runs a step of the procedure; its refusal comes back as messages by field (none: about the whole form). */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; fields: Record<string, string> }> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (!(error instanceof Refusal) || error.status === 404) throw error
    const fields = Object.keys(error.fields).length ? error.fields : { form: error.message }
    return { ok: false, fields }
  }
}
