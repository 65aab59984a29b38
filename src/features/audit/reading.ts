import type { ChainedAuditRecord, Json } from '../../domain/audit-chain.ts'
import { allows, type Permission } from '../../domain/permissions.ts'
import type { Role } from '../../domain/roles.ts'

// Issue 12 item 5 (K3, K6, K7): the audit trail is read by administrators and auditors, but what an entry records
// belongs to the record it is about. Who did what, when, to which record, is for every reader of the trail; the
// content (reasons, behaviour, grounds, precautions, before and after) needs the permission of that record, and a
// safety marker's content is shown one entry at a time, each view recorded like every other view of a marker (K3).

/** The permission a reader needs to see an entry's content, by the kind of record it is about. */
const contentPermission: Record<string, Permission> = {
  // The case file (K7): only those who take part in or oversee the procedure.
  case: 'cases.read',
  warning: 'cases.read',
  proposal: 'cases.read',
  restriction: 'cases.read',
  challenge: 'cases.read',
  letter: 'cases.read',
  // The record: every role may read a person's record; a marker's every view is recorded (K3).
  person: 'people.read',
  matter: 'people.read',
  contact: 'people.read',
  incident: 'people.read',
  operational_arrangement: 'people.read',
  safety_marker: 'people.read',
  // F11: correspondence on closed matters is read by the officers who process it.
  closed_matter_item: 'closed_matters.process',
  import_batch: 'records.import',
  // The service itself: staff, tokens, bank holidays, the trail.
  staff_user: 'audit.read',
  api_token: 'audit.read',
  service: 'audit.read',
  bank_holiday: 'audit.read',
  council_setting: 'audit.read',
  audit_trail: 'audit.read',
}

/** A kind of record not listed above is treated as the case file: its content is shown to the fewest. */
export function contentPermissionOf(objectType: string): Permission {
  return contentPermission[objectType] ?? 'cases.read'
}

/** An entry that holds a safety marker's content (what it says, why): not a record that it was viewed. */
export function holdsMarkerContent(entry: Pick<ChainedAuditRecord, 'objectType' | 'action'>): boolean {
  return entry.objectType === 'safety_marker' && entry.action !== 'safety_marker.viewed'
}

const withheldBecause: Partial<Record<Permission, string>> = {
  'cases.read': 'The details are part of the case file: only staff who may read case files see them.',
  'closed_matters.process': 'The details are shown only to the officers who process closed-matter correspondence.',
  'records.import': 'The details are shown only to staff who may import records.',
}

const actionWords: Record<string, string> = {
  'audit.chain_keyed': 'The audit trail was brought under the audit key',
  'council_setting.changed': 'Council setting changed',
  'staff.job_title_changed': 'Job title on letters changed',
  'case.opened': 'Case opened',
  'case.closed': 'Case closed',
  'warning.issued': 'Warning issued',
  'proposal.made': 'Restrictions proposed',
  'decision.recorded': 'Decision recorded',
  'restriction.notified': 'Restriction letter issued',
  'restriction.interim_imposed': 'Interim restriction imposed',
  'restriction.interim_lapsed': 'Interim restriction lapsed',
  'restriction.reviewed': 'Restriction reviewed',
  'challenge.received': 'Challenge received',
  'challenge.decided': 'Challenge decided',
  'letter.issued': 'Letter issued',
  'letter.corrected': 'Letter corrected',
  'safety_marker.added': 'Safety marker added',
  'safety_marker.reviewed': 'Safety marker reviewed',
  'safety_marker.removed': 'Safety marker removed',
  'safety_marker.viewed': 'Safety marker viewed',
  'person.created': 'Person added',
  'person.merged': 'Duplicate records merged',
  'matter.opened': 'Matter opened',
  'matter.closed': 'Matter closed',
  'matter.reopened': 'Matter reopened',
  'matter.stage_changed': 'Complaint stage changed',
  'contact.recorded': 'Contact recorded',
  'incident.recorded': 'Incident recorded',
}

/** An action in words: "Decision recorded" for decision.recorded; otherwise the action's own words. */
export function actionInWords(action: string): string {
  const known = actionWords[action]
  if (known) return known
  const words = action.replace(/[._]/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

// Facts that say what changed without saying anything of the content: a status, an outcome, who decided in what role.
const factKeys: Record<string, string> = {
  status: 'Status',
  decision: 'Decision',
  role: 'Role',
  outcome: 'Outcome',
  type: 'Type',
}

function factsOf(entry: ChainedAuditRecord): string[] {
  const before = objectOf(entry.before)
  const after = objectOf(entry.after)
  const facts: string[] = []
  for (const [key, label] of Object.entries(factKeys)) {
    const was = before[key]
    const now = after[key]
    if (typeof now === 'string' && typeof was === 'string' && was !== now)
      facts.push(`${label}: ${words(was)} to ${words(now)}`)
    else if (typeof now === 'string') facts.push(`${label}: ${words(now)}`)
  }
  return facts
}

const objectOf = (value: Json | null): Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}

const words = (value: string) => value.replace(/_/g, ' ')

export interface EntryView {
  seq: number
  at: Date
  actorLabel: string
  action: string
  actionWords: string
  objectType: string
  objectId: string | null
  facts: string[]
  /** The content, when the reader may see it here. */
  content: { reason: string | null; before: Json | null; after: Json | null } | null
  /** Why the content is not shown, when it is not. */
  withheld: string | null
  /** A safety marker's content, shown only when asked for, one entry at a time, the view recorded (K3). */
  markerDetails: 'on_request' | 'shown' | null
}

/**
 * What a reader with `roles` sees of one entry. `showMarker` is true only for the one entry whose marker details the
 * reader asked to see (and whose view the caller records).
 */
export function entryView(entry: ChainedAuditRecord, roles: readonly Role[], showMarker = false): EntryView {
  const permission = contentPermissionOf(entry.objectType)
  const permitted = allows(permission, roles)
  const marker = holdsMarkerContent(entry)
  const show = permitted && (!marker || showMarker)
  return {
    seq: entry.seq,
    at: entry.at,
    actorLabel: entry.actorLabel,
    action: entry.action,
    actionWords: actionInWords(entry.action),
    objectType: entry.objectType,
    objectId: entry.objectId,
    facts: factsOf(entry),
    content:
      show && (entry.reason !== null || entry.before !== null || entry.after !== null)
        ? { reason: entry.reason, before: entry.before, after: entry.after }
        : null,
    withheld: permitted
      ? null
      : (withheldBecause[permission] ?? 'The details are shown only to staff who may read that record.'),
    markerDetails: permitted && marker ? (showMarker ? 'shown' : 'on_request') : null,
  }
}
