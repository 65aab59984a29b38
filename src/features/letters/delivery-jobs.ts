import type PgBoss from 'pg-boss'
import type { Db } from '../../db/database.ts'
import { sendLetter, takeLettersToSend, TransientSendError, type LetterSenders } from './delivery.ts'

// F9 (issue 14): letters are sent after the transaction that issues them, by jobs on the queue (pg-boss). Every
// minute a dispatcher queues one job for each letter waiting to be sent; each job sends its letter at most once
// (sendLetter locks the delivery row) and is retried by the queue when Notify or the mail server fails for a while.

export const LETTER_DISPATCH_QUEUE = 'fair-contact-letter-dispatch'
export const LETTER_SEND_QUEUE = 'fair-contact-letter-send'
const EVERY_MINUTE = '* * * * *'

export interface LetterJobOptions {
  db: Db
  senders: LetterSenders
  now: () => Date
  log: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void }
  pollingIntervalSeconds: number
  /** Seconds before the first retry (doubled each time); a minute by default. */
  retryDelaySeconds?: number
}

/** Queues a sending job for each letter waiting to be sent; returns how many. */
export async function dispatchLetters(boss: PgBoss, db: Db, now: Date, retryDelay = 60): Promise<number> {
  const letters = await takeLettersToSend(db, now)
  if (letters.length === 0) return 0
  await boss.insert(
    letters.map((letterId) => ({
      name: LETTER_SEND_QUEUE,
      data: { letterId },
      singletonKey: letterId,
      // sendLetter marks the letter failed on its last attempt (MAX_SEND_ATTEMPTS: this first try and 3 retries).
      retryLimit: 3,
      retryDelay,
      retryBackoff: true,
    })),
  )
  return letters.length
}

export async function startLetterJobs(boss: PgBoss, options: LetterJobOptions): Promise<void> {
  const { db, senders, now, log } = options
  const retryDelay = options.retryDelaySeconds ?? 60
  for (const name of [LETTER_DISPATCH_QUEUE, LETTER_SEND_QUEUE]) {
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, { name, retryLimit: 3, retryDelay, retryBackoff: true }).catch(async (error) => {
        // Another instance created it at the same moment.
        if (!(await boss.getQueue(name))) throw error
      })
    }
  }
  await boss.schedule(LETTER_DISPATCH_QUEUE, EVERY_MINUTE, {}, { tz: 'Europe/London' })
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds }
  await boss.work(LETTER_DISPATCH_QUEUE, polling, async () => {
    const queued = await dispatchLetters(boss, db, now(), retryDelay)
    if (queued > 0) log.info({ letters: queued }, 'letters queued to send')
  })
  await boss.work<{ letterId: string }>(LETTER_SEND_QUEUE, polling, async (jobs) => {
    for (const job of jobs) {
      try {
        const outcome = await sendLetter(db, senders, job.data.letterId, now)
        log.info({ letter: job.data.letterId, outcome }, 'letter')
      } catch (error) {
        if (error instanceof TransientSendError)
          log.error({ letter: job.data.letterId, err: error }, 'letter not sent yet')
        throw error
      }
    }
  })
}
