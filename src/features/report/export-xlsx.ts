import ExcelJS from 'exceljs'
import { formatDate } from '../../web/format.ts'
import { safeCell } from './export-csv.ts'
import type { Report } from './report.service.ts'

// The report as an Excel workbook (K5): a sheet "About" with the period and how to read the figures, then a sheet per
// section, each the same table as the page.

const longDate = (day: string) => formatDate(new Date(`${day}T12:00:00Z`))

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (title: string) => title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31)

export async function reportXlsx(report: Report, councilName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Fair Contact'
  workbook.title = `Report to members: ${longDate(report.period.from)} to ${longDate(report.period.to)}`
  workbook.created = new Date(`${report.period.to}T12:00:00Z`)

  const about = workbook.addWorksheet('About')
  about.columns = [{ width: 40 }, { width: 90 }]
  about.addRows([
    ['Report', `Report to members on the customer behaviour procedure (K5), ${councilName}`],
    ['Period from', longDate(report.period.from)],
    ['Period to', longDate(report.period.to)],
    ['Version', report.anonymised ? 'Members (anonymised)' : 'Named (not for publication)'],
    ['Figures as at', 'The end of the period: nothing recorded after it is counted.'],
  ])
  if (report.anonymised) {
    about.addRow(['Small numbers', 'Figures of 1 or 2 are shown as "fewer than 3" so that no one can be identified.'])
  }
  about.getColumn(1).font = { bold: true }

  for (const table of report.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title))
    sheet.columns = table.head.map((_, i) => ({ width: i === 0 ? 70 : 18 }))
    sheet.addRow([`${table.title} (${table.rules})`]).font = { bold: true, size: 14 }
    sheet.addRow(table.head).font = { bold: true }
    for (const row of table.rows) sheet.addRow([safeCell(row.label), ...row.cells.map(safeCell)])
    for (const note of table.notes) sheet.addRow([note])
    sheet.views = [{ state: 'frozen', ySplit: 2 }]
  }

  if (!report.anonymised && report.named.length > 0) {
    const sheet = workbook.addWorksheet('Restrictions named')
    sheet.columns = [
      { width: 30 },
      { width: 20 },
      { width: 36 },
      { width: 30 },
      { width: 18 },
      { width: 18 },
      { width: 24 },
    ]
    sheet.addRow(['Person', 'Case', 'Type', 'Scope', 'In force from', 'Ended', 'At the end of the period']).font = {
      bold: true,
    }
    for (const r of report.named) {
      sheet.addRow(
        [r.personName, r.caseReference, r.type, r.scope, r.inForceFrom ?? '', r.endedOn ?? '', r.statusAtEnd].map(
          safeCell,
        ),
      )
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
