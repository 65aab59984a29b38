import { sql } from 'kysely'
import { dueKindNames, worklistsFor, type DueKind } from '../../../domain/due.ts'
import { londonDate } from '../../../domain/london-time.ts'
import { allows } from '../../../domain/permissions.ts'
import { restrictionStatus } from '../../../domain/restrictions.ts'
import type { Role } from '../../../domain/roles.ts'
import type { Services } from '../../../services.ts'
import { restrictionsInForceStates } from './dashboard.repository.ts'
import { refreshAttention } from '../../attention/attention.service.ts'
import { loadDueItems } from '../../due/due.repository.ts'
import { currentCouncilSettings } from '../../settings/settings.service.ts'

// The home page as a dashboard (issue 6): for each role, the counts that matter to it, each linked to the list behind
// it. Front-line staff get the contact check first: they must know in seconds how to deal with a contact.

export interface DashboardCard {
  title: string
  count: number
  /** e.g. "3 overdue" */
  note: string | null
  href: string
  urgent: boolean
}

export async function dashboardFor(services: Services, roles: readonly Role[]) {
  const { db, config } = services
  const today = londonDate(services.now())
  const cards: DashboardCard[] = []

  const mine = worklistsFor(await loadDueItems(db, today, config.reminderDaysBefore), roles)
  const items = [...new Map(mine.flatMap((w) => w.items).map((i) => [`${i.kind}:${i.id}`, i])).values()]
  const byKind = new Map<DueKind, { count: number; overdue: number }>()
  for (const item of items) {
    const entry = byKind.get(item.kind) ?? { count: 0, overdue: 0 }
    entry.count += 1
    if (item.state === 'overdue') entry.overdue += 1
    byKind.set(item.kind, entry)
  }
  for (const [kind, { count, overdue }] of byKind) {
    cards.push({
      title: dueKindNames[kind],
      count,
      note: overdue ? `${overdue} overdue` : null,
      href: `/due?kind=${kind}`,
      urgent: overdue > 0,
    })
  }

  if (allows('cases.read', roles)) {
    const states = await restrictionsInForceStates(db)
    const inForce = new Set(states.filter((s) => restrictionStatus(s, today) === 'active').map((s) => s.personId))
    cards.push({
      title: 'People with restrictions in force',
      count: inForce.size,
      note: null,
      href: '/register',
      urgent: false,
    })
  }
  if (allows('attention.read', roles)) {
    // The same figures the attention page shows: rows that are due are worked out first (cheap when none are).
    await refreshAttention(db, today, currentCouncilSettings(services).attention) // issue 14: the council's
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from person_indicator where flags <> '{}'`.execute(db)
    cards.push({
      title: 'People who may need attention (P1)',
      count: Number(rows[0]?.n ?? 0),
      note: 'a prompt to look, never a decision',
      href: '/attention',
      urgent: false,
    })
  }

  const links: { text: string; href: string }[] = []
  if (allows('closed_matters.process', roles))
    links.push({ text: 'Closed-matter queue (F11)', href: '/closed-matters' })
  if (allows('restrictions.review', roles)) links.push({ text: 'Reviews due (F7)', href: '/reviews' })
  if (allows('cases.read', roles)) links.push({ text: 'Register of restrictions (K2)', href: '/register' })
  if (allows('report.members', roles)) links.push({ text: 'Report to members (K5)', href: '/report' })
  if (allows('records.import', roles))
    links.push({ text: 'Import people, matters and contacts from a CRM export', href: '/import' })
  if (allows('staff.manage', roles)) links.push({ text: 'Staff, roles and API tokens', href: '/staff' })
  if (allows('bank_holidays.manage', roles)) links.push({ text: 'Bank holidays', href: '/bank-holidays' })
  if (allows('reminders.read', roles)) links.push({ text: 'Reminder emails sent', href: '/reminders' })
  if (allows('audit.read', roles)) links.push({ text: 'Audit trail', href: '/audit' })

  return { cards, links, canCheck: allows('contacts.check', roles), worklistItems: items.length }
}
