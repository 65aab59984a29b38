import {
  disclose,
  SMALL_NUMBER,
  WARNING_FOLLOW_UP_MONTHS,
  type ReportFigures,
  type RestrictionCounts,
} from '../../domain/report.ts'
import { restrictionTypeNames } from '../../domain/restrictions.ts'

// The report's figures as tables (K5): one shape that the page, the CSV, the XLSX and the PDF all render, so that each
// shows exactly the same figures. The members' version passes every count through `disclose`.

export type Cell = number | string

export interface ReportTable {
  key: string
  title: string
  /** The procedure's rules the table reports on. */
  rules: string
  head: string[]
  rows: { label: string; cells: Cell[] }[]
  notes: string[]
}

export interface Chart {
  key: string
  title: string
  width: number
  height: number
  bars: { label: string; y: number; width: number; value: Cell; textX: number }[]
  barHeight: number
}

const dayWords = (days: number) => `${Number.isInteger(days) ? days : days.toFixed(1)} days`

export function reportTables(f: ReportFigures, options: { anonymised: boolean }): ReportTable[] {
  const n = (value: number): Cell => (options.anonymised ? disclose(value) : value)
  const r = f.restrictions
  const medianText =
    r.medianDaysInForce === null
      ? 'None ended'
      : options.anonymised && r.ended < SMALL_NUMBER
        ? `Not shown: fewer than ${SMALL_NUMBER} ended`
        : dayWords(r.medianDaysInForce)
  const countRow = (label: string, c: RestrictionCounts) => ({
    label,
    cells: [n(c.imposed), n(c.inForce), n(c.lifted), n(c.lapsed)],
  })
  const countHead = ['Imposed', 'In force', 'Lifted', 'Lapsed']
  const row = (label: string, value: Cell) => ({ label, cells: [value] })
  const measureHead = ['Measure', 'Number']
  /** A table of measures, one number each: `labels` names every one of `figures`, in the order the table shows them. */
  const measures = <K extends string>(
    table: { key: string; title: string; rules: string; notes?: string[] },
    figures: Record<K, number>,
    labels: Record<K, string>,
  ): ReportTable => ({
    key: table.key,
    title: table.title,
    rules: table.rules,
    head: measureHead,
    rows: (Object.keys(labels) as K[]).map((figure) => row(labels[figure], n(figures[figure]))),
    notes: table.notes ?? [],
  })
  return [
    {
      key: 'restrictions',
      title: 'Restrictions',
      rules: 'F7, F8, F9',
      head: measureHead,
      rows: [
        row('Imposed in the period (restriction letter issued, or interim restriction imposed)', n(r.imposed)),
        row('In force at any time in the period', n(r.inForce)),
        row('In force at the end of the period', n(r.inForceAtEnd)),
        row('People with a restriction in force in the period', n(r.peopleInForce)),
        row('Lifted in the period (at a review, after a challenge, or replaced)', n(r.lifted)),
        row('Of those lifted: replaced by a new decision', n(r.replaced)),
        row('Lapsed in the period (reached the end date, or an interim restriction not ratified)', n(r.lapsed)),
        row('Of those lapsed: interim restrictions not ratified', n(r.notRatified)),
        row('Ended in the period (lifted or lapsed)', n(r.ended)),
        row('Median time in force of the restrictions that ended', medianText),
      ],
      notes: ['Time in force runs from the day a restriction came into force to the day it was lifted or lapsed.'],
    },
    {
      key: 'by-type',
      title: 'Restrictions by type',
      rules: 'F5',
      head: ['Type', ...countHead],
      rows: r.byType.map((t) => countRow(restrictionTypeNames[t.type], t)),
      notes: [],
    },
    {
      key: 'by-service',
      title: 'Restrictions by service',
      rules: 'F6',
      head: ['Service', ...countHead],
      rows: r.byService.map((s) => countRow(s.service, s)),
      notes: [
        'A restriction that covers several services is counted under each, so the rows can add up to more than the total.',
      ],
    },
    measures({ key: 'reviews', title: 'Reviews', rules: 'F7' }, f.reviews, {
      done: 'Reviews done in the period',
      onTime: 'Done on or before the date they were due',
      late: 'Done after the date they were due',
      overdueAtEnd: 'Overdue and not done at the end of the period',
    }),
    measures(
      {
        key: 'warnings',
        title: 'Warnings',
        rules: 'F2, F3',
        notes: [
          `A warning's follow-up time is its monitoring period and ${WARNING_FOLLOW_UP_MONTHS} months after it. A warning was followed by a restriction if, in that time, a restriction on the same case was approved by the Chief Executive and the Monitoring Officer or imposed as an interim restriction. Each warning is counted once, in the period its follow-up time ends.`,
        ],
      },
      f.warnings,
      {
        issued: 'Warnings issued in the period',
        withdrawn: 'Warnings withdrawn in the period',
        followUpEnded: 'Warnings whose follow-up time ended in the period',
        ledToRestriction: 'Of those: followed by a restriction',
        ledToNoRestriction: 'Of those: not followed by any restriction',
      },
    ),
    measures({ key: 'challenges', title: 'Challenges', rules: 'F10' }, f.challenges, {
      received: 'Challenges received in the period',
      ofWarnings: 'Of those: to a warning',
      ofRestrictions: 'Of those: to a restriction',
      receivedOutOfTime: 'Of those: received after the time to challenge',
      decided: 'Challenges decided in the period',
      upheld: 'Upheld',
      varied: 'Upheld in part (varied)',
      notUpheld: 'Not upheld',
      answeredByRespondBy: 'Answered by the respond-by date',
      answeredLate: 'Answered after the respond-by date',
      awaitingAtEnd: 'Awaiting a decision at the end of the period',
      awaitingPastRespondBy: 'Of those: past the respond-by date',
    }),
    measures({ key: 'interim', title: 'Interim restrictions', rules: 'F8' }, f.interim, {
      imposed: 'Interim restrictions imposed in the period',
      ratifiedInTime: 'Of those: ratified by both decision-makers in time',
      notRatified: 'Of those: not ratified (rejected, or the deadline passed)',
      awaitingAtEnd: 'Of those: awaiting ratification at the end of the period',
    }),
    measures(
      {
        key: 'adjustments',
        title: 'Reasonable adjustments considered',
        rules: 'P5',
        notes: [
          'Every case and every proposal records how adjustments were considered; these count where they applied.',
        ],
      },
      f.adjustments,
      {
        casesOpened: 'Cases opened in the period',
        casesWithAdjustments: 'Of those: the person had agreed adjustments',
        proposalsMade: 'Restrictions proposed in the period (proposals)',
        proposalsWithAdjustments: 'Of those: the person had agreed adjustments',
        conflictsJustified:
          'Of those: a restriction conflicted with an agreed adjustment and the reason it was still justified was recorded',
      },
    ),
  ]
}

/**
 * A horizontal bar chart drawn on the server (SVG) from one column of a table: the same figures as the table. Each bar
 * has its label above it, so that the chart stays legible when it is scaled to a narrow screen.
 */
export function barChart(table: ReportTable, column: number, title: string): Chart {
  const width = 600
  const barArea = 480
  const barHeight = 24
  const rowHeight = 62
  const values = table.rows.map((r) => r.cells[column] ?? 0)
  const max = Math.max(1, ...values.map((v) => (typeof v === 'number' ? v : 0)))
  return {
    key: table.key,
    title,
    width,
    height: table.rows.length * rowHeight + 8,
    barHeight,
    bars: table.rows.map((r, i) => {
      const value = r.cells[column] ?? 0
      const barWidth = typeof value === 'number' ? Math.round((value / max) * barArea) : 0
      return { label: r.label, y: i * rowHeight + 26, width: barWidth, value, textX: barWidth + 8 }
    }),
  }
}
