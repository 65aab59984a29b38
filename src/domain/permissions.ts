import type { Role } from './roles.ts'

// What each role may do. Every route declares exactly one Access (web and API alike); the route table test
// enumerates every registered route against every role from this one declaration (K6: access only for need).
export const permissions = {
  'staff.manage': ['admin'],
  'audit.read': ['admin', 'auditor'],
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
