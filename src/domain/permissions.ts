import { decisionRoles, roles, type Role } from './roles.ts'

// What each role may do. Every route declares exactly one Access (web and API alike); the route table test
// enumerates every registered route against every role from this one declaration (K6: access only for need).
export const permissions = {
  'staff.manage': ['admin'],
  'audit.read': ['admin', 'auditor'],
  // The record (issue 3). Every role may find a person and read their record; it is not the case file (K7).
  'people.read': roles,
  'people.write': ['frontline', 'case_officer', 'head_of_service'],
  // Front-line staff record contacts and incidents: they are the ones on the receiving end (K1).
  'contacts.record': ['frontline', 'case_officer', 'head_of_service'],
  'matters.manage': ['case_officer', 'head_of_service'],
  'safety_markers.manage': ['case_officer', 'head_of_service'],
  // S4: business-as-usual measures a service has tried, the evidence the formal procedure starts from (F1).
  'arrangements.record': ['case_officer', 'head_of_service'],
  'people.merge': ['case_officer', 'head_of_service'],
  // Importing a CRM export adds people, matters and contacts in bulk: for the officers who run the record, and admins.
  'records.import': ['case_officer', 'head_of_service', 'admin'],
  // The formal procedure (issue 4). The case file is read only by those who take part in or oversee it (K6, K7);
  // front-line staff learn what they need from the contact check, not from the case file.
  'cases.read': ['case_officer', 'head_of_service', ...decisionRoles, 'senior_reviewer', 'auditor'],
  // F1: the relevant Head of Service decides the formal procedure is necessary.
  'cases.open': ['head_of_service'],
  'cases.close': ['head_of_service'],
  'warnings.issue': ['case_officer', 'head_of_service'],
  'proposals.make': ['case_officer', 'head_of_service'],
  // F4, F8: the Chief Executive and the Monitoring Officer decide, ratify and may impose an interim restriction.
  'proposals.decide': decisionRoles,
  'letters.issue': ['case_officer', 'head_of_service', ...decisionRoles],
  // F7: a review continues, varies or lifts a restriction.
  'restrictions.review': ['head_of_service', ...decisionRoles],
  'challenges.record': ['case_officer', 'head_of_service'],
  // F10: a senior officer not involved in the decision.
  'challenges.decide': ['senior_reviewer'],
  'bank_holidays.manage': ['admin'],
  // Issue 14: the council's name, address, signatories, nation and the procedure's settings, each change audited.
  'settings.manage': ['admin'],
  // V1–V5: any role may check how to deal with a contact; the answer is what staff need, not the case file (K7).
  'contacts.check': roles,
  // F11: the closed-matter queue is read and actioned by the officers who run the record.
  'closed_matters.process': ['case_officer', 'head_of_service'],
  // Oversight (issue 6). P1: the attention list only prompts a person to look; it names people, so it is for the
  // officers who run the procedure and those who oversee it.
  'attention.read': ['case_officer', 'head_of_service', ...decisionRoles, 'auditor'],
  // K5: the report with names; the members' version is anonymised and open to every oversight role.
  'report.read': ['head_of_service', ...decisionRoles, 'auditor'],
  'report.members': ['head_of_service', ...decisionRoles, 'senior_reviewer', 'auditor', 'admin'],
  // Reminders sent by email are logged; admins and auditors read the log.
  'reminders.read': ['admin', 'auditor'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof permissions

/** `public`: no sign-in needed. `signed_in`: any active staff user, whatever their roles. */
export type Access = 'public' | 'signed_in' | Permission

export function allows(access: Access, held: readonly Role[]): boolean {
  if (access === 'public' || access === 'signed_in') return true
  const allowed: readonly Role[] = permissions[access]
  return held.some((role) => allowed.includes(role))
}

export function isAccess(value: unknown): value is Access {
  return value === 'public' || value === 'signed_in' || (typeof value === 'string' && value in permissions)
}
