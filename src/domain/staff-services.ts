// F1 "the relevant Head of Service" (issue 11): staff users belong to services, and a Head of Service opens a case
// only for a service that is theirs. Services are the names staff write on matters and cases ("Waste", "Council
// tax"); two names are the same service whatever their case or outer spaces. Pure.
import { joinAnd } from './letter-wording.ts'
import type { ProcedureRefusal } from './procedure.ts'

/** A service's name as stored: outer spaces trimmed (nothing else is changed). */
export const serviceName = (name: string) => name.trim()

/** Whether two names are the same service: compared case-insensitively, trimmed. */
export const sameService = (a: string, b: string) => serviceName(a).toLowerCase() === serviceName(b).toLowerCase()

/** Names as a list of services: trimmed, blanks dropped, each service once (its first spelling kept), by name. */
export function serviceList(names: readonly string[]): string[] {
  const kept: string[] = []
  for (const name of names.map(serviceName)) {
    if (name !== '' && !kept.some((k) => sameService(k, name))) kept.push(name)
  }
  return kept.sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' }))
}

/** Of the services held, the one that is `service` (in its recorded spelling), if any. */
export const heldService = (held: readonly string[], service: string) => held.find((h) => sameService(h, service))

/** What a Head of Service with no services recorded is told: why they cannot open a case, and who can fix it. */
export const noServicesMessage =
  'No services are recorded for you, so you cannot open a case yet: a case is opened by the Head of Service for the service it is about. An administrator must add your services first, on your page in Staff.'

/**
 * F1: the Head of Service opening a case is the Head of Service for the case's service. A Head of Service with no
 * services recorded is refused too, rather than let open cases for every service: staff recorded before services
 * existed hold none until an administrator sets them, and the refusal says so.
 */
export function checkHeadOfService(held: readonly string[], service: string): ProcedureRefusal | null {
  if (held.length === 0) {
    return { status: 403, code: 'no_services', rule: 'F1', message: noServicesMessage, field: 'service' }
  }
  if (heldService(held, service)) return null
  const asked = serviceName(service)
  return {
    status: 403,
    code: 'not_head_of_service',
    rule: 'F1',
    message: `You are Head of Service for ${joinAnd(serviceList(held))}: a case about ${asked} is opened by the Head of Service for ${asked}, or an administrator can add ${asked} to your services`,
    field: 'service',
  }
}
