import type { Config } from '../../config.ts'
import type { Db } from '../../db/database.ts'
import { londonDate } from '../../domain/london-time.ts'
import { refreshAttention } from '../attention/attention.service.ts'
import { writeLapsedInterims } from '../proposals/interim-lapse.service.ts'
import { writeCheckpoint } from '../audit/audit.service.ts'
import { planReminders, type ReminderJob } from './reminders.service.ts'
import { councilSettings } from '../settings/settings.service.ts'

export interface DailyContext {
  db: Db
  config: Config
  now: () => Date
  /** Queues one reminder (a `reminders.send` job): the job sends it, once. */
  queueReminders: (jobs: ReminderJob[]) => Promise<void>
  log: { info: (obj: object, msg: string) => void; error?: (obj: object, msg: string) => void }
}

export interface DailyTask {
  name: string
  run: (context: DailyContext) => Promise<void>
}

/**
 * Everything that runs once a day (07:00 UK time), in one place. Each task runs on one instance only (the daily job
 * is a pg-boss job) and must be safe to run twice. Add a task here to have it run daily.
 */
export const dailyTasks: DailyTask[] = [
  {
    // F8, F9: an interim restriction not ratified in time has lapsed; the person is written to, once (before the
    // reminders are planned, so the due list they read no longer holds the letters just issued).
    name: 'lapsed interim restrictions',
    run: async ({ db, config, now, log }) => {
      const at = now()
      const council = await councilSettings({ db, config }) // issue 14: the council's settings in force
      const ctx = {
        now: at,
        today: londonDate(at),
        settings: council.procedure,
        council: {
          name: council.councilName,
          addressLines: council.councilAddress,
          contact: council.councilContact,
          nation: council.nation,
          serviceContacts: council.serviceContacts,
        },
      }
      const written = await writeLapsedInterims(db, ctx)
      log.info({ today: ctx.today, letters: written.length }, 'lapsed interim restrictions written to')
    },
  },
  {
    name: 'reminders',
    run: async ({ db, config, now, queueReminders, log }) => {
      const today = londonDate(now())
      const jobs = await planReminders(db, today, config.reminderDaysBefore)
      await queueReminders(jobs)
      log.info({ today, reminders: jobs.length }, 'reminders planned')
    },
  },
  {
    // P1: the attention list is kept incrementally; a new day moves every person's windows on.
    name: 'attention',
    run: async ({ db, config, now, log }) => {
      const today = londonDate(now())
      const result = await refreshAttention(db, today, (await councilSettings({ db, config })).attention)
      log.info({ today, ...result }, 'attention list refreshed')
    },
  },
  {
    // K4 (issue 12): the head of the audit trail, signed with the audit key, kept outside the database (the checkpoint
    // file, the log, and the auditors' email when set) every day; last, so it anchors the other tasks' entries too.
    name: 'audit checkpoint',
    run: async ({ db, config, now, log }) => {
      await writeCheckpoint(db, config, { now: now(), log })
    },
  },
]
