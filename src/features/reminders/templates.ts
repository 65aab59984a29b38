import { dueKindNames, type DueKind, type ReminderStage } from '../../domain/due.ts'
import { roleNames, type Role } from '../../domain/roles.ts'
import { formatDate } from '../../web/format.ts'
import type { Email } from './mailer.ts'

// The reminder email: what is due, when, and the link. K6: no names of the public in an email (it leaves the service);
// the link opens the record for a signed-in member of staff.
const what: Record<DueKind, string> = {
  review: 'A restriction is due for review (F7): continue, vary or lift it.',
  decision: 'A proposed restriction is waiting for your decision with reasons (F4).',
  ratification: 'An interim restriction must be ratified or ended by the decision-makers (F8).',
  challenge: 'A challenge is waiting for a decision by a senior officer not involved in the case (F10).',
  monitoring: 'The monitoring period after a warning ends (F3): decide what happens next.',
  safety_marker: 'A staff-safety marker is due for review (K3).',
  closed_matter_item: 'Correspondence on a closed matter is waiting to be read (F11).',
  letter: 'A letter was returned or could not be sent (F9): the person may not know; write to them again.',
}

export interface ReminderFacts {
  kind: DueKind
  dueOn: string
  stage: ReminderStage
  workingDaysLeft: number
  recipientName: string
  role: Role
  link: string
}

function when(facts: ReminderFacts): string {
  const date = formatDate(new Date(`${facts.dueOn}T12:00:00Z`))
  const n = Math.abs(facts.workingDaysLeft)
  const days = `${n} working day${n === 1 ? '' : 's'}`
  if (facts.stage === 'overdue') return `It was due on ${date} and is overdue (${days} ago).`
  if (facts.stage === 'due') return `It is due today, ${date}.`
  return `It is due on ${date} (${days} from today).`
}

export function reminderSubject(facts: Pick<ReminderFacts, 'kind' | 'dueOn' | 'stage'>): string {
  const name = dueKindNames[facts.kind]
  const date = formatDate(new Date(`${facts.dueOn}T12:00:00Z`))
  if (facts.stage === 'overdue') return `Overdue: ${name} (was due ${date})`
  if (facts.stage === 'due') return `Due today: ${name}`
  return `Coming up: ${name} (due ${date})`
}

const escape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function reminderEmail(to: string, facts: ReminderFacts): Email {
  const lines = [
    `Dear ${facts.recipientName},`,
    what[facts.kind],
    when(facts),
    `Open it in Fair Contact: ${facts.link}`,
    `You are receiving this because you are a ${roleNames[facts.role].name} in Fair Contact. Each reminder is sent once, a few days before, on the day and when overdue.`,
  ]
  const html = [
    `<p>${escape(lines[0] ?? '')}</p>`,
    `<p><strong>${escape(what[facts.kind])}</strong></p>`,
    `<p>${escape(when(facts))}</p>`,
    `<p><a href="${escape(facts.link)}">Open it in Fair Contact</a></p>`,
    `<p style="color:#505a5f">${escape(lines[4] ?? '')}</p>`,
  ].join('\n')
  return { to, subject: reminderSubject(facts), text: lines.join('\n\n') + '\n', html }
}
