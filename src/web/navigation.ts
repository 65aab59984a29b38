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
  { text: 'Register', href: '/register', access: 'cases.read' },
  { text: 'Who may need attention', href: '/attention', access: 'attention.read' },
  { text: 'Report to members', href: '/report', access: 'report.members' },
  { text: 'Staff', href: '/staff', access: 'staff.manage' },
  { text: 'Settings', href: '/settings', access: 'settings.manage' },
  { text: 'Audit trail', href: '/audit', access: 'audit.read' },
  { text: 'Your account', href: '/account', access: 'signed_in' },
]
// Worklists reached from "What is due" and the home page rather than the navigation, to keep it short: the
// closed-matter queue, reviews due, bank holidays and the reminder log.

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
