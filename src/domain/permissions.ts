import { roles, type Role } from './roles.ts'

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
