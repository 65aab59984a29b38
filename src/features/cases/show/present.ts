import { decisionRoleNames, decisionRoles, type DecisionRole } from '../../../domain/roles.ts'
import { allows, type Permission } from '../../../domain/permissions.ts'
import type { Role } from '../../../domain/roles.ts'
import { workingDaysBetween } from '../../../domain/working-days.ts'
import { formatDate } from '../../../web/format.ts'
import type { CaseFile } from '../case-file.ts'

// Where a case stands, as a GOV.UK task list (F1–F10): each step's status, and a link to the next action only for a
// role that may take it.

const day = (iso: string | null | undefined) => (iso ? formatDate(new Date(`${iso}T12:00:00Z`)) : '')
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

type Tag = 'grey' | 'blue' | 'yellow' | 'green' | 'red' | 'turquoise' | 'orange'
const tag = (text: string, colour: Tag) => ({ tag: { text, classes: `govuk-tag--${colour}` } })
const done = (text = 'Completed') => ({ text })
const cannotStart = (text = 'Cannot start yet') => ({ text, classes: 'govuk-task-list__status--cannot-start-yet' })

/** "6 working days left", "due today", "2 working days overdue" (F8, F10: bank holidays excluded). */
export function workingDaysLeft(today: string, by: string, holidays: ReadonlySet<string>): string {
  const n = workingDaysBetween(today, by, holidays)
  if (by === today) return 'due today'
  if (n < 0) return `${plural(-n, 'working day')} overdue`
  if (by < today) return 'overdue'
  return `${plural(n, 'working day')} left`
}

export interface TaskItem {
  title: { text: string }
  hint?: { text: string }
  href?: string
  status: { text?: string; classes?: string; tag?: { text: string; classes: string } }
}

/** The seven steps of the procedure for this case (F1–F10). */
export function caseTasks(file: CaseFile, roles: readonly Role[], today: string, holidays: ReadonlySet<string>) {
  const can = (p: Permission) => allows(p, roles)
  const open = file.case.status === 'open'
  const id = file.case.id
  // A step's title is its action ("Issue a warning") only for a role that may take it; otherwise what it is ("Warning").
  const link = (p: Permission, href: string, when: boolean, action: string) =>
    when && open && can(p) ? { href, title: { text: action } } : {}
  const tasks: TaskItem[] = []

  // 1. F1, P5
  const evidence = file.case.incident_ids.length + file.case.contact_ids.length
  tasks.push({
    title: { text: 'Case opened' },
    hint: {
      text: `Opened on ${formatDate(file.case.opened_at)} by ${file.staffName(file.case.opened_by)}. Evidence: ${plural(evidence, 'incident or contact', 'incidents and contacts')}; business-as-usual measures described${file.case.arrangement_ids.length ? ` (${plural(file.case.arrangement_ids.length, 'recorded arrangement or informal warning', 'recorded arrangements and informal warnings')})` : ''}; reasonable adjustments considered.`,
    },
    status: done(file.case.status === 'closed' ? 'Closed' : 'Completed'),
  })

  // 2. F2, F3
  const warning = file.warnings.filter((w) => !w.withdrawn_on).at(-1)
  const immediate = file.proposals.some((p) => p.immediate_risk_justification)
  tasks.push({
    title: { text: 'Warning' },
    hint: {
      text: warning
        ? `Issued on ${day(warning.issued_on)}. Monitoring ends on ${day(warning.monitoring_ends_on)}.`
        : immediate
          ? 'Not needed: an immediate risk to staff was recorded (F8).'
          : 'Tell the person in writing what must change, before any restriction (F2, F3).',
    },
    ...link('warnings.issue', `/cases/${id}/warnings/new`, !warning, 'Issue a warning'),
    status: warning
      ? done('Issued')
      : immediate
        ? { text: 'Not needed if immediate risk' }
        : open
          ? tag('Not started', 'blue')
          : cannotStart('Not issued'),
  })

  // 3. F5–F8, P5, P6
  const proposal = file.proposals.at(-1)
  const live = file.restrictions.some((r) => ['awaiting_decision', 'approved', 'active'].includes(r.status))
  tasks.push({
    title: { text: 'Proposal' },
    hint: {
      text: proposal
        ? `Proposed on ${formatDate(proposal.proposed_at)} by ${file.staffName(proposal.proposed_by)}: ${plural(proposal.restrictions.length, 'restriction')}.`
        : warning || immediate
          ? 'If the behaviour continued, propose the least restrictive measure that will work (P6).'
          : 'Normally after a warning, unless the behaviour is an immediate risk to staff (F2, F8).',
    },
    ...link(
      'proposals.make',
      `/cases/${id}/proposals/new`,
      !live,
      proposal ? 'Propose new restrictions' : 'Propose restrictions',
    ),
    status: proposal
      ? proposal.status === 'awaiting_decision'
        ? tag('Awaiting decision', 'yellow')
        : proposal.status === 'approved'
          ? done('Approved')
          : tag('Rejected', 'red')
      : open
        ? warning || immediate
          ? tag('Not started', 'blue')
          : cannotStart()
        : cannotStart('Not proposed'),
  })

  const counted = (n: number) => ['None', 'One', 'Two', 'Three'][n] ?? String(n)
  // 4. F4 (and F8: the decisions ratify an interim restriction)
  const said = (role: DecisionRole) => {
    const d = proposal?.decisions.find((decision) => decision.role === role)
    const who = decisionRoleNames[role]
    return d
      ? `${who}: ${d.decision === 'approve' ? 'approved' : 'rejected'} on ${formatDate(d.decided_at)}`
      : `${who}: awaiting`
  }
  const ratify =
    proposal?.status === 'awaiting_decision' && proposal.ratify_by
      ? ` Must be ratified by ${day(proposal.ratify_by)}: ${workingDaysLeft(today, proposal.ratify_by, holidays)} (F8).`
      : ''
  tasks.push({
    title: { text: `Decisions (${decisionRoles.map((role) => decisionRoleNames[role]).join(', ')})` },
    hint: {
      text: proposal
        ? `${decisionRoles.map(said).join('. ')}.${ratify}`
        : 'Both decide, with reasons; neither may have proposed the restriction (F4).',
    },
    ...(proposal
      ? link(
          'proposals.decide',
          `/proposals/${proposal.id}`,
          proposal.status === 'awaiting_decision',
          'Record your decision',
        )
      : {}),
    status: !proposal
      ? cannotStart()
      : proposal.status === 'approved'
        ? done('Both approved')
        : proposal.status === 'rejected'
          ? tag('Rejected', 'red')
          : proposal.decisions.length > 0
            ? tag(
                `${counted(proposal.decisions.length)} of ${counted(decisionRoles.length).toLowerCase()} decided`,
                'yellow',
              )
            : tag('Awaiting decisions', 'yellow'),
  })

  // 5. F9 (F8: the interim restriction letter)
  const starts = proposal?.restrictions.map((r) => r.startsOn).sort()[0]
  const letterHint = proposal?.notice_issued_on
    ? `Issued on ${day(proposal.notice_issued_on)}. In force from ${day(starts && starts > proposal.notice_issued_on ? starts : proposal.notice_issued_on)}.`
    : proposal?.interim_imposed_on
      ? `Interim restriction letter issued on ${day(proposal.interim_imposed_on)}. The restriction letter follows both approvals (F8, F9).`
      : 'A restriction is not in force until this letter is issued (F9).'
  tasks.push({
    title: { text: 'Restriction letter' },
    hint: { text: letterHint },
    ...(proposal
      ? link(
          'letters.issue',
          `/proposals/${proposal.id}/notice`,
          proposal.status === 'approved' && !proposal.notice_issued_on,
          'Issue the restriction letter',
        )
      : {}),
    status: proposal?.notice_issued_on
      ? done('Issued')
      : proposal?.status === 'approved'
        ? tag('Ready to issue', 'blue')
        : proposal?.status === 'rejected'
          ? cannotStart('Not needed')
          : cannotStart(),
  })

  // 6. F7
  const active = file.restrictions.filter((r) => r.status === 'active')
  const nextReview = active.map((r) => r.reviewOn).sort()[0]
  const dueFirst = active.find((r) => r.reviewOn === nextReview)
  tasks.push({
    title: { text: 'Reviews' },
    hint: {
      text: nextReview
        ? `Next review due on ${day(nextReview)}.${file.reviews.length ? ` ${plural(file.reviews.length, 'review')} done.` : ''}`
        : file.reviews.length
          ? `${plural(file.reviews.length, 'review')} done. No restriction is in force.`
          : 'Each restriction is reviewed no later than 6 months after it starts (F7).',
    },
    ...(dueFirst
      ? link('restrictions.review', `/restrictions/${dueFirst.id}/reviews/new`, true, 'Review the restriction')
      : {}),
    status: nextReview
      ? nextReview < today
        ? tag('Overdue', 'red')
        : tag(`Due ${day(nextReview)}`, 'blue')
      : file.reviews.length
        ? done()
        : cannotStart(),
  })

  // 7. F10
  const waiting = file.challenges.filter((c) => c.outcome === null)
  const first = waiting[0]
  tasks.push({
    title: { text: 'Challenges' },
    hint: {
      text: first
        ? `${plural(waiting.length, 'challenge')} awaiting a decision. Respond by ${day(first.respond_by)}: ${workingDaysLeft(today, first.respond_by, holidays)} (F10).`
        : file.challenges.length
          ? `${plural(file.challenges.length, 'challenge')} decided.`
          : 'The person may challenge a warning (on facts) or a restriction within 10 working days (F10).',
    },
    ...(first && can('challenges.decide')
      ? { href: `/challenges/${first.id}`, title: { text: 'Decide the challenge' } }
      : {}),
    status: first
      ? first.respond_by < today
        ? tag('Overdue', 'red')
        : tag('Awaiting decision', 'yellow')
      : file.challenges.length
        ? done('Decided')
        : { text: 'None received' },
  })
  return tasks
}
