import type { Transaction } from 'kysely'
import { z } from 'zod'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import type { Config } from '../../config.ts'
import type { Database, Executor } from '../../db/database.ts'
import type { AttentionThresholds } from '../../domain/attention.ts'
import type { Json } from '../../domain/audit-chain.ts'
import { nations, type Nation } from '../../domain/nations.ts'
import type { ProcedureSettings } from '../../domain/procedure.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'

// Issue 14: the council's settings in the service. An administrator's change is a row of council_setting, audited in
// the transaction that writes it (K4); a setting with no row is the environment's (config.ts), so a council that sets
// nothing here runs as before. Each instance keeps what it read for a few seconds and forgets it when it changes one.

/** The council's settings in force: what letters, deadlines and the attention list read. */
export interface CouncilSettings {
  councilName: string
  /** The return address on letters, one line per entry; empty when not set (no letter is issued then, F9). */
  councilAddress: string[]
  /** How a person can always reach the council (F9); '' when not set (no letter is issued then). */
  councilContact: string
  /** Which Ombudsman letters name and which bank holidays are kept. */
  nation: Nation
  /** A service's own contact details where they differ from the council's (letters about a case of that service). */
  serviceContacts: ServiceContact[]
  procedure: ProcedureSettings
  attention: AttentionThresholds
}

export interface ServiceContact {
  service: string
  contact: string
}

const count = (min: number, max: number) => z.number().int().min(min).max(max)

/** What each stored setting may hold. A stored value that no longer fits is not used: the environment's is. */
export const settingValues = {
  council_name: z.string().trim().min(1).max(120),
  return_address: z.array(z.string().trim().min(1).max(120)).min(1).max(8),
  contact: z.string().trim().min(1).max(1000),
  nation: z.enum(nations),
  service_contacts: z
    .array(z.object({ service: z.string().trim().min(1).max(120), contact: z.string().trim().min(1).max(1000) }))
    .max(100),
  // The same bounds as the environment's (config.ts).
  procedure: z
    .object({
      monitoringWeeks: count(1, 52),
      maxRestrictionMonths: count(1, 36),
      firstReviewWithinMonths: count(1, 12),
      ratificationWorkingDays: count(1, 60),
      challengeWorkingDays: count(1, 60),
    })
    .partial(),
  attention: z
    .object({
      contacts7Days: count(1, 100_000),
      contacts30Days: count(1, 100_000),
      ratioToHistory: z.number().min(1).max(1000),
      closedMatterContacts90Days: count(1, 100_000),
      channels7Days: count(2, 100),
      staff30Days: count(2, 100_000),
      staffMinutes30Days: count(1, 1_000_000),
    })
    .partial(),
} as const

export type SettingKey = keyof typeof settingValues
export type SettingValue<K extends SettingKey> = z.output<(typeof settingValues)[K]>
export const settingKeys = Object.keys(settingValues) as SettingKey[]

/** The environment's settings: what is in force until an administrator changes one. */
export function environmentSettings(config: Config): CouncilSettings {
  return {
    councilName: config.councilName,
    councilAddress: config.councilAddress,
    councilContact: config.councilContact,
    nation: config.councilNation,
    serviceContacts: [],
    procedure: config.procedure,
    attention: config.attention,
  }
}

type Stored = { [K in SettingKey]?: SettingValue<K> }

function effective(config: Config, stored: Stored): CouncilSettings {
  const env = environmentSettings(config)
  return {
    councilName: stored.council_name ?? env.councilName,
    councilAddress: stored.return_address ?? env.councilAddress,
    councilContact: stored.contact ?? env.councilContact,
    nation: stored.nation ?? env.nation,
    serviceContacts: stored.service_contacts ?? env.serviceContacts,
    procedure: { ...env.procedure, ...stored.procedure },
    attention: { ...env.attention, ...stored.attention },
  }
}

async function storedSettings(db: Executor): Promise<Stored> {
  const rows = await db.selectFrom('council_setting').select(['key', 'value']).execute()
  const stored: Record<string, unknown> = {}
  for (const row of rows) {
    const schema = settingValues[row.key as SettingKey] as z.ZodType | undefined
    const parsed = schema?.safeParse(row.value)
    if (parsed?.success) stored[row.key] = parsed.data
  }
  return stored as Stored
}

/** How long an instance keeps the settings it read before reading them again (another instance may change them). */
const FRESH_FOR_MS = 5_000
// What was stored, by database; the environment's values are read from the config at every use, never copied.
const cache = new WeakMap<object, { stored: Stored; readAt: number }>()

interface Holder {
  db: Executor
  config: Config
}

/** The settings in force, read from the database at most every few seconds per instance (and after every change). */
export async function councilSettings(services: Holder): Promise<CouncilSettings> {
  const held = cache.get(services.db)
  if (held && performance.now() - held.readAt < FRESH_FOR_MS) return effective(services.config, held.stored)
  const stored = await storedSettings(services.db)
  cache.set(services.db, { stored, readAt: performance.now() })
  return effective(services.config, stored)
}

/**
 * The settings this instance last read, without waiting: what a request reads (each request reads them first, see
 * readSettingsFirst in routes.ts), and the environment's before the first read.
 */
export function currentCouncilSettings(services: Holder): CouncilSettings {
  return effective(services.config, cache.get(services.db)?.stored ?? {})
}

/**
 * After a change is committed: the next read goes to the database. What was read is kept until then, so a request
 * already under way never falls back to the environment's values.
 */
export function forgetCouncilSettings(db: Executor): void {
  const held = cache.get(db)
  if (held) held.readAt = Number.NEGATIVE_INFINITY
}

/** What a setting holds now, as stored (undefined: the environment's). */
export async function storedSetting<K extends SettingKey>(db: Executor, key: K): Promise<SettingValue<K> | undefined> {
  const stored = await storedSettings(db)
  return stored[key] as SettingValue<K> | undefined
}

/**
 * Issue 14: an administrator changes one of the council's settings, audited with what it was and what it is now (K4),
 * in the caller's transaction. A value that does not fit is refused and nothing is stored. Call
 * forgetCouncilSettings(db) once the transaction has committed.
 */
export async function changeCouncilSetting<K extends SettingKey>(
  trx: Transaction<Database>,
  actor: Actor,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  const parsed = (settingValues[key] as z.ZodType).safeParse(value)
  if (!parsed.success) throw new Refusal(422, 'invalid_setting', 'That setting is not valid')
  const before = await trx
    .selectFrom('council_setting')
    .select('value')
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirst()
  const json = JSON.stringify(parsed.data)
  await trx
    .insertInto('council_setting')
    .values({ key, value: json, updated_by: actor.id, updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: actor.id, updated_at: new Date() }))
    .execute()
  await appendAuditEntry(trx, actor, {
    action: 'council_setting.changed',
    objectType: 'council_setting',
    objectId: key,
    before: { [key]: (before?.value ?? null) as Json },
    after: { [key]: parsed.data as Json },
  })
}

/** Issue 14: what letters a staff user signs call them ("Head of Housing"); none: the name of their role. Audited. */
export async function changeJobTitle(
  trx: Transaction<Database>,
  actor: Actor,
  staffId: string,
  jobTitle: string | null,
): Promise<void> {
  const held = await trx
    .selectFrom('staff_user')
    .select('job_title')
    .where('id', '=', staffId)
    .forUpdate()
    .executeTakeFirst()
  if (!held) throw notFound('Staff user')
  await trx
    .updateTable('staff_user')
    .set({ job_title: jobTitle, updated_at: new Date() })
    .where('id', '=', staffId)
    .execute()
  await appendAuditEntry(trx, actor, {
    action: 'staff.job_title_changed',
    objectType: 'staff_user',
    objectId: staffId,
    before: { jobTitle: held.job_title },
    after: { jobTitle },
  })
}
