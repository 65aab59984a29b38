import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import type { Writable } from 'node:stream'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/db/connect.ts'
import type { Role } from '../../src/domain/roles.ts'
import { hashPassword, hashSecret, newSecret } from '../../src/web/credentials.ts'
import { insertStaffUser, replaceRoles, replaceServices } from '../../src/features/staff/staff.repository.ts'
import { createServices, type Services } from '../../src/services.ts'
import { testDatabase } from './database.ts'

export interface TestApp {
  app: FastifyInstance
  services: Services
  handle: DatabaseHandle
  config: Config
  clock: { now: Date }
  close: () => Promise<void>
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    COUNCIL_NAME: 'Testshire Council',
    // F9: no letter is issued without the council's return address and contact details.
    COUNCIL_ADDRESS: 'Customer Relations, County Hall, Test Street, Testtown, TE1 1ST',
    COUNCIL_CONTACT: 'Customer Relations, County Hall, Test Street, Testtown TE1 1ST, or 01234 567890',
    SIGN_IN_RATE_PER_MINUTE: '10000',
    // K4: each test's audit checkpoints in a place of their own, never the working copy's ./data.
    AUDIT_CHECKPOINT_DIR: path.join(os.tmpdir(), 'fair-contact-tests', `checkpoints-${randomBytes(6).toString('hex')}`),
    ...env,
  })
}

/** The app on a fresh database, with a clock the test can move. */
export async function testApp(
  env: Record<string, string> = {},
  options: { logStream?: Writable } = {},
): Promise<TestApp> {
  const handle = await testDatabase()
  const config = testConfig(env)
  const clock = { now: new Date() }
  const services = createServices(handle, config, { now: () => clock.now })
  const app = await buildApp(services, options)
  await app.ready()
  return {
    app,
    services,
    handle,
    config,
    clock,
    close: async () => {
      await app.close()
      await handle.close()
    },
  }
}

let counter = 0
export const PASSWORD = 'correct horse battery staple'

/** F1: the services a test's Head of Service belongs to unless it says otherwise: those the tests open cases for. */
export const HEAD_OF_SERVICE_SERVICES = ['Waste']

export interface StaffOptions {
  email?: string
  name?: string
  /** F1: the services they belong to; a Head of Service holds HEAD_OF_SERVICE_SERVICES unless told, others none. */
  services?: string[]
}

export async function createStaff(t: TestApp, roles: Role[], overrides: StaffOptions = {}) {
  counter += 1
  const email = overrides.email ?? `staff${counter}.${roles.join('-') || 'none'}@council.example`
  const name = overrides.name ?? `Staff ${counter}`
  const id = await insertStaffUser(t.services.db, { email, name, passwordHash: await hashPassword(PASSWORD) })
  await replaceRoles(t.services.db, id, roles)
  const services = overrides.services ?? (roles.includes('head_of_service') ? HEAD_OF_SERVICE_SERVICES : [])
  await replaceServices(t.services.db, id, services)
  return { id, email, name }
}

/** A browser-like client: keeps cookies, and sends each form with the CSRF token of the page it came from. */
export class Browser {
  cookies = new Map<string, string>()
  csrf = ''
  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(response: LightMyRequestResponse) {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires) < new Date())) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    const token = response.body.match(/name="_csrf" value="([^"]+)"/)?.[1]
    if (token) this.csrf = token
  }

  async get(url: string) {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } })
    this.remember(response)
    return response
  }

  /** Posts a form. Pass `_csrf: null` to leave the token out. */
  async post(url: string, form: Record<string, string | string[] | null> = {}) {
    const body = new URLSearchParams()
    const fields = { _csrf: this.csrf, ...form }
    for (const [key, value] of Object.entries(fields)) {
      if (value === null) continue
      for (const v of [value].flat()) body.append(key, v)
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    })
    this.remember(response)
    return response
  }

  /**
   * Signs in, then opens the account page for a form token of the new session: tokens are bound to the session they
   * were made for (issue 12). The account page, not the home page, which may bring figures up to date.
   */
  async signIn(email: string, password = PASSWORD) {
    await this.get('/sign-in')
    const response = await this.post('/sign-in', { email, password })
    if (response.statusCode === 303) await this.get('/account')
    return response
  }
}

/** The three GOV.UK date inputs of a form field, as a browser posts them: dateFields('endsOn', 31, 12, 2027). */
export function dateFields(field: string, day: number, month: number, year: number): Record<string, string> {
  return { [`${field}-day`]: String(day), [`${field}-month`]: String(month), [`${field}-year`]: String(year) }
}

export async function signedIn(t: TestApp, roles: Role[], options: StaffOptions = {}) {
  const staff = await createStaff(t, roles, options)
  const browser = new Browser(t.app)
  const response = await browser.signIn(staff.email)
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`)
  return { browser, staff }
}

/** Signs a new staff user with these roles in, and opens a page as them. */
export async function openAs(t: TestApp, roles: Role[], url: string) {
  const { browser, staff } = await signedIn(t, roles)
  return { browser, staff, page: await browser.get(url) }
}

export type Api = Awaited<ReturnType<typeof apiAs>>

/** An API client acting as a new staff user with these roles, through a real bearer token. */
export async function apiAs(t: TestApp, roles: Role[], options: StaffOptions = {}) {
  const staff = await createStaff(t, roles, options)
  const token = newSecret('fc_')
  await t.services.db
    .insertInto('api_token')
    .values({ staff_user_id: staff.id, label: 'test', token_hash: hashSecret(token), created_by: null })
    .execute()
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const response = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.statusCode, body: response.body ? response.json() : undefined }
  }
  return {
    staff,
    authorization: `Bearer ${token}`,
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}) => call('POST', url, body),
  }
}

/** The visible text of a page, tags removed and spaces collapsed: for asserting what a person reads. */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
}
