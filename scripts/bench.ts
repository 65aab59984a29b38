// Start-up time and request latency of Fair Contact on the embedded PGlite database and on PostgreSQL.
//
//   npm run bench                      (node --import tsx scripts/bench.ts)
//
// Settings (environment), all optional:
//   BENCH_STARTS=5          timed starts of the server per database
//   BENCH_PHASE_RUNS=3      in-process start-up breakdowns per database
//   BENCH_REQUESTS=2000     requests per endpoint and mode, after the warm-up
//   BENCH_WARMUP=200        untimed requests per endpoint before measuring
//   BENCH_CONCURRENCY=10    requests in flight in the concurrent mode
//   BENCH_LOG_LEVEL=info    the server's LOG_LEVEL (info is the service's default)
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
//                           a loopback PostgreSQL server; a throwaway database is created on it and dropped after
//   BENCH_KEEP=1            keep the temporary directory (data directory and server logs)
//
// Everything is bounded: counts are fixed, every wait has a deadline, and the whole run stops after 25 minutes.
// Only 127.0.0.1 is contacted. Child servers are stopped with SIGTERM (SIGKILL if one hangs).
//
// Only Node built-ins are imported statically: the same file runs as `--phases` in a child process to time the
// start-up phases, and its own module loading must not inflate the "node + tsx" figure.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const BIN = path.join(ROOT, 'bin', 'fair-contact.js')
const HOST = '127.0.0.1'
const ADMIN_EMAIL = 'sam.taylor@demo.example.org' // the demo's administrator (src/features/demo/demo.ts)

const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 25_000
const CLI_TIMEOUT_MS = 120_000
const PHASE_TIMEOUT_MS = 120_000 // one load phase (one endpoint, one mode)
const REQUEST_TIMEOUT_MS = 10_000
const RUN_TIMEOUT_MS = 25 * 60_000

type Backend = 'pglite' | 'postgres'
const backendName: Record<Backend, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' }

interface Target {
  backend: Backend
  /** DATA_DIR (PGlite) or DATABASE_URL (PostgreSQL). */
  env: Record<string, string>
  token: string
}

interface Running {
  child: ChildProcess
  port: number
  logFile: string
  readyMs: number
  exited: Promise<void>
}

function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}`)
  return value
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
/** For deadlines raced against something else: an unref'd timer never keeps the process alive by itself. */
const deadline = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

// ---------------------------------------------------------------------------------------------------------------------
// Statistics

function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1] as number
}
const sortedCopy = (values: ArrayLike<number>) => Float64Array.from(values).sort()
const median = (values: ArrayLike<number>) => {
  const s = sortedCopy(values)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
const min = (values: number[]) => Math.min(...values)
const max = (values: number[]) => Math.max(...values)

const ms = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a'

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

// ---------------------------------------------------------------------------------------------------------------------
// The machine

function machine(): string[] {
  let cpu = os.cpus()[0]?.model ?? 'unknown'
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8')
    cpu = info.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? cpu
  } catch {
    // not Linux: os.cpus() is the best we have
  }
  let memory = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`
  try {
    const kb = Number(fs.readFileSync('/proc/meminfo', 'utf8').match(/^MemTotal:\s+(\d+) kB/m)?.[1])
    if (kb) memory = `${(kb / 2 ** 20).toFixed(1)} GiB`
  } catch {
    // os.totalmem() then
  }
  return [
    `code: ${revision()}`,
    `node ${process.version} on ${os.type()} ${os.release()} (${os.arch()})`,
    `CPU: ${cpu}, ${os.availableParallelism()} cores available (${os.cpus().length} online)`,
    `memory: ${memory}; load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ]
}

/** The commit measured, and whether the working tree differs from it where it matters. */
function revision(): string {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', timeout: 5000 }).trim()
    const head = git(['log', '-1', '--format=%h (%cI)'])
    const dirty = git(['status', '--porcelain', '--', 'src', 'bin', 'package.json', 'package-lock.json'])
    return dirty
      ? `${head} plus uncommitted changes to ${dirty.split('\n').length} file(s) in src/, bin/ or package*.json`
      : head
  } catch {
    return 'unknown (not a git checkout)'
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Child processes, always tracked so that none outlives the benchmark

const children = new Set<ChildProcess>()
/** Set when the run is being aborted: from then on no child may live, and the load stops. */
let stopping = false
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL')
})

function track(child: ChildProcess): Promise<void> {
  children.add(child)
  if (stopping) child.kill('SIGKILL') // spawned while the clean-up runs: it must not outlive us
  return new Promise((resolve) => {
    child.once('exit', () => {
      children.delete(child)
      resolve()
    })
    child.once('error', () => {
      children.delete(child)
      resolve()
    })
  })
}

function baseEnv(target: Pick<Target, 'env'>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...target.env }
  if (!target.env.DATABASE_URL) delete env.DATABASE_URL
  if (!target.env.DATA_DIR) delete env.DATA_DIR
  // K4: production needs the audit key; the checkpoints go to the system's temporary folder, never the working copy.
  env.AUDIT_KEY = 'benchmark audit key: at least thirty-two characters'
  env.AUDIT_CHECKPOINT_DIR = path.join(os.tmpdir(), 'fair-contact-bench-checkpoints')
  return env
}

function cli(target: Pick<Target, 'env'>, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...baseEnv(target), LOG_LEVEL: 'warn' }, timeout: CLI_TIMEOUT_MS, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`fair-contact ${args.slice(0, 2).join(' ')} failed: ${error.message}\n${stderr}`))
        else resolve(stdout)
      },
    )
    void track(child)
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** GET http://127.0.0.1:port/path on a fresh connection; the status code, or 0 if nothing answered. */
function probe(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: HOST, port, path: urlPath, agent: false, timeout: 1000 }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', () => resolve(0))
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(0))
  })
}

async function startServer(target: Target, label: string, tmp: string): Promise<Running> {
  const port = await freePort()
  const logFile = path.join(tmp, `${label}.log`)
  const fd = fs.openSync(logFile, 'w')
  const env = {
    ...baseEnv(target),
    NODE_ENV: 'production', // as deployed: templates compiled once and cached (development recompiles every page)
    BASE_URL: `http://${HOST}:${port}`,
    COUNCIL_ADDRESS: 'Council Offices, 1 Bench Street, Testtown, TE1 1ST', // required in production (letters)
    HOST,
    PORT: String(port),
    LOG_LEVEL: settings.logLevel,
  }
  const started = performance.now()
  // The server's log goes straight to a file, so this process never spends time draining its pipe.
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env, stdio: ['ignore', fd, fd] })
  fs.closeSync(fd)
  const exited = track(child)
  let gone = false
  void exited.then(() => (gone = true))
  for (;;) {
    if (gone) throw new Error(`the server (${label}) exited before it was ready; its log:\n${tail(logFile)}`)
    if ((await probe(port, '/ready')) === 200) break
    if (performance.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGKILL')
      throw new Error(
        `the server (${label}) was not ready after ${START_TIMEOUT_MS / 1000} s; its log:\n${tail(logFile)}`,
      )
    }
    await sleep(5)
  }
  return { child, port, logFile, readyMs: performance.now() - started, exited }
}

/** SIGTERM, then waits; SIGKILL if it hangs. Returns the time it took to exit and how it exited. */
async function stopServer(server: Running): Promise<{ ms: number; how: string }> {
  const { child } = server
  if (child.exitCode !== null || child.signalCode !== null)
    return { ms: 0, how: `had already exited (${child.exitCode ?? child.signalCode})` }
  const started = performance.now()
  child.kill('SIGTERM')
  const inTime = await Promise.race([server.exited.then(() => true), deadline(STOP_TIMEOUT_MS).then(() => false)])
  const took = performance.now() - started
  if (!inTime) {
    child.kill('SIGKILL')
    await server.exited
    return { ms: took, how: `did not exit ${STOP_TIMEOUT_MS / 1000} s after SIGTERM: killed` }
  }
  return { ms: took, how: child.exitCode === 0 ? 'exit 0' : `exit ${child.exitCode ?? child.signalCode}` }
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/** Resident memory of a process, in MiB (Linux). */
function rssMiB(pid: number | undefined): number {
  try {
    const kb = Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1])
    return kb ? kb / 1024 : NaN
  } catch {
    return NaN
  }
}

interface LogSummary {
  startupMs: number
  notable: string[]
}

/** The server's own start-up figure, and every line at warn or above (or not JSON at all), from its log. */
function readLog(file: string): LogSummary {
  let startupMs = NaN
  const notable: string[] = []
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    let entry: { level?: number; msg?: string; startupMs?: number; err?: { message?: string } } | undefined
    try {
      entry = JSON.parse(line)
    } catch {
      notable.push(`(not JSON) ${line.slice(0, 200)}`)
      continue
    }
    if (typeof entry?.startupMs === 'number') startupMs = entry.startupMs
    if ((entry?.level ?? 0) >= 40)
      notable.push(`level ${entry?.level}: ${entry?.msg ?? ''}${entry?.err?.message ? ` (${entry.err.message})` : ''}`)
  }
  return { startupMs, notable }
}

// ---------------------------------------------------------------------------------------------------------------------
// Load

interface Endpoint {
  name: string
  path: string
  headers: Record<string, string>
  check: (status: number, body: string) => boolean
}

interface LoadResult {
  latencies: Float64Array // successful requests only, sorted
  errors: number
  firstError?: string
  wallMs: number
  completed: number
  timedOut: boolean
}

function request(agent: http.Agent, port: number, endpoint: Endpoint): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: HOST,
        port,
        path: endpoint.path,
        method: 'GET',
        agent,
        headers: endpoint.headers,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)))
    req.on('error', reject)
    req.end()
  })
}

/** `count` requests, `concurrency` at a time over keep-alive connections; each timed from send to last byte. */
async function load(port: number, endpoint: Endpoint, count: number, concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const latencies: number[] = []
  let next = 0
  let errors = 0
  let firstError: string | undefined
  let timedOut = false
  const started = performance.now()
  const worker = async () => {
    while (next < count && !stopping) {
      if (performance.now() - started > PHASE_TIMEOUT_MS) {
        timedOut = true
        return
      }
      next++
      const sent = performance.now()
      try {
        const { status, body } = await request(agent, port, endpoint)
        const took = performance.now() - sent
        if (endpoint.check(status, body)) latencies.push(took)
        else {
          errors++
          firstError ??= `HTTP ${status}: ${body.slice(0, 120)}`
        }
      } catch (error) {
        errors++
        firstError ??= error instanceof Error ? error.message : String(error)
      }
      if (errors > Math.max(20, count / 20))
        throw new Error(`${endpoint.name}: too many failures, first: ${firstError}`)
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
  } finally {
    agent.destroy()
  }
  const wallMs = performance.now() - started
  return {
    latencies: sortedCopy(latencies),
    errors,
    firstError,
    wallMs,
    completed: latencies.length + errors,
    timedOut,
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// `--phases`: one start-up, in-process, timed phase by phase (run in a fresh child process per measurement)

async function phases(): Promise<void> {
  // performance.now() counts from the process's time origin: this is node's own start plus tsx plus this file.
  const boot = performance.now()
  let mark = performance.now()
  const lap = () => {
    const now = performance.now()
    const took = now - mark
    mark = now
    return took
  }
  const { loadConfig } = await import('../src/config.ts')
  const { openDatabase } = await import('../src/db/open.ts')
  const { migrateToLatest } = await import('../src/db/migrate.ts')
  const { createServices } = await import('../src/services.ts')
  const { buildApp } = await import('../src/app.ts')
  const imports = lap()
  const config = loadConfig()
  const handle = await openDatabase(config, { migrate: false })
  const open = lap()
  await migrateToLatest(handle.db)
  const migrate = lap()
  const app = await buildApp(createServices(handle, config))
  const build = lap()
  await app.listen({ port: 0, host: HOST })
  const listen = lap()
  await app.close()
  await handle.close()
  const close = lap()
  process.stdout.write(`${JSON.stringify({ boot, imports, open, migrate, build, listen, close })}\n`)
}

type PhaseTimes = Record<'boot' | 'imports' | 'open' | 'migrate' | 'build' | 'listen' | 'close', number>

function runPhases(target: Target): Promise<PhaseTimes> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench.ts'), '--phases'],
      {
        cwd: ROOT,
        env: {
          ...baseEnv(target),
          NODE_ENV: 'production',
          BASE_URL: `http://${HOST}:1`,
          COUNCIL_ADDRESS: 'Council Offices, TE1 1ST',
          LOG_LEVEL: 'warn',
        },
        timeout: CLI_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`start-up phases failed: ${error.message}\n${stderr}`))
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as PhaseTimes)
        } catch {
          reject(new Error(`start-up phases printed no result:\n${stdout}\n${stderr}`))
        }
      },
    )
    void track(child)
  })
}

/** Spawn to exit of a command: the floor under any start-up. */
function timeCommand(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = execFile(process.execPath, args, { cwd: ROOT, timeout: CLI_TIMEOUT_MS }, (error) => {
      if (error) reject(error)
      else resolve(performance.now() - started)
    })
    void track(child)
  })
}

// ---------------------------------------------------------------------------------------------------------------------
// Preparing the two databases

async function preparePGlite(tmp: string): Promise<Target> {
  const dataDir = path.join(tmp, 'pglite-data')
  const target: Target = { backend: 'pglite', env: { DATA_DIR: dataDir }, token: '' }
  const started = performance.now()
  await cli(target, ['demo'])
  const demoMs = performance.now() - started
  target.token = (await cli(target, ['token', 'create', '--email', ADMIN_EMAIL, '--label', 'benchmark'])).trim()
  log(`  PGlite: data directory created, migrated and filled by "demo" in ${ms(demoMs)} ms`)
  return target
}

interface PostgresSetup {
  target: Target
  drop: () => Promise<void>
}

async function preparePostgres(): Promise<PostgresSetup | string> {
  const serverUrl = new URL(settings.postgresUrl)
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(serverUrl.hostname))
    return `BENCH_POSTGRES_URL must point at this machine (127.0.0.1), not ${serverUrl.hostname}`
  serverUrl.hostname = serverUrl.hostname === 'localhost' ? HOST : serverUrl.hostname
  const { default: pg } = await import('pg')
  const connect = async () => {
    const client = new pg.Client({ connectionString: serverUrl.toString(), connectionTimeoutMillis: 5000 })
    await client.connect()
    return client
  }
  const name = `fair_contact_bench_${randomBytes(5).toString('hex')}`
  try {
    const admin = await connect()
    try {
      await admin.query(`create database "${name}"`)
    } finally {
      await admin.end()
    }
  } catch (error) {
    return `PostgreSQL at ${serverUrl.host} is not usable (${error instanceof Error ? error.message : String(error)})`
  }
  const drop = async () => {
    const admin = await connect()
    try {
      await admin.query(`drop database if exists "${name}" with (force)`)
    } finally {
      await admin.end()
    }
  }
  const databaseUrl = new URL(serverUrl)
  databaseUrl.pathname = `/${name}`
  const target: Target = { backend: 'postgres', env: { DATABASE_URL: databaseUrl.toString() }, token: '' }
  try {
    const started = performance.now()
    await cli(target, ['demo'])
    const demoMs = performance.now() - started
    target.token = (await cli(target, ['token', 'create', '--email', ADMIN_EMAIL, '--label', 'benchmark'])).trim()
    log(`  PostgreSQL: database ${name} created, migrated and filled by "demo" in ${ms(demoMs)} ms`)
  } catch (error) {
    await drop()
    throw error
  }
  return { target, drop }
}

// ---------------------------------------------------------------------------------------------------------------------
// The benchmark

const settings = {
  starts: int('BENCH_STARTS', 5, 1, 50),
  phaseRuns: int('BENCH_PHASE_RUNS', 3, 0, 20),
  requests: int('BENCH_REQUESTS', 2000, 10, 100_000),
  warmup: int('BENCH_WARMUP', 200, 0, 10_000),
  concurrency: int('BENCH_CONCURRENCY', 10, 2, 200),
  logLevel: process.env.BENCH_LOG_LEVEL || 'info',
  postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  keep: process.env.BENCH_KEEP === '1',
}

function log(line = ''): void {
  process.stdout.write(`${line}\n`)
}

interface StartFigures {
  ready: number[]
  selfReported: number[]
  shutdown: number[]
  rss: number[]
}

interface LoadFigures {
  endpoint: string
  concurrency: number
  result: LoadResult
}

async function benchmark(tmp: string, cleanups: (() => Promise<void>)[]): Promise<void> {
  log('# Fair Contact benchmark')
  log()
  for (const line of machine()) log(`- ${line}`)
  log(
    `- settings: ${settings.starts} starts per database; ${settings.warmup} warm-up + ${settings.requests} timed requests per endpoint and mode; ` +
      `concurrency 1 and ${settings.concurrency}; server LOG_LEVEL=${settings.logLevel}, NODE_ENV=production`,
  )
  log()
  log('Preparing the databases (not timed as part of the benchmark):')
  const targets: Target[] = [await preparePGlite(tmp)]
  const postgres = await preparePostgres()
  if (typeof postgres === 'string') log(`  PostgreSQL skipped: ${postgres}`)
  else {
    cleanups.push(postgres.drop)
    targets.push(postgres.target)
  }
  const notable = new Map<string, Set<string>>()
  const note = (backend: Backend, lines: string[]) => {
    const set = notable.get(backend) ?? new Set<string>()
    for (const line of lines) set.add(line)
    notable.set(backend, set)
  }

  // 1. Start-up on an existing database, interleaved so drift in the machine's load hits both databases alike.
  log()
  log(
    `Start-up: spawning "fair-contact serve" ${settings.starts} times per database and polling GET /ready every 5 ms…`,
  )
  const starts = new Map<Backend, StartFigures>(
    targets.map((t) => [t.backend, { ready: [], selfReported: [], shutdown: [], rss: [] }]),
  )
  for (let run = 1; run <= settings.starts; run++) {
    for (const target of targets) {
      const server = await startServer(target, `${target.backend}-start-${run}`, tmp)
      const rss = rssMiB(server.child.pid)
      const stop = await stopServer(server)
      const { startupMs, notable: lines } = readLog(server.logFile)
      note(target.backend, lines)
      if (stop.how !== 'exit 0') note(target.backend, [`shutdown: ${stop.how}`])
      const figures = starts.get(target.backend)
      figures?.ready.push(server.readyMs)
      figures?.selfReported.push(startupMs)
      figures?.shutdown.push(stop.ms)
      figures?.rss.push(rss)
      log(
        `  ${backendName[target.backend].padEnd(10)} run ${run}: ready in ${ms(server.readyMs)} ms (server says ${ms(startupMs)} ms in serve()), SIGTERM to exit ${ms(stop.ms)} ms`,
      )
    }
  }

  const floors = { node: [] as number[], help: [] as number[] }
  const phaseTimes = new Map<Backend, PhaseTimes[]>()
  if (settings.phaseRuns > 0) {
    log()
    log(
      `Start-up phases, timed in-process (${settings.phaseRuns} fresh processes per database), and the floor under them…`,
    )
    for (let run = 0; run < settings.phaseRuns; run++) {
      floors.node.push(await timeCommand(['-e', '0']))
      floors.help.push(await timeCommand([BIN, 'help']))
      for (const target of targets) {
        const times = await runPhases(target)
        phaseTimes.set(target.backend, [...(phaseTimes.get(target.backend) ?? []), times])
      }
    }
  }

  // 2. Latency and throughput, one long-running server per database.
  const endpoints = (target: Target): Endpoint[] => [
    {
      name: 'GET /sign-in',
      path: '/sign-in',
      headers: {},
      check: (status, body) => status === 200 && body.includes('<form'),
    },
    {
      name: 'GET /api/v1/me',
      path: '/api/v1/me',
      headers: { authorization: `Bearer ${target.token}`, accept: 'application/json' },
      check: (status, body) => status === 200 && body.includes(ADMIN_EMAIL),
    },
  ]
  const loads = new Map<Backend, LoadFigures[]>()
  const rssAfterLoad = new Map<Backend, number>()
  for (const target of targets) {
    log()
    log(
      `Load on ${backendName[target.backend]}: ${settings.warmup} warm-up then ${settings.requests} timed requests per endpoint, sequential and ${settings.concurrency} at a time…`,
    )
    const server = await startServer(target, `${target.backend}-load`, tmp)
    try {
      const figures: LoadFigures[] = []
      for (const endpoint of endpoints(target)) {
        if (settings.warmup > 0) await load(server.port, endpoint, settings.warmup, settings.concurrency)
        for (const concurrency of [1, settings.concurrency]) {
          const result = await load(server.port, endpoint, settings.requests, concurrency)
          figures.push({ endpoint: endpoint.name, concurrency, result })
          const problems = [
            result.errors ? `${result.errors} failed (first: ${result.firstError})` : '',
            result.timedOut ? `stopped after ${PHASE_TIMEOUT_MS / 1000} s` : '',
          ]
          log(
            `  ${endpoint.name.padEnd(15)} c=${String(concurrency).padEnd(3)} median ${ms(quantile(result.latencies, 0.5), 2)} ms, p99 ${ms(quantile(result.latencies, 0.99), 2)} ms, ` +
              `${ms((result.completed / result.wallMs) * 1000)} req/s ${problems.filter(Boolean).join('; ')}`,
          )
        }
      }
      loads.set(target.backend, figures)
      rssAfterLoad.set(target.backend, rssMiB(server.child.pid))
    } finally {
      const stop = await stopServer(server)
      if (stop.how !== 'exit 0') note(target.backend, [`shutdown after load: ${stop.how}`])
      note(target.backend, readLog(server.logFile).notable)
    }
  }

  // 3. The tables.
  const [a, b] = [targets[0], targets[1]]
  log()
  log('## Start-up on an existing database: spawn → first GET /ready with 200 (ms)')
  log()
  const startRows = targets.map((t) => {
    const f = starts.get(t.backend) as StartFigures
    return [
      backendName[t.backend],
      ms(median(f.ready)),
      ms(min(f.ready)),
      ms(max(f.ready)),
      ms(median(f.selfReported)),
      ms(median(f.shutdown)),
      ms(median(f.rss)),
    ]
  })
  if (a && b) {
    const fa = starts.get(a.backend) as StartFigures
    const fb = starts.get(b.backend) as StartFigures
    startRows.push([
      'ratio PGlite/PostgreSQL',
      ratio(median(fa.ready), median(fb.ready)),
      ratio(min(fa.ready), min(fb.ready)),
      ratio(max(fa.ready), max(fb.ready)),
      ratio(median(fa.selfReported), median(fb.selfReported)),
      ratio(median(fa.shutdown), median(fb.shutdown)),
      ratio(median(fa.rss), median(fb.rss)),
    ])
  }
  log(
    table(
      ['database', 'median', 'min', 'max', 'in serve() (median)', 'SIGTERM→exit (median)', 'RSS when ready, MiB'],
      startRows,
    ),
  )

  if (settings.phaseRuns > 0) {
    log()
    log('## Where start-up goes: medians of in-process phases (ms)')
    log()
    const keys: (keyof PhaseTimes)[] = ['boot', 'imports', 'open', 'migrate', 'build', 'listen']
    const phaseRows = targets.map((t) => {
      const runs = phaseTimes.get(t.backend) ?? []
      const medians = keys.map((k) => median(runs.map((r) => r[k])))
      return [backendName[t.backend], ...medians.map((m) => ms(m)), ms(medians.reduce((x, y) => x + y, 0))]
    })
    log(
      table(
        [
          'database',
          'node + tsx boot',
          'import modules',
          'open database',
          'migrate (nothing to do)',
          'build app',
          'listen',
          'sum',
        ],
        phaseRows,
      ),
    )
    log()
    log(
      `Floor: \`node -e 0\` spawn→exit median ${ms(median(floors.node))} ms; \`fair-contact help\` (node + tsx + CLI module graph, no database) median ${ms(median(floors.help))} ms.`,
    )
  }

  log()
  log(
    `## Latency (ms, send → last byte) and throughput, ${settings.requests} requests after ${settings.warmup} warm-up, keep-alive`,
  )
  log()
  const loadRows: string[][] = []
  const first = loads.get(targets[0]?.backend ?? 'pglite') ?? []
  for (let i = 0; i < first.length; i++) {
    const fa = first[i] as LoadFigures
    const fb = b ? loads.get(b.backend)?.[i] : undefined
    const cells = (f: LoadFigures | undefined) =>
      f
        ? [
            ms(quantile(f.result.latencies, 0.5), 2),
            ms(quantile(f.result.latencies, 0.99), 2),
            ms((f.result.completed / f.result.wallMs) * 1000),
          ]
        : ['', '', '']
    const row = [`${fa.endpoint} c=${fa.concurrency}`, ...cells(fa), ...cells(fb)]
    if (fb) {
      row.push(
        ratio(quantile(fa.result.latencies, 0.5), quantile(fb.result.latencies, 0.5)),
        ratio(quantile(fa.result.latencies, 0.99), quantile(fb.result.latencies, 0.99)),
        ratio(fa.result.completed / fa.result.wallMs, fb.result.completed / fb.result.wallMs),
      )
    }
    loadRows.push(row)
  }
  const header = ['endpoint, concurrency', 'PGlite median', 'PGlite p99', 'PGlite req/s']
  if (b)
    header.push('PostgreSQL median', 'PostgreSQL p99', 'PostgreSQL req/s', 'ratio median', 'ratio p99', 'ratio req/s')
  log(table(header, loadRows))
  log()
  log(
    `Server RSS after the load (MiB): ${targets.map((t) => `${backendName[t.backend]} ${ms(rssAfterLoad.get(t.backend) ?? NaN)}`).join(', ')}`,
  )
  log('Ratios are PGlite ÷ PostgreSQL: above 1× means PGlite is slower (or, for req/s, faster).')
  const failures = [...loads.values()].flat().filter((f) => f.result.errors || f.result.timedOut)
  if (failures.length) log(`Some phases had failed requests or hit their time limit: see the lines above.`)

  log()
  log('## Server log lines at warn or above (or not JSON), per database')
  log()
  for (const target of targets) {
    const lines = [...(notable.get(target.backend) ?? [])]
    log(`- ${backendName[target.backend]}: ${lines.length ? '' : 'none'}`)
    for (const line of lines.slice(0, 10)) log(`  - ${line}`)
    if (lines.length > 10) log(`  - … and ${lines.length - 10} more`)
  }
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-bench-'))
  const cleanups: (() => Promise<void>)[] = []
  let cleaning: Promise<void> | undefined
  let aborting = false
  const cleanUp = () => (cleaning ??= cleanUpOnce())
  const cleanUpOnce = async () => {
    for (const child of children) child.kill('SIGTERM')
    await Promise.race([
      Promise.all([...children].map((c) => new Promise((resolve) => c.once('exit', resolve)))),
      deadline(STOP_TIMEOUT_MS),
    ])
    for (const child of children) child.kill('SIGKILL')
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        process.stderr.write(`bench: clean-up failed: ${error instanceof Error ? error.message : String(error)}\n`)
      }
    }
    if (settings.keep) process.stderr.write(`bench: kept ${tmp}\n`)
    else fs.rmSync(tmp, { recursive: true, force: true })
  }
  const abort = (why: string, code: number) => {
    aborting = true
    stopping = true
    process.stderr.write(`bench: ${why}; stopping\n`)
    void cleanUp().finally(() => process.exit(code))
  }
  process.once('SIGINT', () => abort('interrupted', 130))
  process.once('SIGTERM', () => abort('terminated', 143))
  const overall = setTimeout(() => abort(`still running after ${RUN_TIMEOUT_MS / 60_000} minutes`, 1), RUN_TIMEOUT_MS)
  overall.unref()

  try {
    await benchmark(tmp, cleanups)
  } catch (error) {
    // Once aborting, the failures of the children it stopped are expected: not worth a stack trace.
    if (!aborting)
      process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  } finally {
    await cleanUp()
    clearTimeout(overall)
  }
}

if (process.argv[2] === '--phases') await phases()
else await main()
