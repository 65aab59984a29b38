import type { Db, Executor } from '../../db/database.ts'
import { checkContact, type CheckMatter, type CheckRestriction, type CheckResult } from '../../domain/contact-check.ts'
import { londonDate } from '../../domain/london-time.ts'
import { inForce } from '../../domain/restrictions.ts'
import { Refusal } from '../../domain/refusal.ts'
import type { Actor } from '../../audit/audit.ts'
import { recordContact } from '../contacts/contacts.service.ts'
import { activeSafetyMarkers, recordMarkerViews } from '../safety-markers/safety-markers.service.ts'
import { identify, type Candidate } from './identify.ts'
import type { ContactCheckBody } from './schema.ts'
import { restrictionsOfPerson } from '../restrictions/restrictions.repository.ts'

export interface ContactCheckAnswer extends CheckResult {
  person: { id: string; fullName: string } | null
  candidates: Candidate[]
  identification: string
  contactId: string | null
  queued: boolean
}

// The bank holidays change a few times a year (an administrator loads GOV.UK's file); the check runs on every call.
// Each instance keeps them for a minute; loading a new file forgets them here at once (other instances within a minute).
const HOLIDAYS_TTL_MS = 60_000
let holidayCache: { db: Executor; at: number; names: Map<string, string> } | undefined

export async function holidayNames(db: Executor): Promise<Map<string, string>> {
  const now = Date.now()
  if (holidayCache && holidayCache.db === db && now - holidayCache.at < HOLIDAYS_TTL_MS) return holidayCache.names
  const rows = await db.selectFrom('bank_holiday').select(['on', 'title']).execute()
  const names = new Map(rows.map((r) => [r.on, r.title]))
  holidayCache = { db, at: now, names }
  return names
}

/** Called when an administrator loads new bank holidays. */
export function forgetBankHolidays(): void {
  holidayCache = undefined
}

/** The person's restrictions with the names and absences the verdict needs (F5b, F5e). */
async function checkRestrictions(db: Executor, personId: string, today: string): Promise<CheckRestriction[]> {
  const rows = await restrictionsOfPerson(db, personId)
  const staffIds = new Set<string>()
  const matterIds = new Set<string>()
  for (const r of rows) {
    if (r.spec.type === 'named_contact') {
      staffIds.add(r.spec.staffUserId)
      if (r.spec.deputyStaffUserId) staffIds.add(r.spec.deputyStaffUserId)
    }
    if (r.spec.type === 'matter_closed') matterIds.add(r.spec.matterId)
  }
  const staff = staffIds.size
    ? await db
        .selectFrom('staff_user')
        .select(['id', 'name', 'absent_until', 'disabled_at'])
        .where('id', 'in', [...staffIds])
        .execute()
    : []
  const matters = matterIds.size
    ? await db
        .selectFrom('matter')
        .select(['id', 'reference', 'subject'])
        .where('id', 'in', [...matterIds])
        .execute()
    : []
  const member = (id: string | undefined) => {
    const s = staff.find((x) => x.id === id)
    if (!s) return undefined
    // A disabled account, or one marked away until today or later, is absent.
    const absent = s.disabled_at !== null || (s.absent_until !== null && s.absent_until >= today)
    return { id: s.id, name: s.name, absent }
  }
  return rows.map((r) => {
    const spec = r.spec
    return {
      ...r.state,
      id: r.id,
      terms: spec,
      namedOfficer: spec.type === 'named_contact' ? member(spec.staffUserId) : undefined,
      deputy: spec.type === 'named_contact' ? member(spec.deputyStaffUserId) : undefined,
      matter: spec.type === 'matter_closed' ? matters.find((m) => m.id === spec.matterId) : undefined,
    }
  })
}

async function candidateRestricted(db: Executor, candidates: Candidate[], today: string): Promise<boolean> {
  for (const c of candidates) {
    const rows = await restrictionsOfPerson(db, c.id)
    if (rows.some((r) => inForce(r.state, today))) return true
  }
  return false
}

/**
 * V1–V5: may staff deal with this contact, and how? Identifies the person (or lists the candidates), applies the
 * verdict engine, records the safety-marker views (K3) and, when asked, the attempt as a contact (K1) — which puts
 * correspondence on a closed matter in the queue (F11).
 */
export async function runContactCheck(
  db: Db,
  actor: Actor,
  input: ContactCheckBody,
  now: Date,
): Promise<ContactCheckAnswer> {
  const at = input.at ?? now
  const today = londonDate(at)
  // Reads first, without a transaction (the answer is advice for this moment); a transaction only when something is
  // written: the safety-marker views (K3) and, when asked, the contact (K1). Three or four round trips in all.
  const [who, holidays] = await Promise.all([identify(db, input), holidayNames(db)])
  if (!who.person) {
    const restricted = await candidateRestricted(db, who.candidates, today)
    const text = who.candidates.length
      ? `${who.note}. Ask for more details (address, date of birth, a reference) and check again before dealing with the substance${restricted ? ': at least one possible match has restrictions in force' : ''}`
      : `${who.note}: no restriction is recorded against this contact`
    if (input.record) {
      const message = 'Choose who this is before recording the contact'
      throw new Refusal(422, 'person_not_identified', message, { personId: message })
    }
    return {
      verdict: 'proceed',
      person: null,
      candidates: who.candidates,
      identification: who.note,
      reasons: [{ rule: 'V1', text }],
      script: who.candidates.length
        ? 'Can I take a few details to make sure I have the right record?'
        : 'Deal with this contact in the usual way.',
      conditions: [],
      howToContact: [],
      safetyMarkers: [],
      contactId: null,
      queued: false,
    }
  }
  const person = who.person
  let matter: CheckMatter | undefined
  if (input.matterId) {
    const row = await db
      .selectFrom('matter')
      .select(['id', 'type', 'service', 'reference', 'status', 'person_id'])
      .where('id', '=', input.matterId)
      .executeTakeFirst()
    if (!row || row.person_id !== person.id) {
      const message = 'Choose a matter of this person'
      throw new Refusal(422, 'unknown_matter', message, { matterId: message })
    }
    matter = { id: row.id, type: row.type, service: row.service, reference: row.reference, status: row.status }
  }
  const [markers, restrictions] = await Promise.all([
    activeSafetyMarkers(db, person.id),
    checkRestrictions(db, person.id, today),
  ])
  const result = checkContact({
    person,
    restrictions,
    safetyMarkers: markers.map((m) => ({ precautions: m.precautions, reviewOn: m.reviewOn })),
    contact: {
      channel: input.channel,
      at,
      staffUserId: input.staffUserId ?? actor.id ?? undefined,
      matter,
      service: input.service,
      regarding: input.regarding,
    },
    bankHolidays: holidays,
  })
  let contactId: string | null = null
  let queued = false
  if (input.record && actor.id === null)
    throw new Refusal(403, 'forbidden', 'Only a member of staff can record a contact')
  if (markers.length > 0 || input.record) {
    await db.transaction().execute(async (trx) => {
      // K3: every view of a safety marker is recorded.
      await recordMarkerViews(trx, actor, markers, 'contact check')
      if (!input.record) return
      contactId = await recordContact(
        trx,
        actor,
        {
          personId: person.id,
          channel: input.channel,
          direction: 'inbound',
          at,
          matterId: input.matterId,
          summary: input.summary?.trim() || `Contact attempt: ${result.verdict.replace(/_/g, ' ')}`,
          staffUserId: input.staffUserId,
        },
        now,
      )
      queued =
        (await trx
          .selectFrom('closed_matter_item')
          .select('id')
          .where('contact_id', '=', contactId)
          .executeTakeFirst()) !== undefined
    })
  }
  return {
    ...result,
    person: { id: person.id, fullName: person.fullName },
    candidates: [],
    identification: who.note,
    contactId,
    queued,
  }
}
