import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import type { Config } from './config.ts'
import { openDatabase } from './db/open.ts'
import { createServices } from './services.ts'
import { firstAdministratorLink } from './features/staff/staff.service.ts'

/** Starts the service: database, migrations, first-run link, HTTP; closes cleanly on SIGTERM or SIGINT. */
export async function serve(config: Config): Promise<FastifyInstance> {
  const started = performance.now()
  const handle = await openDatabase(config)
  const services = createServices(handle, config)
  const app = await buildApp(services)

  const token = await handle.db
    .transaction()
    .execute((trx) => firstAdministratorLink(trx, config.setUpLinkHours, new Date()))
  if (token) {
    const link = `${config.baseUrl}/first-administrator/${token}`
    app.log.warn(
      { firstAdministratorLink: link },
      'No staff users yet: open the one-time link to create the first administrator',
    )
    process.stdout.write(
      `\nFair Contact has no staff users yet. To create the first administrator, open this one-time link (valid ${config.setUpLinkHours} hours):\n\n  ${link}\n\n`,
    )
  }

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing requests in flight')
    // Fastify stops accepting connections and waits for requests in flight; then the database closes.
    const timer = setTimeout(() => {
      app.log.error('shutdown took longer than 20 seconds; exiting')
      process.exit(1)
    }, 20_000)
    timer.unref()
    try {
      await app.close()
      await handle.close()
      app.log.info('shut down cleanly')
    } catch (error) {
      app.log.error({ err: error }, 'error while shutting down')
      process.exitCode = 1
    }
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  app.log.info(
    { database: handle.kind, url: config.baseUrl, startupMs: Math.round(performance.now() - started) },
    `Fair Contact is ready at ${config.baseUrl}`,
  )
  return app
}
