import PgBoss from 'pg-boss'
import type { Config } from '../../config.ts'
import type { DatabaseHandle } from '../../db/connect.ts'
import { dailyTasks, type DailyContext } from './daily-tasks.ts'
import { createMailer, type Mailer } from './mailer.ts'
import { startLetterJobs } from '../letters/delivery-jobs.ts'
import { letterSenders } from '../letters/delivery.ts'
import { pgBossDb } from './pg-boss-db.ts'
import { deliverReminder, reminderKey, type ReminderJob } from './reminders.service.ts'

export const DAILY_QUEUE = 'fair-contact-daily'
export const SEND_QUEUE = 'fair-contact-reminder'
/** Every day at 07:00 in the UK, across the clock changes. */
export const DAILY_CRON = '0 7 * * *'

export interface SchedulerLog {
  info: (obj: object, msg: string) => void
  error: (obj: object, msg: string) => void
}

export interface Scheduler {
  boss: PgBoss
  /** Runs the daily tasks now, as the 07:00 schedule would (queues a daily job). */
  runDailyNow: () => Promise<void>
  /** Stops taking jobs, lets those in progress finish, and stops; the database stays open for its owner to close. */
  stop: () => Promise<void>
}

export interface SchedulerOptions {
  config: Config
  now: () => Date
  log: SchedulerLog
  mailer?: Mailer
  /** How often idle workers look for jobs (pg-boss: at least 0.5 seconds). */
  pollingIntervalSeconds?: number
  /** Seconds before a letter's first retry (tests shorten it). */
  letterRetryDelaySeconds?: number
}

/**
 * The scheduled jobs (issue 6), on pg-boss in our own database: a daily job at 07:00 Europe/London plans the
 * reminders, and one job per reminder sends it. Several instances may run this: pg-boss gives each job to one worker,
 * and the reminder log's unique key makes each email go exactly once even if a job is run twice.
 */
export async function startScheduler(handle: DatabaseHandle, options: SchedulerOptions): Promise<Scheduler> {
  const { config, now, log } = options
  const mailer = options.mailer ?? createMailer(config.smtp)
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }
  const boss = new PgBoss({
    db: pgBossDb(handle),
    // The service's clock and time zone decide "today"; pg-boss keeps its own tables in the schema `pgboss`.
    schedule: true,
    supervise: true,
    migrate: true,
  })
  boss.on('error', (error: unknown) => log.error({ err: error }, 'scheduler error'))
  await boss.start()
  for (const name of [DAILY_QUEUE, SEND_QUEUE]) {
    if (!(await boss.getQueue(name))) {
      await boss
        .createQueue(name, { name, retryLimit: 3, retryDelay: 60, retryBackoff: true })
        .catch(async (error: unknown) => {
          // Another instance created it at the same moment.
          if (!(await boss.getQueue(name))) throw error
        })
    }
  }
  await boss.schedule(DAILY_QUEUE, DAILY_CRON, {}, { tz: 'Europe/London' })

  const context: DailyContext = {
    db: handle.db,
    config,
    now,
    log,
    queueReminders: async (jobs: ReminderJob[]) => {
      if (jobs.length === 0) return
      await boss.insert(
        jobs.map((data) => ({
          name: SEND_QUEUE,
          data,
          singletonKey: reminderKey(data),
          retryLimit: 3,
          retryDelay: 60,
          retryBackoff: true,
        })),
      )
    },
  }

  await boss.work(DAILY_QUEUE, polling, async () => {
    const failed: string[] = []
    for (const task of dailyTasks) {
      try {
        await task.run(context)
      } catch (error) {
        // One task failing does not stop the others; the job fails, and is retried, after they have all run.
        log.error({ err: error, task: task.name }, 'daily task failed')
        failed.push(task.name)
      }
    }
    if (failed.length) throw new Error(`daily tasks failed: ${failed.join(', ')}`)
  })
  await boss.work<ReminderJob>(SEND_QUEUE, polling, async (jobs) => {
    for (const job of jobs) {
      const result = await deliverReminder(handle.db, mailer, config.baseUrl, job.data, now)
      log.info({ reminder: reminderKey(job.data), result }, 'reminder')
    }
  })
  // F9 (issue 14): letters are sent by their own jobs, after the transaction that issued them.
  await startLetterJobs(boss, {
    db: handle.db,
    senders: letterSenders(config, mailer),
    now,
    log,
    pollingIntervalSeconds: polling.pollingIntervalSeconds,
    ...(options.letterRetryDelaySeconds !== undefined && { retryDelaySeconds: options.letterRetryDelaySeconds }),
  })

  return {
    boss,
    runDailyNow: async () => {
      await boss.send(DAILY_QUEUE, {})
    },
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
      mailer.close()
    },
  }
}
