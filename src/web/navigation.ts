import { allows, type Access } from '../domain/permissions.ts'
import type { Role } from '../domain/roles.ts'

interface NavItem {
  text: string
  href: string
  access: Access
}

// The service navigation, by role: a link shows only where its page would let the user in.
const items: NavItem[] = [
  { text: 'Home', href: '/', access: 'signed_in' },
  { text: 'Check a contact', href: '/check', access: 'contacts.check' },
  { text: 'What is due', href: '/due', access: 'signed_in' },
  { text: 'Find a person', href: '/people', access: 'people.read' },
  { text: 'Closed-matter queue', href: '/closed-matters', access: 'closed_matters.process' },
  { text: 'Register', href: '/register', access: 'cases.read' },
  { text: 'Reviews due', href: '/reviews', access: 'restrictions.review' },
  { text: 'Who may need attention', href: '/attention', access: 'attention.read' },
  { text: 'Staff', href: '/staff', access: 'staff.manage' },
  { text: 'Bank holidays', href: '/bank-holidays', access: 'bank_holidays.manage' },
  { text: 'Report to members', href: '/report', access: 'report.members' },
  { text: 'Audit trail', href: '/audit', access: 'audit.read' },
  { text: 'Reminder emails', href: '/reminders', access: 'reminders.read' },
  { text: 'Your account', href: '/account', access: 'signed_in' },
]

export function navigationFor(roles: readonly Role[], currentPath: string) {
  return items
    .filter((item) => allows(item.access, roles))
    .map((item) => ({
      text: item.text,
      href: item.href,
      active:
        item.href === '/' ? currentPath === '/' : currentPath === item.href || currentPath.startsWith(`${item.href}/`),
    }))
}
