// The roles of the API contract. A staff user may hold several.
export const roles = [
  'frontline',
  'case_officer',
  'head_of_service',
  'chief_executive',
  'monitoring_officer',
  'senior_reviewer',
  'admin',
  'auditor',
] as const

export type Role = (typeof roles)[number]

export const roleNames: Record<Role, { name: string; description: string }> = {
  frontline: {
    name: 'Front-line staff',
    description: 'Checks how to deal with a call, email or visit, and records contacts.',
  },
  case_officer: {
    name: 'Case officer',
    description: 'Gathers evidence: contacts, incidents, arrangements and warnings.',
  },
  head_of_service: {
    name: 'Head of Service',
    description: 'Opens a case when business-as-usual management has not worked (F1).',
  },
  chief_executive: {
    name: 'Chief Executive',
    description: 'Decides on proposed restrictions with the Monitoring Officer (F4).',
  },
  monitoring_officer: {
    name: 'Monitoring Officer',
    description: 'Decides on proposed restrictions with the Chief Executive (F4).',
  },
  senior_reviewer: { name: 'Senior reviewer', description: 'Decides challenges to warnings and restrictions (F10).' },
  admin: { name: 'Administrator', description: 'Manages staff, roles, set-up links and API tokens.' },
  auditor: { name: 'Auditor', description: 'Reads everything, including the audit trail; changes nothing (K4, K5).' },
}

/**
 * F4: the two roles that decide a proposal, each with reasons; both must approve. Who may decide, ratify an interim
 * restriction (F8) and sign a restriction letter all follow from this one list.
 */
export const decisionRoles = ['chief_executive', 'monitoring_officer'] as const satisfies readonly Role[]
export type DecisionRole = (typeof decisionRoles)[number]

export const decisionRoleNames = Object.fromEntries(
  decisionRoles.map((role) => [role, roleNames[role].name]),
) as Record<DecisionRole, string>

/** The decision-makers in words: "the Chief Executive and the Monitoring Officer", or "... or ...". */
export const decisionMakers = (joiner: 'and' | 'or') =>
  decisionRoles.map((role) => `the ${decisionRoleNames[role]}`).join(` ${joiner} `)

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value)
}

/** Roles in the order of the list above (front line first), however they were given; duplicates dropped. */
export function inRoleOrder(given: readonly Role[]): Role[] {
  return roles.filter((role) => given.includes(role))
}
