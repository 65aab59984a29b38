import path from 'node:path'
import { inspect, parseArgs } from 'node:util'
import type { z } from 'zod'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { openDatabase } from './db/open.ts'
import { migrateAllDown, migrateDown, migrateToLatest, migrationStatus } from './db/migrate.ts'
import { isRole, roles } from './domain/roles.ts'
import { AuditKeyError } from './audit/key.ts'
import { checkpointFile } from './audit/checkpoint.ts'
import {
  openAuditTrail,
  TrailTampered,
  useConfiguredAuditKey,
  verifyTrail,
  writeCheckpoint,
} from './features/audit/audit.service.ts'
import { describeVerifyReport } from './features/audit/describe.ts'
import { createApiToken, createStaffUser } from './features/staff/staff.service.ts'
import { findStaffUserByEmail } from './features/staff/staff.repository.ts'
import { email as emailField, text } from './web/validation.ts'
import { serviceList } from './domain/staff-services.ts'
import { joinAnd } from './domain/letter-wording.ts'
import { fillWithDemo } from './features/demo/demo.ts'
import type { Actor } from './audit/audit.ts'
import { runContactCheck } from './features/contact-check/contact-check.service.ts'
import { describeAnswer } from './features/contact-check/describe.ts'
import { contactCheckBody } from './features/contact-check/schema.ts'

const CLI_ACTOR: Actor = { id: null, label: 'fair-contact CLI' }

const usage = `Usage: fair-contact <command>

  serve                                   start the service (what npm start runs)
  migrate [up|down|down-all|status]       bring the database schema up to date (default: up), or step down
  user create --email E --name N --role R [--role R2 ...] [--service S ...]
                                          add a staff user, with the services they belong to (a Head of
                                          Service opens cases only for their own: F1); prints their
                                          one-time set-up link
  token create --email E --label L        print a new API token for that staff user, alone on its line
  audit verify [--checkpoints FILE]       check the audit trail with the audit key: every entry signed and chained
                                          to the one before, every entry a checkpoint covered still there, every
                                          record as the last entry about it recorded it; names the first bad entry
                                          and says how many entries are not yet anchored (FILE: another copy of the
                                          checkpoints, e.g. from the auditors' email)
  audit checkpoint                        write the signed head of the audit trail outside the database: the
                                          checkpoint file, and AUDIT_CHECKPOINT_EMAIL (the service does it daily)
  demo                                    fill an empty database with a fictional council's staff
  check --channel C (--phone P | --email E | --name N [--postcode PC] | --reference R | --person ID)
        [--service S] [--matter ID] [--regarding foi_request|eir_request|councillor_conduct]
        [--at ISO-INSTANT] [--json]
                                          may staff deal with this contact, and how? (the contact check, V1–V5)

Roles: ${roles.join(', ')}
Settings come from the environment: see README.md.`

class UsageError extends Error {}

const serviceField = text('a service', { max: 200 })

function option(values: Record<string, unknown>, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`)
  return value
}

function check<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new UsageError(`--${name}: ${result.error.issues[0]?.message ?? 'not valid'}`)
  return result.data
}

async function withDatabase<T>(
  config: Config,
  io: Io,
  work: (handle: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
  audit: 'open' | 'read' = 'open',
): Promise<T> {
  const handle = await openDatabase(config, { migrate: true })
  try {
    // K4: a command that changes the record signs its entries with the audit key (created in DATA_DIR on first use
    // outside production); one that only reads the trail never creates a key.
    if (audit === 'read') useConfiguredAuditKey(config, { generate: false })
    else {
      const opened = await openAuditTrail(handle.db, config, {
        info: () => undefined,
        error: (_, msg) => io.err(`${msg}\n`),
      })
      if (opened.created) {
        io.err(`Created the audit key in ${opened.source}: keep a copy somewhere safe, apart from the database.\n`)
      }
    }
    return await work(handle)
  } finally {
    await handle.close()
  }
}

/** Where the CLI reads its settings and writes its output: the process's own, unless a caller passes others. */
export interface Io {
  env: Record<string, string | undefined>
  out: (text: string) => void
  err: (text: string) => void
}

const processIo: Io = {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}

/** Runs one command; returns the exit code (0 done, 1 failed or refused, 2 bad usage or settings). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await run(argv, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`fair-contact: ${error.message}\n\n${usage}\n`)
      return 2
    }
    if (error instanceof ConfigError || error instanceof AuditKeyError) {
      io.err(`${error.message}\n`)
      return 2
    }
    io.err(`fair-contact: ${error instanceof Error ? error.message : inspect(error)}\n`)
    return 1
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, sub, ...rest] = argv
  if (!command || command === 'help' || command === '--help') {
    io.out(`${usage}\n`)
    return command ? 0 : 2
  }
  const config = loadConfig(io.env)
  switch (command) {
    case 'serve': {
      const { serve } = await import('./main.ts')
      await serve(config)
      return 0
    }
    case 'migrate': {
      const handle = await openDatabase(config, { migrate: false })
      try {
        const direction = sub ?? 'up'
        const done =
          direction === 'up'
            ? await migrateToLatest(handle.db)
            : direction === 'down'
              ? await migrateDown(handle.db)
              : direction === 'down-all'
                ? await migrateAllDown(handle.db)
                : direction === 'status'
                  ? (await migrationStatus(handle.db)).map((m) => `${m.executedAt ? 'applied' : 'pending'} ${m.name}`)
                  : undefined
        if (!done) throw new UsageError(`migrate ${direction}: expected up, down, down-all or status`)
        io.out(done.length ? `${done.join('\n')}\n` : 'Nothing to do: the schema is up to date.\n')
        return 0
      } finally {
        await handle.close()
      }
    }
    case 'user': {
      if (sub !== 'create') throw new UsageError('expected: user create')
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string', multiple: true },
          service: { type: 'string', multiple: true },
        },
      })
      const email = check(emailField(), option(values, 'email'), 'email')
      const name = check(text('a name'), option(values, 'name'), 'name')
      const given = values.role ?? []
      if (given.length === 0) throw new UsageError('--role is required (one or more)')
      const bad = given.filter((role) => !isRole(role))
      if (bad.length) throw new UsageError(`unknown role ${bad.join(', ')}; roles are: ${roles.join(', ')}`)
      const chosen = [...new Set(given.filter(isRole))]
      const services = serviceList((values.service ?? []).map((service) => check(serviceField, service, 'service')))
      return withDatabase(config, io, async ({ db }) => {
        const created = await db
          .transaction()
          .execute((trx) =>
            createStaffUser(
              trx,
              CLI_ACTOR,
              { email, name, roles: chosen, services },
              config.setUpLinkHours,
              new Date(),
            ),
          )
        const of = services.length ? `, belonging to ${joinAnd(services)}` : ''
        io.out(
          `Added ${name} <${email}> with roles ${chosen.join(', ')}${of}.\nOne-time set-up link (valid ${config.setUpLinkHours} hours):\n${config.baseUrl}/set-password/${created.setUpToken}\n`,
        )
        if (chosen.includes('head_of_service') && services.length === 0) {
          io.err(
            `Note: ${name} is a Head of Service with no services, so cannot open a case (F1) until an administrator adds their services on their staff page, or you create them with --service.\n`,
          )
        }
        return 0
      })
    }
    case 'token': {
      if (sub !== 'create') throw new UsageError('expected: token create')
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, label: { type: 'string' } } })
      const email = check(emailField(), option(values, 'email'), 'email')
      const label = check(text('a label', { max: 100 }), option(values, 'label'), 'label')
      return withDatabase(config, io, async ({ db }) => {
        const user = await findStaffUserByEmail(db, email)
        if (!user) throw new UsageError(`no staff user has the email ${email}`)
        const created = await db.transaction().execute((trx) => createApiToken(trx, CLI_ACTOR, user.id, label))
        io.err(`API token "${label}" for ${user.name}. It is shown only now:\n`)
        io.out(`${created.token}\n`)
        return 0
      })
    }
    case 'audit': {
      if (sub === 'verify') {
        const { values } = parseArgs({ args: rest, options: { checkpoints: { type: 'string' } } })
        const file = values.checkpoints ? path.resolve(values.checkpoints) : checkpointFile(config.audit.checkpointDir)
        return withDatabase(
          config,
          io,
          async ({ db }) => {
            const report = await verifyTrail(db, file)
            io.out(describeVerifyReport(report))
            return report.ok ? 0 : 1
          },
          'read',
        )
      }
      if (sub !== 'checkpoint') throw new UsageError('expected: audit verify, or audit checkpoint')
      return withDatabase(config, io, async ({ db }) => {
        const log = { info: () => undefined, error: (_: object, msg: string) => io.err(`${msg}\n`) }
        const written = await writeCheckpoint(db, config, { now: new Date(), log }).catch((error: unknown) => {
          if (!(error instanceof TrailTampered)) throw error
          io.out(`${error.message}\nRun npx fair-contact audit verify for the details.\n`)
          return undefined
        })
        if (written === undefined) return 1
        if (written === null) {
          io.out('The audit trail is empty: there is nothing to checkpoint yet.\n')
          return 0
        }
        const { checkpoint } = written
        io.out(
          `Checkpoint written: entry ${checkpoint.seq}, at ${checkpoint.at}, appended to ${written.file}.\n${JSON.stringify(checkpoint)}\n`,
        )
        if (written.emailed.length > 0) io.out(`Emailed to ${joinAnd(written.emailed)}.\n`)
        if (written.notEmailed) io.err(`Not emailed to the auditors: ${written.notEmailed}.\n`)
        return 0
      })
    }
    case 'check': {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: Object.fromEntries(
          [
            'channel',
            'phone',
            'email',
            'name',
            'postcode',
            'reference',
            'person',
            'service',
            'matter',
            'regarding',
            'at',
          ].map((o) => [o, { type: 'string' as const }]),
        ) as Record<string, { type: 'string' }>,
        strict: false,
      })
      const json = argv.includes('--json')
      const parsed = contactCheckBody.safeParse({
        channel: values.channel,
        phone: values.phone,
        email: values.email,
        name: values.name,
        postcode: values.postcode,
        reference: values.reference,
        personId: values.person,
        service: values.service,
        matterId: values.matter,
        regarding: values.regarding,
        at: values.at,
      })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new UsageError(`--${String(issue?.path[0] ?? 'channel')}: ${issue?.message ?? 'not valid'}`)
      }
      return withDatabase(config, io, async ({ db }) => {
        const answer = await runContactCheck(db, CLI_ACTOR, parsed.data, new Date())
        io.out(json ? `${JSON.stringify(answer, null, 2)}\n` : describeAnswer(answer))
        return 0
      })
    }
    case 'demo':
      return withDatabase(config, io, async ({ db }) => {
        const lines = await fillWithDemo(db, config)
        io.out(`${lines.join('\n')}\n`)
        return 0
      })
    default:
      throw new UsageError(`unknown command "${command}"`)
  }
}
