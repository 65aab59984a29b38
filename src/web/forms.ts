import type { z } from 'zod'

// What GOV.UK forms need from a failed validation: an error summary linking to each field, and a message per field.
export interface FormErrors {
  summary: { text: string; href: string }[]
  fields: Record<string, { text: string }>
}

export function formErrors(fields: Record<string, string>): FormErrors {
  return {
    summary: Object.entries(fields).map(([field, text]) => ({ text, href: `#${field}` })),
    fields: Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, { text }])),
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

export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; value: z.infer<S> } | { ok: false; errors: FormErrors } {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, errors: formErrors(fieldMessages(result.error)) }
}
