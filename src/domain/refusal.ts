import type { ProcedureRefusal } from './procedure.ts'

// The one error type: what a service raises when it refuses a change. The edges turn them into a GOV.UK error summary (web) or the
// contract's `{"error": {...}}` body (API). Anything else is a fault: logged, and answered with a plain 500 page.
export type RefusalStatus = 400 | 403 | 404 | 409 | 422

export class Refusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly rule?: string,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new Refusal(404, 'not_found', `${what} was not found`)

/** A procedure rule's refusal (procedure.ts) as the error the edges answer with; the rule travels with it. */
export function refused(refusal: ProcedureRefusal): Refusal {
  return new Refusal(
    refusal.status,
    refusal.code,
    refusal.message,
    refusal.field ? { [refusal.field]: refusal.message } : {},
    refusal.rule,
  )
}
