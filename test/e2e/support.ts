// Shared set-up for the browser tests: the real app listening on a local port, Chromium driven by playwright-core,
// and one check run on every page a test visits (axe-core, a full-page screenshot, nothing broken on the page).
import assert from 'node:assert/strict'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import chromium from '@sparticuz/chromium'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { Result } from 'axe-core'
import { buildApp } from '../../src/app.ts'
import type { DatabaseHandle } from '../../src/db/connect.ts'
import type { Role } from '../../src/domain/roles.ts'
import { hashPassword } from '../../src/web/credentials.ts'
import { insertStaffUser, replaceRoles, replaceServices } from '../../src/features/staff/staff.repository.ts'
import { firstAdministratorLink } from '../../src/features/staff/staff.service.ts'
import { createServices, type Services } from '../../src/services.ts'
import { HEAD_OF_SERVICE_SERVICES, testConfig } from '../helpers/app.ts'
import { testDatabase } from '../helpers/database.ts'

export const COUNCIL_NAME = 'Testshire Council'
export const PASSWORD = 'correct horse battery staple'
const root = path.resolve(import.meta.dirname, '../..')
export const screenshotDir = path.join(root, 'test-results', 'screenshots')

// The machine has no network: Chromium must not try to reach Google for updates, sync, field trials and the like.
const quietFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
// @sparticuz/chromium's defaults suit a serverless scraper; these would hide what a real browser enforces
// (same-origin rules, mixed content), so the tests do without them. Playwright sets headless mode itself.
const weakening = new Set(['--disable-web-security', '--allow-running-insecure-content', "--headless='shell'"])

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath())
  const args = [...chromium.args.filter((arg) => !weakening.has(arg)), ...quietFlags]
  return playwright.launch({ executablePath, args: [...new Set(args)], headless: true, timeout: 30_000 })
}

export interface RunningApp {
  baseUrl: string
  services: Services
  handle: DatabaseHandle
  close: () => Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/**
 * The real app on a fresh database, listening on 127.0.0.1, with these settings besides. BASE_URL is the address it
 * listens on, so the links it shows (set-up links) can be followed exactly as shown.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const handle = await testDatabase()
  const services = createServices(handle, testConfig({ BASE_URL: baseUrl, COUNCIL_NAME, ...env }))
  const app = await buildApp(services)
  await app.listen({ port, host: '127.0.0.1' })
  return {
    baseUrl,
    services,
    handle,
    close: async () => {
      await app.close()
      await handle.close()
    },
  }
}

/** The first-administrator link the service prints at first start on an empty database. */
export async function firstAdministratorPath(running: RunningApp): Promise<string> {
  const token = await running.handle.db.transaction().execute((trx) => firstAdministratorLink(trx, 72, new Date()))
  assert.ok(token, 'the database should be empty, so a first-administrator link is issued')
  return `/first-administrator/${token}`
}

export async function createStaff(
  running: RunningApp,
  name: string,
  email: string,
  roles: Role[],
  // F1: a Head of Service belongs to the services the journeys open cases for unless told.
  services = roles.includes('head_of_service') ? HEAD_OF_SERVICE_SERVICES : [],
) {
  const db = running.services.db
  const id = await insertStaffUser(db, { email, name, passwordHash: await hashPassword(PASSWORD) })
  await replaceRoles(db, id, roles)
  await replaceServices(db, id, services)
  return { id, name, email, password: PASSWORD }
}

/** Everything that goes wrong quietly in a browser: script errors, CSP refusals, assets that fail to load. */
export class PageProblems {
  readonly problems: string[] = []

  watch(context: BrowserContext): void {
    context.on('page', (page) => this.watchPage(page))
    for (const page of context.pages()) this.watchPage(page)
  }

  private watchPage(page: Page): void {
    page.on('pageerror', (error) => this.problems.push(`script error on ${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console error on ${page.url()}: ${message.text()}`)
    })
    page.on('requestfailed', (request) =>
      this.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`),
    )
    page.on('response', (response) => {
      const url = new URL(response.url())
      // Pages may answer 4xx on purpose (error states); the files every page needs must always load.
      if (url.pathname.startsWith('/assets/') && response.status() >= 400)
        this.problems.push(`asset ${url.pathname} answered ${response.status()}`)
      if (response.status() >= 500) this.problems.push(`${url.pathname} answered ${response.status()}`)
    })
  }

  /** Console errors for pages answered 4xx on purpose are the browser reporting the status: not a problem. */
  assertNone(): void {
    const real = this.problems.filter(
      (p) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(p),
    )
    assert.deepEqual(real, [], `problems in the browser:\n${real.join('\n')}`)
  }
}

export function formatViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const summary = (n.failureSummary ?? '').replace(/\n/g, '\n        ')
          return `    at ${n.target.join(' ')}\n      ${n.html}\n        ${summary}`
        })
        .join('\n')
      return `  ${v.id} [${v.impact ?? 'unknown'}]: ${v.help}\n  ${v.helpUrl}\n${nodes}`
    })
    .join('\n\n')
}

const seen = new Set<string>()
const withoutScripts = new WeakSet<BrowserContext>()
const axeContexts = new WeakMap<Browser, BrowserContext>()
const documentPolicy = new WeakMap<Page, string>()

/** A browser context (a fresh profile: no cookies), with JavaScript on or off. */
export async function newContext(browser: Browser, options: { javaScriptEnabled: boolean }): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled })
  context.setDefaultTimeout(10_000) // a missing element fails the test in seconds, not after Playwright's 30
  if (!options.javaScriptEnabled) {
    withoutScripts.add(context)
    // The copy axe checks (below) gets the same Content-Security-Policy as the page it copies.
    context.on('page', (page) =>
      page.on('response', (response) => {
        const policy = response.headers()['content-security-policy']
        if (response.request().isNavigationRequest() && response.frame() === page.mainFrame() && policy)
          documentPolicy.set(page, policy)
      }),
    )
  }
  return context
}

/**
 * axe-core needs timers, and a page with JavaScript turned off runs none (its checks never finish). So for such a
 * page axe checks an exact copy: the page's own document, without its scripts, at the same address (so the same
 * styles and images load), in a page of a context with the same viewport where axe can run.
 */
async function axePageFor(page: Page): Promise<{ page: Page; done: () => Promise<void> }> {
  if (!withoutScripts.has(page.context())) return { page, done: async () => undefined }
  const browser = page.context().browser()
  assert.ok(browser)
  let context = axeContexts.get(browser)
  if (!context) {
    context = await browser.newContext({ javaScriptEnabled: true })
    axeContexts.set(browser, context)
  }
  const copy = await context.newPage()
  const viewport = page.viewportSize()
  if (viewport) await copy.setViewportSize(viewport)
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
  const url = page.url()
  const isThePage = (address: URL) => address.href === url
  await copy.route(isThePage, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'content-security-policy': documentPolicy.get(page) ?? "default-src 'self'" },
      body: html,
    }),
  )
  await copy.goto(url)
  await copy.unroute(isThePage)
  return { page: copy, done: () => copy.close() }
}

/** checkPage for one test file: screenshots named <prefix>-<nn>-<name>.png, numbered in the order taken. */
export function pageChecker(prefix: string): (page: Page, name: string) => Promise<void> {
  let count = 0
  return (page, name) => checkPage(page, `${prefix}-${String(++count).padStart(2, '0')}-${name}`)
}

/**
 * Run on every page a test visits: axe-core against WCAG 2.2 AA must find nothing, and a full-page screenshot is
 * saved as test-results/screenshots/<name>.png for people to look at.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  assert.ok(!seen.has(name), `screenshot name used twice: ${name}`)
  seen.add(name)
  await page.waitForLoadState('load')
  // Fonts are part of how the page looks: wait for them before the screenshot. (Polled from here, synchronously:
  // with JavaScript turned off, a promise made in the page never settles.)
  for (let i = 0; i < 50 && (await page.evaluate('document.fonts.status')) !== 'loaded'; i++)
    await new Promise((resolve) => setTimeout(resolve, 20))
  fs.mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true })

  const target = await axePageFor(page)
  try {
    const results = await new AxeBuilder({ page: target.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze()
    assert.ok(results.passes.length > 0, `axe-core checked nothing on ${name}`)
    assert.equal(
      results.violations.length,
      0,
      `axe-core found ${results.violations.length} accessibility violation(s) on ${name} (${page.url()}):\n` +
        formatViolations(results.violations),
    )
  } finally {
    await target.done()
  }
}

/** Clicks something that loads a new page (a link or a form's button) and waits for that page. */
export async function navigate(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), click()])
}

/**
 * A fresh browser profile signed in as the holder of this role on the demo council (whose accounts the test has given
 * PASSWORD), watched for problems.
 */
export async function signedInAsRole(
  running: RunningApp,
  browser: Browser,
  role: Role,
  options: { javaScriptEnabled: boolean },
) {
  const staff = await running.services.db
    .selectFrom('staff_user as s')
    .innerJoin('staff_role as r', 'r.staff_user_id', 's.id')
    .select(['s.email', 's.name'])
    .where('r.role', '=', role)
    .executeTakeFirstOrThrow()
  const context = await newContext(browser, options)
  const problems = new PageProblems()
  problems.watch(context)
  const page = await context.newPage()
  await page.goto(`${running.baseUrl}/sign-in`)
  await page.getByLabel('Email address').fill(staff.email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await navigate(page, () => page.locator('[data-qa="sign-in"]').click())
  assert.equal(new URL(page.url()).pathname, '/', `${staff.name} is signed in and sees the home page`)
  return { context, problems, page, name: staff.name }
}
