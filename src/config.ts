import path from 'node:path'
import { z } from 'zod'
import type { AttentionThresholds } from './domain/attention.ts'
import { nations, type Nation } from './domain/nations.ts'
import type { ProcedureSettings } from './domain/procedure.ts'
import { roles, type Role } from './domain/roles.ts'

// One typed config, read once from the environment (convention 2). Every setting is listed in README.md.
const minutes = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(fallback)

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  BASE_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: minutes(30),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  SIGN_IN_LOCK_MINUTES: minutes(15),
  SIGN_IN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  SET_UP_LINK_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(72),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  COUNCIL_NAME: z.string().min(1).default('Your council'),
  // Letters (F9): the return address (lines separated by commas) and how a person can always reach the council. No
  // default: until both are set, no letter is issued (issueLetter), rather than one with a placeholder in it.
  COUNCIL_ADDRESS: z.string().min(1).optional(),
  COUNCIL_CONTACT: z.string().min(1).optional(),
  // Issue 14: the nation names the Ombudsman in letters and the bank holidays kept. Administrators may change this and
  // the council's other settings in the service (/settings); these variables are the defaults.
  COUNCIL_NATION: z.enum(nations).default('england'),
  // The procedure's settings (rules.md marks each one "setting").
  RESTRICTION_MAX_MONTHS: z.coerce.number().int().min(1).max(36).default(12),
  FIRST_REVIEW_MONTHS: z.coerce.number().int().min(1).max(12).default(6),
  WARNING_MONITORING_WEEKS: z.coerce.number().int().min(1).max(52).default(8),
  CHALLENGE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  RATIFICATION_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  // Reminders by email (issue 6). Without SMTP_HOST, reminders are logged but not sent.
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default('Fair Contact <fair-contact@localhost>'),
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(5),
  // Sending letters (F9, issue 14) through GOV.UK Notify: by post as precompiled letters, by email with a template.
  // Without NOTIFY_API_KEY, letters by post go to the print queue and letters by email go through SMTP.
  NOTIFY_API_KEY: z.string().trim().min(74, 'must be a Notify API key (key name, service id and secret)').optional(),
  NOTIFY_BASE_URL: z.url().default('https://api.notifications.service.gov.uk'),
  NOTIFY_EMAIL_TEMPLATE_ID: z.uuid().optional(),
  NOTIFY_CALLBACK_TOKEN: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  NOTIFY_POSTAGE: z.enum(['first', 'second']).default('second'),
  // The audit trail (K4, issue 12): the key it is signed with, kept outside the database (one of the two; required in
  // production, otherwise audit.key in DATA_DIR, created on first start), and where its checkpoints are kept.
  AUDIT_KEY: z.string().trim().min(32, 'must be at least 32 characters').optional(),
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_EMAIL: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email('must be email addresses separated by commas'))),
  // The attention list (P1, P2): a person is listed when any of these is reached. Each is explained on the page.
  ATTENTION_CONTACTS_7_DAYS: z.coerce.number().int().min(1).default(10),
  ATTENTION_CONTACTS_30_DAYS: z.coerce.number().int().min(1).default(25),
  ATTENTION_RATIO_TO_HISTORY: z.coerce.number().min(1).default(3),
  ATTENTION_CLOSED_MATTER_CONTACTS_90_DAYS: z.coerce.number().int().min(1).default(5),
  ATTENTION_CHANNELS_7_DAYS: z.coerce.number().int().min(2).default(3),
  ATTENTION_STAFF_30_DAYS: z.coerce.number().int().min(2).default(6),
  ATTENTION_STAFF_MINUTES_30_DAYS: z.coerce.number().int().min(1).default(300),
  // Single sign-on over OpenID Connect (issue 14): the council's identity provider, and which of its app roles (or
  // groups) give which of our roles. Without OIDC_ISSUER, staff sign in with a password only.
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_PROVIDER_NAME: z.string().min(1).default('your council account'),
  OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  OIDC_ROLE_MAP: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return value ? (JSON.parse(value) as unknown) : {}
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"FairContact.CaseOfficer":"case_officer"}' })
        return z.NEVER
      }
    })
    .pipe(
      z.record(
        z.string().min(1),
        z.union([z.enum(roles), z.array(z.enum(roles))], {
          error: `must map each of the provider's roles to one of ${roles.join(', ')} (or a list of them)`,
        }),
      ),
    ),
  PASSWORD_SIGN_IN: z.enum(['on', 'off']).default('on'),
})

export interface Config {
  environment: 'development' | 'production' | 'test'
  port: number
  host: string
  baseUrl: string
  databaseUrl: string | undefined
  dataDir: string
  logLevel: string
  sessionIdleMinutes: number
  signIn: { maxFailures: number; lockMinutes: number; ratePerMinute: number }
  setUpLinkHours: number
  trustProxy: boolean
  councilName: string
  /** The council's return address on letters, one line per entry; empty when not set (no letter is issued then). */
  councilAddress: string[]
  /** A way of contacting the council every letter can offer (F9); '' when not set (no letter is issued then). */
  councilContact: string
  /** Issue 14: which Ombudsman letters name and which bank holidays are kept. */
  councilNation: Nation
  procedure: ProcedureSettings
  /** Outgoing email for reminders; `host` undefined means reminders are logged, not sent. */
  smtp: {
    host: string | undefined
    port: number
    secure: boolean
    user: string | undefined
    password: string | undefined
    from: string
  }
  reminderDaysBefore: number
  /** F9 (issue 14): GOV.UK Notify for sending letters; `apiKey` undefined means the print queue and SMTP. */
  notify: {
    apiKey: string | undefined
    baseUrl: string
    emailTemplateId: string | undefined
    /** The bearer token Notify's callbacks carry; without it, callbacks are refused. */
    callbackToken: string | undefined
    postage: 'first' | 'second'
  }
  /** K4: the audit trail's key (or the file holding it) and its checkpoints, all kept outside the database. */
  audit: {
    key: string | undefined
    keyFile: string
    /** Outside production, with neither AUDIT_KEY nor AUDIT_KEY_FILE, audit.key in DATA_DIR is created on first start. */
    generateKey: boolean
    checkpointDir: string
    /** Auditors emailed each checkpoint (when SMTP is set up). */
    checkpointEmails: string[]
  }
  /** P1: thresholds that put a person on the attention list; none of them restricts anyone. */
  attention: AttentionThresholds
  /** Cookies are sent only over HTTPS when the service is reached over HTTPS. */
  secureCookies: boolean
  /** Issue 14: single sign-on with the council's identity provider; undefined when not set up. */
  oidc: OidcConfig | undefined
  /** Issue 14: whether staff may sign in with a password (off once everyone signs in with single sign-on). */
  passwordSignIn: boolean
}

export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string
  /** Shown on the sign-in page's button: "Sign in with Microsoft". */
  providerName: string
  /** The claim (in the ID token, or from the userinfo endpoint) that holds the provider's roles or groups. */
  rolesClaim: string
  /** The provider's role (or group id) → the roles it gives here. */
  roleMap: Record<string, Role[]>
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environment.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Fair Contact cannot start: these settings are not valid:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  if (e.NODE_ENV === 'production' && !e.BASE_URL) {
    throw new ConfigError('Fair Contact cannot start: BASE_URL must be set in production (the address staff use).')
  }
  if (e.NODE_ENV === 'production' && !e.COUNCIL_ADDRESS) {
    throw new ConfigError(
      'Fair Contact cannot start: COUNCIL_ADDRESS must be set in production (the return address on letters).',
    )
  }
  if (e.AUDIT_KEY && e.AUDIT_KEY_FILE) {
    throw new ConfigError('Fair Contact cannot start: set AUDIT_KEY or AUDIT_KEY_FILE, not both.')
  }
  if (e.NODE_ENV === 'production' && !e.AUDIT_KEY && !e.AUDIT_KEY_FILE) {
    throw new ConfigError(
      'Fair Contact cannot start: AUDIT_KEY or AUDIT_KEY_FILE must be set in production (the key the audit trail is signed with, kept outside the database).',
    )
  }
  const oidc = oidcConfig(e)
  if (e.PASSWORD_SIGN_IN === 'off' && !oidc) {
    throw new ConfigError(
      'Fair Contact cannot start: PASSWORD_SIGN_IN is off but single sign-on is not set up (OIDC_ISSUER): nobody could sign in.',
    )
  }
  const dataDir = path.resolve(e.DATA_DIR)
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  return {
    environment: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    signIn: {
      maxFailures: e.SIGN_IN_MAX_FAILURES,
      lockMinutes: e.SIGN_IN_LOCK_MINUTES,
      ratePerMinute: e.SIGN_IN_RATE_PER_MINUTE,
    },
    setUpLinkHours: e.SET_UP_LINK_HOURS,
    trustProxy: e.TRUST_PROXY,
    councilName: e.COUNCIL_NAME,
    councilAddress: (e.COUNCIL_ADDRESS ?? '')
      .split(',')
      .map((line) => line.trim())
      .filter(Boolean),
    councilContact: e.COUNCIL_CONTACT?.trim() ?? '',
    councilNation: e.COUNCIL_NATION,
    procedure: {
      maxRestrictionMonths: e.RESTRICTION_MAX_MONTHS,
      firstReviewWithinMonths: e.FIRST_REVIEW_MONTHS,
      monitoringWeeks: e.WARNING_MONITORING_WEEKS,
      challengeWorkingDays: e.CHALLENGE_WORKING_DAYS,
      ratificationWorkingDays: e.RATIFICATION_WORKING_DAYS,
    },
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.MAIL_FROM,
    },
    reminderDaysBefore: e.REMINDER_DAYS_BEFORE,
    notify: {
      apiKey: e.NOTIFY_API_KEY,
      baseUrl: e.NOTIFY_BASE_URL.replace(/\/$/, ''),
      emailTemplateId: e.NOTIFY_EMAIL_TEMPLATE_ID,
      callbackToken: e.NOTIFY_CALLBACK_TOKEN,
      postage: e.NOTIFY_POSTAGE,
    },
    audit: {
      key: e.AUDIT_KEY,
      keyFile: e.AUDIT_KEY_FILE ? path.resolve(e.AUDIT_KEY_FILE) : path.join(dataDir, 'audit.key'),
      generateKey: !e.AUDIT_KEY && !e.AUDIT_KEY_FILE,
      checkpointDir: e.AUDIT_CHECKPOINT_DIR ? path.resolve(e.AUDIT_CHECKPOINT_DIR) : dataDir,
      checkpointEmails: e.AUDIT_CHECKPOINT_EMAIL,
    },
    attention: {
      contacts7Days: e.ATTENTION_CONTACTS_7_DAYS,
      contacts30Days: e.ATTENTION_CONTACTS_30_DAYS,
      ratioToHistory: e.ATTENTION_RATIO_TO_HISTORY,
      closedMatterContacts90Days: e.ATTENTION_CLOSED_MATTER_CONTACTS_90_DAYS,
      channels7Days: e.ATTENTION_CHANNELS_7_DAYS,
      staff30Days: e.ATTENTION_STAFF_30_DAYS,
      staffMinutes30Days: e.ATTENTION_STAFF_MINUTES_30_DAYS,
    },
    secureCookies: baseUrl.startsWith('https://'),
    oidc,
    passwordSignIn: e.PASSWORD_SIGN_IN === 'on',
  }
}

/** Single sign-on is set up with all three of issuer, client id and secret, and at least one role mapped, or not at all. */
function oidcConfig(e: z.infer<typeof environment>): OidcConfig | undefined {
  const set = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length
  if (set === 0) return undefined
  if (set < 3 || !e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) {
    throw new ConfigError(
      'Fair Contact cannot start: single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, all three.',
    )
  }
  if (Object.keys(e.OIDC_ROLE_MAP).length === 0) {
    throw new ConfigError(
      'Fair Contact cannot start: OIDC_ROLE_MAP must map at least one of the provider\'s roles to a role here, e.g. {"FairContact.Admin":"admin"}.',
    )
  }
  if (e.NODE_ENV === 'production' && !e.OIDC_ISSUER.startsWith('https://')) {
    throw new ConfigError('Fair Contact cannot start: OIDC_ISSUER must be an https:// address in production.')
  }
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    providerName: e.OIDC_PROVIDER_NAME,
    rolesClaim: e.OIDC_ROLES_CLAIM,
    roleMap: Object.fromEntries(Object.entries(e.OIDC_ROLE_MAP).map(([key, value]) => [key, [value].flat()])),
  }
}
