import type { Db, Executor } from '../../db/database.ts'
import {
  checkCandidates,
  checkContact,
  type CheckMatter,
  type CheckRestriction,
  type CheckResult,
} from '../../domain/contact-check.ts'
import { londonDate } from '../../domain/london-time.ts'
import { Refusal } from '../../domain/refusal.ts'
import type { Actor } from '../../audit/audit.ts'
import { recordContact } from '../contacts/contacts.service.ts'
import { activeSafetyMarkers, recordMarkerViews } from '../safety-markers/safety-markers.service.ts'
import { identify, withDetails, type Candidate, type Identification } from './identify.ts'
import type { ContactCheckBody } from './schema.ts'
import { restrictionsOfPerson } from '../restrictions/restrictions.repository.ts'
import { restrictionTagsOf } from '../people/restriction-tags.ts'

export interface ContactCheckAnswer extends CheckResult {
  person: { id: string; fullName: string } | null
  candidates: Candidate[]
  identification: string
  /** P4: several people may be this one: the verdict and the safety markers are those of every candidate. */
  identityUncertain: boolean
  /** The matter the contact is about, when a matter reference identified it. */
  matterId: string | null
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
    if (input.record) {
      const message = 'Choose who this is before recording the contact'
      throw new Refusal(422, 'person_not_identified', message, { personId: message })
    }
    return uncertain(db, actor, input, who, { at, today, holidays })
  }
  const person = who.person
  let matter: CheckMatter | undefined
  // A matter reference identifies the matter as well as the person (F11: correspondence on a closed matter).
  const matterId = input.matterId ?? who.matterId
  if (matterId) {
    const row = await db
      .selectFrom('matter')
      .select(['id', 'type', 'service', 'reference', 'status', 'person_id'])
      .where('id', '=', matterId)
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
          matterId,
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
    identityUncertain: false,
    matterId: matter?.id ?? null,
    contactId,
    queued,
  }
}

/**
 * P4, K3: several people (or no one) match. The check is made for every candidate: the verdict is the most
 * restrictive of theirs and every candidate's safety-marker precautions are shown (each view recorded), until staff
 * know who this is. Candidates carry what tells them apart.
 */
async function uncertain(
  db: Db,
  actor: Actor,
  input: ContactCheckBody,
  who: Identification,
  when: { at: Date; today: string; holidays: Map<string, string> },
): Promise<ContactCheckAnswer> {
  const [detailed, tags] = await Promise.all([
    withDetails(db, who.candidates),
    restrictionTagsOf(
      db,
      who.candidates.map((c) => c.id),
      when.today,
    ),
  ])
  // Candidate lists show a "Restricted" tag with the service, and a safety-marker tag (never its reason).
  const candidates = detailed.map((c) => ({ ...c, tag: tags.get(c.id) }))
  const each = await Promise.all(
    candidates.map(async (c) => {
      const [markers, restrictions] = await Promise.all([
        activeSafetyMarkers(db, c.id),
        checkRestrictions(db, c.id, when.today),
      ])
      return { c, markers, restrictions }
    }),
  )
  const result = checkCandidates(
    each.map(({ c, markers, restrictions }) => ({
      person: { id: c.id, fullName: c.fullName, isCouncillor: false },
      restrictions,
      safetyMarkers: markers.map((m) => ({ precautions: m.precautions, reviewOn: m.reviewOn })),
      contact: {
        channel: input.channel,
        at: when.at,
        staffUserId: input.staffUserId ?? actor.id ?? undefined,
        service: input.service,
        regarding: input.regarding,
      },
      bankHolidays: when.holidays,
    })),
  )
  const markers = each.flatMap((e) => e.markers)
  if (markers.length > 0) {
    // K3: every view of a safety marker is recorded, a candidate's too.
    await db
      .transaction()
      .execute((trx) => recordMarkerViews(trx, actor, markers, 'contact check (identity uncertain)'))
  }
  const restricted = result ? result.verdict !== 'proceed' && result.verdict !== 'proceed_with_conditions' : false
  const ask = candidates.length
    ? `${who.note}. Ask for more details (address, date of birth, a reference) and check again before dealing with the substance${restricted ? ': at least one possible match has restrictions in force, so until you know, treat the contact as below' : ''}`
    : `${who.note}: no restriction is recorded against this contact`
  const markerNote =
    markers.length > 0
      ? [
          {
            rule: 'P4',
            text: 'One of these people has a staff-safety marker: follow its precautions until you know who this is',
          },
        ]
      : []
  if (!result) {
    return {
      verdict: 'proceed',
      person: null,
      candidates,
      identification: who.note,
      identityUncertain: false,
      matterId: null,
      reasons: [{ rule: 'V1', text: ask }],
      script: 'Deal with this contact in the usual way.',
      conditions: [],
      howToContact: [],
      safetyMarkers: [],
      contactId: null,
      queued: false,
    }
  }
  return {
    ...result,
    // The candidates' restrictions are not named: staff do not yet know whose they are (K7).
    reasons: [{ rule: 'V1', text: ask }, ...markerNote, ...result.reasons.filter((r) => r.rule !== 'V1')].map(
      ({ rule, text }) => ({ rule, text }),
    ),
    script:
      result.verdict === 'proceed' || result.verdict === 'proceed_with_conditions'
        ? 'Can I take a few details to make sure I have the right record?'
        : `Can I take a few details to make sure I have the right record? ${result.script}`,
    namedOfficer: undefined,
    deputy: undefined,
    person: null,
    candidates,
    identification: who.note,
    identityUncertain: true,
    matterId: null,
    contactId: null,
    queued: false,
  }
}
