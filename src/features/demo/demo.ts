import { randomBytes } from 'node:crypto'
import type { Config } from '../../config.ts'
import type { Db } from '../../db/database.ts'
import { roles, roleNames, type Role } from '../../domain/roles.ts'
import { appendAuditEntry } from '../../audit/audit.ts'
import { hashPassword } from '../../web/credentials.ts'
import { countStaffUsers, insertStaffUser, replaceRoles, replaceServices } from '../staff/staff.repository.ts'
import { fillProcedureDemo } from './procedure-demo.ts'
import { fillRecordDemo } from './record-demo.ts'

const DEMO_ACTOR = { id: null, label: 'fair-contact demo' }

// A fictional council's staff: one per role. The domain is reserved for examples, so no real mailbox receives mail.
const people: Record<Role, string> = {
  frontline: 'Priya Shah',
  case_officer: 'Tom Okafor',
  head_of_service: 'Helen Marsh',
  chief_executive: 'David Lowe',
  monitoring_officer: 'Grace Adeyemi',
  senior_reviewer: 'Martin Price',
  admin: 'Sam Taylor',
  auditor: 'Alex Byrne',
}

/** F1: the demo's one Head of Service belongs to every service the demo opens a case for. */
const servicesOf: Partial<Record<Role, string[]>> = {
  head_of_service: ['Council tax', 'Highways', 'Housing', 'Parking', 'Planning', 'Waste'],
}

export class DemoRefused extends Error {}

/** Fills an empty database with demo staff. Refuses a database that holds any staff user: it may be real. */
export async function fillWithDemo(db: Db, config: Config): Promise<string[]> {
  if ((await countStaffUsers(db)) > 0) {
    throw new DemoRefused(
      'This database already holds staff users, so it may hold real data. The demo only fills an empty database: point DATA_DIR (or DATABASE_URL) at a new one.',
    )
  }
  const accounts: { role: Role; name: string; email: string; password: string; id: string }[] = []
  let recordLines: string[] = []
  await db.transaction().execute(async (trx) => {
    for (const role of roles) {
      const name = people[role]
      const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@demo.example.org`
      const password = randomBytes(12).toString('base64url')
      const id = await insertStaffUser(trx, { email, name, passwordHash: await hashPassword(password) })
      await replaceRoles(trx, id, [role])
      const services = servicesOf[role] ?? []
      await replaceServices(trx, id, services)
      await appendAuditEntry(trx, DEMO_ACTOR, {
        action: 'staff_user.created',
        objectType: 'staff_user',
        objectId: id,
        reason: 'Demo data',
        after: { email, name, roles: [role], ...(services.length > 0 && { services }) },
      })
      accounts.push({ role, name, email, password, id })
    }
    const caseOfficer = accounts.find((a) => a.role === 'case_officer')
    const now = new Date()
    recordLines = await fillRecordDemo(
      trx,
      { id: caseOfficer?.id ?? null, label: `${caseOfficer?.name} <${caseOfficer?.email}>` },
      now,
    )
    const staff = Object.fromEntries(
      accounts.map((a) => [a.role, { id: a.id, label: `${a.name} <${a.email}>`, roles: [a.role] }]),
    ) as Record<Role, { id: string; label: string; roles: Role[] }>
    recordLines.push('', ...(await fillProcedureDemo(trx, staff, config, now)))
  })
  return [
    `Demo staff added to ${config.databaseUrl ? 'the PostgreSQL database' : config.dataDir}. These passwords are shown only now:`,
    '',
    ...accounts.map((a) => `  ${roleNames[a.role].name.padEnd(20)} ${a.email.padEnd(34)} ${a.password}`),
    '',
    ...recordLines,
    '',
    `Start the service with "npm start" and sign in at ${config.baseUrl}/sign-in`,
  ]
}
