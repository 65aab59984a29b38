import fs from 'node:fs'
import path from 'node:path'
import type { Executor } from '../db/database.ts'
import { parseCheckpoint, signCheckpoint, type AuditKey, type Checkpoint } from '../domain/audit-chain.ts'

// K4 (issue 12): checkpoints anchor the trail outside the database. Each is the head of the trail (its last entry's
// sequence and hash, and the time), signed with the audit key, appended as one JSON line to a file in
// AUDIT_CHECKPOINT_DIR (the data directory unless set). `audit verify` reads them back: the trail must still hold every
// entry a checkpoint covered, exactly as it was. Whoever can change the database cannot change the file's signatures,
// and whoever can change the file cannot sign a checkpoint without the key.

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl'

export const checkpointFile = (dir: string) => path.join(dir, CHECKPOINT_FILE)

/** The head of the trail now, signed; null when the trail is empty. */
export async function signedHead(db: Executor, key: AuditKey, now: Date): Promise<Checkpoint | null> {
  const last = await db
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!last) return null
  return signCheckpoint(key, { seq: last.seq, hash: last.hash, at: now.toISOString() })
}

/** Appends one checkpoint to the file (created readable by its owner only), and waits until it is on disk. */
export function appendCheckpoint(file: string, checkpoint: Checkpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const fd = fs.openSync(file, 'a', 0o600)
  try {
    fs.writeSync(fd, `${JSON.stringify(checkpoint)}\n`)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

export interface CheckpointsRead {
  checkpoints: (Checkpoint & { line: number })[]
  /** Lines that are not checkpoints at all (line numbers from 1). */
  unreadable: number[]
  /** False when there is no checkpoint file yet. */
  exists: boolean
}

export function readCheckpoints(file: string): CheckpointsRead {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], unreadable: [], exists: false }
    throw error
  }
  const checkpoints: (Checkpoint & { line: number })[] = []
  const unreadable: number[] = []
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    const checkpoint = parseCheckpoint(line)
    if (checkpoint) checkpoints.push({ ...checkpoint, line: index + 1 })
    else unreadable.push(index + 1)
  })
  return { checkpoints, unreadable, exists: true }
}
