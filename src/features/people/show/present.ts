import {
  channelNames,
  incidentCategoryNames,
  severityNames,
  type Channel,
  type IncidentCategory,
  type Severity,
} from '../../../domain/contacts.ts'
import { matterTypeNames, type MatterType } from '../../../domain/matters.ts'
import { formatDate } from '../../../web/format.ts'
import type { TimelineRow } from '../timeline.repository.ts'

export const outcomeNames: Record<string, string> = {
  upheld: 'upheld',
  partly_upheld: 'partly upheld',
  not_upheld: 'not upheld',
  resolved: 'resolved',
  withdrawn: 'withdrawn',
}

/** One timeline entry as the MoJ timeline component takes it. */
export function timelineItem(row: TimelineRow) {
  const about = row.reference ? ` about ${row.reference}` : ''
  const base = {
    datetime: { timestamp: row.at.toISOString(), type: 'datetime' },
    byline: row.by ? { text: row.by } : undefined,
  }
  switch (row.kind) {
    case 'contact': {
      const channel = channelNames[row.a as Channel] ?? row.a
      const minutes = row.c ? ` (${row.c} minutes of staff time)` : ''
      return {
        ...base,
        label: { text: `${channel} ${row.b === 'outbound' ? 'to them' : 'from them'}${about}` },
        text: `${row.detail}${minutes}`,
        attributes: { 'data-qa': 'timeline-contact' },
      }
    }
    case 'incident':
      return {
        ...base,
        label: {
          text: `Incident: ${incidentCategoryNames[row.a as IncidentCategory] ?? row.a} (${(severityNames[row.b as Severity] ?? row.b).toLowerCase()})${about}`,
        },
        text: row.c ? `${row.detail} Police reference: ${row.c}.` : row.detail,
        attributes: { 'data-qa': 'timeline-incident' },
      }
    case 'matter':
      return {
        ...base,
        label: { text: `${matterTypeNames[row.a as MatterType] ?? row.a} opened: ${row.reference}` },
        text: `${row.detail} (${row.b})`,
      }
    case 'matter_closed':
      return {
        ...base,
        label: { text: `${row.reference} closed: ${outcomeNames[row.b ?? ''] ?? row.b}` },
        text: row.c === 'true' ? `${row.detail}. The complaints process is exhausted.` : row.detail,
      }
    case 'safety_marker':
      // K3: a removed marker says when and why it was removed; its precautions are no longer shown.
      if (row.b)
        return {
          ...base,
          label: { text: 'Safety marker added, since removed' },
          text: `Removed on ${formatDate(new Date(`${row.b}T12:00:00Z`))}: ${row.detail}`,
        }
      return {
        ...base,
        label: { text: 'Safety marker added' },
        text: `${row.detail} (review by ${row.a ? formatDate(new Date(`${row.a}T12:00:00Z`)) : 'not set'})`,
      }
  }
}

/** Bars for the contacts-per-week chart, drawn as inline SVG on the server (the same figures are in a table). */
export function weekBars(weeks: { weekStarting: string; contacts: number }[], height = 80, barWidth = 10) {
  const max = Math.max(1, ...weeks.map((w) => w.contacts))
  return {
    width: weeks.length * (barWidth + 2),
    height,
    max,
    bars: weeks.map((w, i) => {
      const h = Math.round((w.contacts / max) * (height - 2))
      return {
        x: i * (barWidth + 2),
        y: height - h,
        width: barWidth,
        height: h,
        label: `Week starting ${formatDate(new Date(`${w.weekStarting}T12:00:00Z`))}: ${w.contacts}`,
      }
    }),
  }
}

/** A case on the person's page (F12: a closed case stays listed, so its history is at hand if behaviour resumes). */
export function caseRow(row: {
  id: string
  reference: string
  service: string
  status: 'open' | 'closed'
  opened_at: Date
  closed_at: Date | null
}) {
  return {
    ...row,
    statusTag:
      row.status === 'open'
        ? { text: 'Open', classes: 'govuk-tag--blue' }
        : { text: `Closed ${row.closed_at ? formatDate(row.closed_at) : ''}`.trim(), classes: 'govuk-tag--grey' },
  }
}
