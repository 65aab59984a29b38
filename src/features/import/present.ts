import { channelNames } from '../../domain/contacts.ts'
import { formatPhone } from '../../domain/identifiers.ts'
import { matterTypeNames } from '../../domain/matters.ts'
import { formatDate, formatDateTime } from '../../web/format.ts'
import type { ImportPlan, Rejection } from './plan.ts'

// The preview: the first rows as they will be stored (normalised), and the rejected rows with why.

export interface Table {
  head: string[]
  rows: string[][]
}

const cut = (value: string, max = 120) => (value.length > max ? `${value.slice(0, max)}…` : value)
const words = (value: string) => value.replace(/_/g, ' ')

export function previewTable(plan: ImportPlan, limit: number): Table {
  if (plan.kind === 'people') {
    return {
      head: [
        'Row',
        'External reference',
        'Full name',
        'Other name',
        'Email address',
        'Phone number',
        'Address',
        'Date of birth',
      ],
      rows: plan.valid
        .slice(0, limit)
        .map(({ row, value: { externalRef, person: p } }) => [
          String(row),
          externalRef ?? '',
          p.fullName,
          p.aliases.join(', '),
          p.emails.join(', '),
          p.phones.map(formatPhone).join(', '),
          p.addresses.map((a) => [a.line1, a.line2, a.town, a.postcode].filter(Boolean).join(', ')).join('; '),
          p.dateOfBirth ? formatDate(new Date(`${p.dateOfBirth}T12:00:00Z`)) : '',
        ]),
    }
  }
  if (plan.kind === 'matters') {
    return {
      head: [
        'Row',
        'External reference',
        'Person',
        'Type',
        'Subject',
        'Service',
        'Status',
        'Opened',
        'Closed',
        'Outcome',
      ],
      rows: plan.valid
        .slice(0, limit)
        .map(({ row, value: m }) => [
          String(row),
          m.externalRef ?? '',
          m.personRef,
          matterTypeNames[m.type] +
            (m.complaintStage && m.complaintStage !== 'closed' ? ` (${words(m.complaintStage)})` : ''),
          cut(m.subject),
          m.service,
          m.status === 'closed' ? `Closed${m.processExhausted ? ', process exhausted' : ''}` : 'Open',
          m.openedAt ? formatDate(m.openedAt) : 'Today',
          m.closedAt ? formatDate(m.closedAt) : '',
          m.outcome ? words(m.outcome) : '',
        ]),
    }
  }
  return {
    head: ['Row', 'Person', 'Matter', 'Channel', 'Direction', 'When', 'Minutes', 'Summary'],
    rows: plan.valid
      .slice(0, limit)
      .map(({ row, value: c }) => [
        String(row),
        c.personRef,
        c.matterRef ?? '',
        channelNames[c.channel],
        c.direction === 'inbound' ? 'Inbound' : 'Outbound',
        formatDateTime(c.at),
        c.minutesSpent === undefined ? '' : String(c.minutesSpent),
        cut(c.summary),
      ]),
  }
}

/** The rejected rows for a page: all of them up to a limit (the downloadable report has every one). */
export function rejectedTable(rejected: Rejection[], limit: number) {
  return {
    rows: rejected.slice(0, limit),
    more: Math.max(0, rejected.length - limit),
  }
}
