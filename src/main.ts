import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import type { DatabaseHandle } from './db/connect.ts'
import { openDatabase } from './db/open.ts'
import { createServices } from './services.ts'
import { firstAdministratorLink } from './features/staff/staff.service.ts'
import { startScheduler, type Scheduler } from './features/reminders/scheduler.ts'
import { openAuditTrail } from './features/audit/audit.service.ts'

/**
 * Stops taking new connections, lets the requests in flight finish, then closes the database. Gives up after
 * `timeoutMs` so a stuck request cannot keep a stopping instance alive for ever.
 */
export async function gracefulShutdown(
  app: FastifyInstance,
  handle: DatabaseHandle,
  timeoutMs = 20_000,
): Promise<void> {
  const timer = setTimeout(() => {
    app.log.error(`shutdown took longer than ${timeoutMs / 1000} seconds; exiting`)
    process.exit(1)
  }, timeoutMs)
  timer.unref()
  try {
    await app.close()
  } finally {
    await handle.close()
    clearTimeout(timer)
  }
}

/** Starts the service: database, migrations, first-run link, HTTP; closes cleanly on SIGTERM or SIGINT. */
export async function serve(config: Config): Promise<FastifyInstance> {
  const handle = await openDatabase(config)
  let app: FastifyInstance | undefined
  let scheduler: Scheduler | undefined
  try {
    const services = createServices(handle, config)
    app = await buildApp(services)
    // The scheduled jobs (reminders, issue 6) stop with the server, before the database closes.
    app.addHook('onClose', async () => {
      await scheduler?.stop()
    })
    const log = app.log
    // K4: the audit key loaded (or created in DATA_DIR on first start) and the trail brought under it, before any change.
    await openAuditTrail(handle.db, config, {
      info: (obj, msg) => log.info(obj, msg),
      error: (obj, msg) => log.error(obj, msg),
    })
    scheduler = await startScheduler(handle, {
      config,
      now: services.now,
      log: { info: (obj, msg) => log.info(obj, msg), error: (obj, msg) => log.error(obj, msg) },
    })
    await announceFirstAdministratorLink(app, handle, config)
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    // E.g. the port is taken: close what was opened, so the process ends at once and the embedded database is
    // released cleanly.
    await app?.close().catch(() => undefined)
    await handle.close()
    throw error
  }

  const running = app
  let closing = false
  const onSignal = (signal: string) => {
    if (closing) return
    closing = true
    running.log.info({ signal }, 'shutting down: finishing requests in flight')
    gracefulShutdown(running, handle).then(
      () => running.log.info('shut down cleanly'),
      (error: unknown) => {
        running.log.error({ err: error }, 'error while shutting down')
        process.exitCode = 1
      },
    )
  }
  process.once('SIGTERM', () => onSignal('SIGTERM'))
  process.once('SIGINT', () => onSignal('SIGINT'))

  running.log.info(
    // performance.now() counts from the process's start: this is the whole start-up, module loading included.
    { database: handle.kind, url: config.baseUrl, startupMs: Math.round(performance.now()) },
    `Fair Contact is ready at ${config.baseUrl}`,
  )
  return running
}

/** On an empty database, prints the one-time link to create the first administrator, once (never into the log). */
async function announceFirstAdministratorLink(app: FastifyInstance, handle: DatabaseHandle, config: Config) {
  const token = await handle.db
    .transaction()
    .execute((trx) => firstAdministratorLink(trx, config.setUpLinkHours, new Date()))
  if (!token) return
  const link = `${config.baseUrl}/first-administrator/${token}`
  // The log says only that there is one: a link in the log lives on in log storage for anyone who reads it (issue 12
  // item 11).
  app.log.warn('No staff users yet: the one-time link to create the first administrator is printed, not logged')
  process.stdout.write(
    `\nFair Contact has no staff users yet. To create the first administrator, open this one-time link (valid ${config.setUpLinkHours} hours):\n\n  ${link}\n\n`,
  )
}
