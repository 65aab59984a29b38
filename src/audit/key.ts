import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { AuditKey } from '../domain/audit-chain.ts'

// K4 (issue 12): the key the audit trail is signed with. It is kept outside the database, so that whoever can write
// to the database cannot rewrite the trail without it being seen: in AUDIT_KEY, in the file AUDIT_KEY_FILE names, or
// (outside production) in audit.key in the data directory, created on first start, readable by its owner only.

export interface AuditKeySettings {
  /** AUDIT_KEY: the key itself. */
  key: string | undefined
  /** AUDIT_KEY_FILE, or audit.key in the data directory when neither is set. */
  keyFile: string
  /** Outside production, with neither setting, the key file is created on first start. */
  generate: boolean
}

export const MIN_KEY_LENGTH = 32

export class AuditKeyError extends Error {}

export interface LoadedKey {
  key: AuditKey
  /** Where the key came from, for the log: never the key. */
  source: string
  /** True when this call created the key file. */
  created: boolean
}

/** Reads the audit key from the settings, creating the key file in the data directory if allowed and absent. */
export function loadAuditKey(settings: AuditKeySettings): LoadedKey {
  if (settings.key !== undefined)
    return { key: keyFrom(settings.key, 'AUDIT_KEY'), source: 'AUDIT_KEY', created: false }
  const file = settings.keyFile
  let created = false
  if (settings.generate && !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    try {
      // 'wx': never overwrite a key another process has just written. Owner read and write only.
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 })
      created = true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new AuditKeyError(
      code === 'ENOENT'
        ? `The audit key file ${file} does not exist. Set AUDIT_KEY or AUDIT_KEY_FILE to the key the audit trail is signed with.`
        : `The audit key file ${file} cannot be read (${code ?? String(error)}).`,
    )
  }
  return { key: keyFrom(text, file), source: file, created }
}

function keyFrom(text: string, where: string): AuditKey {
  const trimmed = text.trim()
  if (trimmed.length < MIN_KEY_LENGTH) {
    throw new AuditKeyError(
      `The audit key in ${where} is too short: it must be at least ${MIN_KEY_LENGTH} characters (for example 64 hexadecimal digits from \`openssl rand -hex 32\`).`,
    )
  }
  return Buffer.from(trimmed, 'utf8')
}

// One service, one key: the process's key, set once at start (serve, the CLI) and by the tests' database helper.
let current: AuditKey | undefined

export function useAuditKey(key: AuditKey): void {
  current = key
}

/** The audit key in use; appending or verifying without one is refused rather than done unsigned. */
export function auditKey(): AuditKey {
  if (!current) throw new AuditKeyError('The audit key is not loaded: the audit trail cannot be written or verified.')
  return current
}
