import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { Refusal } from '../../../errors.ts'
import type { FormErrors } from '../../../web/forms.ts'

// What the proposal, decision, notice and interim pages share: the id in the URL, the error summary in page order,
// and a refusal of the procedure shown on the form with the rule that refuses it.

const uuid = z.uuid()

/** The `:id` in the URL when it is a UUID; anything else is simply not found. */
export function paramId(request: FastifyRequest): string | undefined {
  const parsed = uuid.safeParse((request.params as { id?: unknown }).id)
  return parsed.success ? parsed.data : undefined
}

/** The GOV.UK error summary in page order; a date input's message links to its day field; `form` links nowhere. */
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

/** A refusal's messages by field (none: about the whole form), each naming the rule that refuses it. */
export function refusalFields(error: Refusal): Record<string, string> {
  const withRule = (message: string) => (error.rule ? `${message} (rule ${error.rule})` : message)
  const fields = Object.keys(error.fields).length ? error.fields : { form: error.message }
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, withRule(message)]))
}

/** Runs a step of the procedure; a refusal (not a missing record) comes back as messages by field. */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; fields: Record<string, string> }> {
  try {
    return { ok: true, value: await work() }
  } catch (error) {
    if (!(error instanceof Refusal) || error.status === 404) throw error
    return { ok: false, fields: refusalFields(error) }
  }
}
