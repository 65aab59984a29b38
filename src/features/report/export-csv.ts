import { stringify } from 'csv-stringify/sync'
import type { Cell } from './present.ts'
import type { Report } from './report.service.ts'

// The report as CSV (K5): one row per figure, so that it can be filtered and charted in any spreadsheet. The same
// tables as the page, so the same figures (and, in the members' version, the same "fewer than 3").

/** A text cell that a spreadsheet would read as a formula is written as text (CSV injection). */
export function safeCell(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export function reportCsv(report: Report): string {
  const rows: Cell[][] = [['Section', 'Measure', 'Figure', 'Value']]
  rows.push(['Period', 'From', '', report.period.from], ['Period', 'To', '', report.period.to])
  rows.push(['Version', report.anonymised ? 'Members (anonymised)' : 'Named', '', ''])
  for (const table of report.tables) {
    for (const row of table.rows) {
      row.cells.forEach((cell, i) => {
        rows.push([table.title, row.label, table.head[i + 1] ?? '', cell])
      })
    }
  }
  if (!report.anonymised) {
    for (const r of report.named) {
      rows.push(['Restrictions named', r.personName, r.caseReference, `${r.type}; ${r.scope}; ${r.statusAtEnd}`])
    }
  }
  return stringify(rows.map((r) => r.map(safeCell)))
}
