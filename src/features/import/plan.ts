import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { ImportKind } from '../../domain/import-fields.ts'
import { valuesOf, type Mapping } from '../../domain/import.ts'
import { isBlank, rowNumber, type ParsedCsv } from './csv.ts'
import {
  readContact,
  readMatter,
  readPerson,
  type ContactRow,
  type MatterRow,
  type PersonRow,
  type Read,
} from './rows.ts'

// What an import will do: every row read (rows.ts), then checked against the other rows of the file and against the
// record (external references). The preview shows a plan; confirming recomputes it inside the import's transaction,
// so what is stored is what was checked then.

// Type aliases, not interfaces: a report is stored as JSON, and only aliases fit the Json type.
export type Rejection = { row: number; reasons: string[] }

export interface Valid<T> {
  row: number
  value: T
}

export type PreparedMatter = MatterRow & { personId: string }
export type PreparedContact = ContactRow & { personId: string; matterId: string | null; staffUserId: string | null }

interface Counts {
  rejected: Rejection[]
  /** Rows with nothing in them: skipped, neither imported nor rejected. */
  blank: number
}

export type ImportPlan =
  | ({ kind: 'people'; valid: Valid<PersonRow>[] } & Counts)
  | ({ kind: 'matters'; valid: Valid<PreparedMatter>[] } & Counts)
  | ({ kind: 'contacts'; valid: Valid<PreparedContact>[] } & Counts)

/** Finds what the record already holds: one query per kind of reference, never one per row. */
export interface Lookup {
  /** Person external reference -> the person's id (following merges to the record kept). */
  people(refs: string[]): Promise<Map<string, string>>
  /** Matter external reference -> the matter and whose it is. */
  matters(refs: string[]): Promise<Map<string, { id: string; personId: string }>>
  /** Staff email -> staff user id. */
  staff(emails: string[]): Promise<Map<string, string>>
}

type Checked<T> = { row: number; raw: Record<string, string>; read: Read<T> }

/** Rows read between turns of the event loop: reading one takes a fraction of a millisecond, a whole file seconds. */
const ROWS_PER_TURN = 200

/**
 * Reads every row with its field rules, letting other requests be answered every ROWS_PER_TURN rows, so that checking
 * a large file does not stop the service answering anyone else for its whole length (issue 12, item 2).
 */
async function readAll<T>(parsed: ParsedCsv, mapping: Mapping, read: (values: Record<string, string>) => Read<T>) {
  const rows: Checked<T>[] = []
  let blank = 0
  for (const [index, record] of parsed.rows.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await yieldToEventLoop()
    if (isBlank(record)) {
      blank += 1
      continue
    }
    const raw = valuesOf(record, mapping)
    const checked = read(raw)
    if (record.length === parsed.header.length) {
      rows.push({ row: rowNumber(index), raw, read: checked })
      continue
    }
    const count = `The row has ${record.length} values but the header names ${parsed.header.length} columns: check for a comma that is not inside quotes`
    rows.push({
      row: rowNumber(index),
      raw,
      read: { ok: false, reasons: [count, ...(checked.ok ? [] : checked.reasons)] },
    })
  }
  return { rows, blank }
}

/** Rows sharing an external reference: each is rejected, since which one is right would be a guess. */
function duplicates<T>(rows: Checked<T>[], key: string, what: string): Map<number, string> {
  const byRef = new Map<string, number[]>()
  for (const { row, raw } of rows) {
    const ref = raw[key]
    if (ref === undefined) continue
    const list = byRef.get(ref)
    if (list) list.push(row)
    else byRef.set(ref, [row])
  }
  const reasons = new Map<number, string>()
  for (const [ref, rowsWithRef] of byRef) {
    if (rowsWithRef.length < 2) continue
    for (const row of rowsWithRef) {
      const others = rowsWithRef.filter((r) => r !== row)
      const list =
        others.length > 5 ? `${others.slice(0, 5).join(', ')} and ${others.length - 5} more` : others.join(', ')
      reasons.set(row, `External reference: “${ref}” is also on row ${list}. Each ${what} needs their own`)
    }
  }
  return reasons
}

function split<T, P>(rows: Checked<T>[], resolve: (value: T, row: number) => { value: P } | { reasons: string[] }) {
  const valid: Valid<P>[] = []
  const rejected: Rejection[] = []
  for (const { row, read } of rows) {
    if (!read.ok) {
      rejected.push({ row, reasons: read.reasons })
      continue
    }
    const resolved = resolve(read.value, row)
    if ('reasons' in resolved) rejected.push({ row, reasons: resolved.reasons })
    else valid.push({ row, value: resolved.value })
  }
  return { valid, rejected }
}

const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => v !== undefined))]

export async function planImport(
  kind: ImportKind,
  parsed: ParsedCsv,
  mapping: Mapping,
  now: Date,
  lookup: Lookup,
): Promise<ImportPlan> {
  if (kind === 'people') {
    const { rows, blank } = await readAll(parsed, mapping, readPerson)
    const twice = duplicates(rows, 'externalRef', 'person')
    const known = await lookup.people(unique(rows.map((r) => (r.read.ok ? r.read.value.externalRef : undefined))))
    const plan = split<PersonRow, PersonRow>(rows, (value, row) => {
      const reasons = [twice.get(row)].filter((r): r is string => r !== undefined)
      if (value.externalRef && known.has(value.externalRef))
        reasons.push(`External reference: a person with “${value.externalRef}” is already on the record`)
      return reasons.length ? { reasons } : { value }
    })
    return { kind, ...plan, blank }
  }
  if (kind === 'matters') {
    const { rows, blank } = await readAll(parsed, mapping, (values) => readMatter(values, now))
    const twice = duplicates(rows, 'externalRef', 'matter')
    const ok = rows.flatMap((r) => (r.read.ok ? [r.read.value] : []))
    const [people, matters] = await Promise.all([
      lookup.people(unique(ok.map((m) => m.personRef))),
      lookup.matters(unique(ok.map((m) => m.externalRef))),
    ])
    const plan = split<MatterRow, PreparedMatter>(rows, (value, row) => {
      const reasons = [twice.get(row)].filter((r): r is string => r !== undefined)
      if (value.externalRef && matters.has(value.externalRef))
        reasons.push(`External reference: a matter with “${value.externalRef}” is already on the record`)
      const personId = people.get(value.personRef)
      if (!personId) reasons.push(`Person’s external reference: no person on the record has “${value.personRef}”`)
      return reasons.length || !personId ? { reasons } : { value: { ...value, personId } }
    })
    return { kind, ...plan, blank }
  }
  const { rows, blank } = await readAll(parsed, mapping, (values) => readContact(values, now))
  const ok = rows.flatMap((r) => (r.read.ok ? [r.read.value] : []))
  const [people, matters, staff] = await Promise.all([
    lookup.people(unique(ok.map((c) => c.personRef))),
    lookup.matters(unique(ok.map((c) => c.matterRef))),
    lookup.staff(unique(ok.map((c) => c.staffEmail))),
  ])
  const plan = split<ContactRow, PreparedContact>(rows, (value) => {
    const reasons: string[] = []
    const personId = people.get(value.personRef)
    if (!personId) reasons.push(`Person’s external reference: no person on the record has “${value.personRef}”`)
    let matterId: string | null = null
    if (value.matterRef) {
      const matter = matters.get(value.matterRef)
      if (!matter) reasons.push(`Matter’s external reference: no matter on the record has “${value.matterRef}”`)
      else if (personId && matter.personId !== personId)
        reasons.push(`Matter’s external reference: “${value.matterRef}” is not one of this person’s matters`)
      else matterId = matter.id
    }
    let staffUserId: string | null = null
    if (value.staffEmail) {
      staffUserId = staff.get(value.staffEmail) ?? null
      if (!staffUserId) reasons.push(`Staff member’s email: no staff user has “${value.staffEmail}”`)
    }
    return reasons.length || !personId ? { reasons } : { value: { ...value, personId, matterId, staffUserId } }
  })
  return { kind, ...plan, blank }
}
