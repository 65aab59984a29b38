import type { Config } from '../../config.ts'
import type { Db } from '../../db/database.ts'
import { bringTrailUnderKey } from '../../audit/audit.ts'
import { appendCheckpoint, checkpointFile, readCheckpoints, signedHead } from '../../audit/checkpoint.ts'
import { auditKey, loadAuditKey, useAuditKey } from '../../audit/key.ts'
import { verifyAuditTrail, type VerifyReport } from '../../audit/verify.ts'
import { describeProblem, type Checkpoint } from '../../domain/audit-chain.ts'
import { createMailer, type Mailer } from '../reminders/mailer.ts'

// K4 (issue 12): the audit trail's key and checkpoints, for the service (at start, and the daily job) and the CLI.

export interface AuditLog {
  info: (obj: object, msg: string) => void
  error?: (obj: object, msg: string) => void
}

/**
 * Loads the audit key and uses it: creates audit.key in DATA_DIR on first start outside production, unless told not
 * to (reading the trail never creates a key).
 */
export function useConfiguredAuditKey(
  config: Config,
  options: { generate?: boolean } = {},
): { source: string; created: boolean } {
  const loaded = loadAuditKey({
    key: config.audit.key,
    keyFile: config.audit.keyFile,
    generate: config.audit.generateKey && (options.generate ?? true),
  })
  useAuditKey(loaded.key)
  return { source: loaded.source, created: loaded.created }
}

/**
 * At start: the key loaded, and the trail brought under it if it is not yet (an entry saying so); when it has just
 * been, a checkpoint anchors that entry outside the database at once.
 */
export async function openAuditTrail(db: Db, config: Config, log: AuditLog, now: Date = new Date()) {
  const key = useConfiguredAuditKey(config)
  if (key.created) log.info({ auditKeyFile: key.source }, 'audit key created: keep a copy of it somewhere safe')
  const keyedAt = await bringTrailUnderKey(db)
  if (keyedAt === null) return { ...key, keyedAt, checkpoint: null }
  log.info({ seq: keyedAt }, 'the audit trail was brought under the audit key')
  // A legacy chain already broken is recorded in the keying entry and reported by `audit verify`; it does not stop
  // the service.
  const checkpoint = await writeCheckpoint(db, config, { now, log }).catch((error: unknown) => {
    if (!(error instanceof TrailTampered)) throw error
    log.error?.({ problem: error.report.problem }, error.message)
    return null
  })
  return { ...key, keyedAt, checkpoint }
}

export interface CheckpointWritten {
  checkpoint: Checkpoint
  file: string
  /** Who it was emailed to, or why it was not. */
  emailed: string[]
  notEmailed: string | null
  /** Records changed behind the service's back, found on the way (logged; they do not stop the checkpoint). */
  report: VerifyReport
}

export class TrailTampered extends Error {
  constructor(readonly report: VerifyReport) {
    super(
      `Not checkpointed: the audit trail has been tampered with. ${report.problem ? describeProblem(report.problem) : ''}`,
    )
  }
}

/**
 * K4: writes a signed head of the trail (sequence, hash, time) outside the database: appended to the checkpoint file,
 * to the log, and emailed to AUDIT_CHECKPOINT_EMAIL when SMTP is set up. The trail is verified first: a checkpoint
 * never vouches for a chain that is already broken (TrailTampered, nothing written). Records changed behind the
 * service's back do not stop it (the chain itself is what it anchors), but are logged as errors.
 */
export async function writeCheckpoint(
  db: Db,
  config: Config,
  options: { now: Date; log: AuditLog; mailer?: Mailer },
): Promise<CheckpointWritten | null> {
  const { now, log } = options
  const file = checkpointFile(config.audit.checkpointDir)
  const report = await verifyTrail(db, file)
  if (report.problem) throw new TrailTampered(report)
  if (report.rows.problems.length > 0) {
    log.error?.(
      { changedOutsideFairContact: report.rows.problems.slice(0, 20) },
      `${report.rows.problems.length} records were changed outside Fair Contact: run npx fair-contact audit verify`,
    )
  }
  const checkpoint = await signedHead(db, auditKey(), now)
  if (!checkpoint) return null
  appendCheckpoint(file, checkpoint)
  log.info({ auditCheckpoint: checkpoint, file }, 'audit checkpoint')
  const recipients = config.audit.checkpointEmails
  let notEmailed: string | null = null
  const emailed: string[] = []
  if (recipients.length > 0) {
    const mailer = options.mailer ?? createMailer(config.smtp)
    try {
      for (const to of recipients) {
        const delivery = await mailer.send(checkpointEmail(to, checkpoint, config.councilName))
        if (delivery.status === 'sent') emailed.push(to)
        else notEmailed = delivery.error
      }
    } catch (error) {
      notEmailed = error instanceof Error ? error.message : String(error)
      log.error?.({ err: error }, 'audit checkpoint not emailed')
    } finally {
      if (!options.mailer) mailer.close()
    }
  }
  return { checkpoint, file, emailed, notEmailed, report }
}

function checkpointEmail(to: string, checkpoint: Checkpoint, councilName: string) {
  const line = JSON.stringify(checkpoint)
  const text = [
    `Fair Contact (${councilName}) audit checkpoint: the audit trail had ${checkpoint.seq} entries at ${checkpoint.at}.`,
    '',
    'Keep this email. It is the signed head of the trail, kept outside the database: if entries it covers are later',
    'removed or changed, `npx fair-contact audit verify` fails against it. To check the trail against this copy,',
    'save the line below to a file and run `npx fair-contact audit verify --checkpoints FILE`.',
    '',
    line,
  ].join('\n')
  const html = `<p>Fair Contact (${escapeHtml(councilName)}) audit checkpoint: the audit trail had ${checkpoint.seq} entries at ${escapeHtml(checkpoint.at)}.</p><p>Keep this email. It is the signed head of the trail, kept outside the database: if entries it covers are later removed or changed, <code>npx fair-contact audit verify</code> fails against it. To check the trail against this copy, save the line below to a file and run <code>npx fair-contact audit verify --checkpoints FILE</code>.</p><pre>${escapeHtml(line)}</pre>`
  return { to, subject: `Audit checkpoint: entry ${checkpoint.seq}`, text, html }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)

/** Verifies the trail with the key in use, against the checkpoints in `file`. */
export async function verifyTrail(
  db: Db,
  file: string,
): Promise<VerifyReport & { checkpointFile: string; fileExists: boolean }> {
  const read = readCheckpoints(file)
  const report = await verifyAuditTrail(db, { checkpoints: read.checkpoints, unreadableCheckpoints: read.unreadable })
  return { ...report, checkpointFile: file, fileExists: read.exists }
}
