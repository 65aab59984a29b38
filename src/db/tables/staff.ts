import type { CreatedAt, Generated, Timestamp } from '../columns.ts'
import type { Role } from '../../domain/roles.ts'

export interface StaffUserTable {
  id: Generated<string>
  email: string
  name: string
  password_hash: string | null
  disabled_at: Timestamp | null
  /** F5b: away until this date (inclusive); the named officer's deputy handles contact meanwhile. */
  absent_until: string | null
  /** Issue 14: what letters they sign call them ("Head of Housing"); null: the name of the role they sign in. */
  job_title: Generated<string | null>
  failed_sign_ins: Generated<number>
  locked_until: Timestamp | null
  /** Issue 14: the account at the identity provider they sign in with (single sign-on), once they have. */
  oidc_issuer: string | null
  oidc_subject: string | null
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface StaffRoleTable {
  staff_user_id: string
  role: Role
}

/** F1: a service the staff user belongs to; a Head of Service opens cases only for their own services. */
export interface StaffServiceTable {
  staff_user_id: string
  service: string
}

export interface StaffSessionTable {
  token_hash: string
  staff_user_id: string
  created_at: CreatedAt
  last_seen_at: Timestamp
  user_agent: string | null
}

export type OneTimeLinkPurpose = 'first_administrator' | 'set_up' | 'reset'

export interface OneTimeLinkTable {
  token_hash: string
  purpose: OneTimeLinkPurpose
  staff_user_id: string | null
  created_by: string | null
  created_at: CreatedAt
  expires_at: Timestamp
  used_at: Timestamp | null
}

export interface ApiTokenTable {
  id: Generated<string>
  staff_user_id: string
  label: string
  token_hash: string
  created_by: string | null
  created_at: CreatedAt
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}
