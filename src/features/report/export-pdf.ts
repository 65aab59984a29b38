import { A4, accessiblePdf, MM, numberPages, PDF_BOLD, PDF_REGULAR } from '../../web/pdf.ts'
import { formatDate } from '../../web/format.ts'
import type { Report } from './report.service.ts'

// The report as an accessible PDF (K5): A4, tagged (H1, H2, P, Table with TH headers for columns and rows), real
// text, its title shown in the window's title bar and its language en-GB. The same tables as the page.

const MARGIN = { top: 20 * MM, left: 20 * MM, right: 20 * MM, bottom: 20 * MM }
const REGULAR = PDF_REGULAR
const BOLD = PDF_BOLD

const longDate = (day: string) => formatDate(new Date(`${day}T12:00:00Z`))

/** pdfkit tags a table when given the structure element to hang it from (documented; not in its type definitions). */
type TaggedTableOptions = PDFKit.Mixins.TableOptionsWithData & { structParent: PDFKit.PDFStructureElement }
type HeaderCell = PDFKit.Mixins.CellOptions & { scope: 'Column' | 'Row' }

export async function reportPdf(report: Report, councilName: string): Promise<Buffer> {
  const title = `Report to members: ${longDate(report.period.from)} to ${longDate(report.period.to)}`
  const created = new Date(`${report.period.to}T12:00:00Z`)
  const { doc, done } = accessiblePdf({
    title,
    subject: 'Customer behaviour procedure: report to members (K5)',
    author: councilName,
    created: created,
    margins: MARGIN,
  })
  const width = A4.width - MARGIN.left - MARGIN.right
  const bottom = A4.height - MARGIN.bottom
  const root = doc.struct('Document')
  doc.addStructure(root)
  const add = (parent: PDFKit.PDFStructureElement, tag: string, draw: () => void) =>
    parent.add(doc.struct(tag, {}, draw))
  const paragraph = (parent: PDFKit.PDFStructureElement, text: string, size = 11) => {
    add(parent, 'P', () => doc.font(REGULAR).fontSize(size).text(text, MARGIN.left, doc.y, { width }))
    doc.moveDown(0.5)
  }

  add(root, 'H1', () => doc.font(BOLD).fontSize(20).text(title, MARGIN.left, doc.y, { width }))
  doc.moveDown(0.5)
  paragraph(root, `${councilName}. The customer behaviour procedure: what was done in the period (K5).`)
  paragraph(root, 'Figures are as at the end of the period: nothing recorded after it is counted.')
  if (report.anonymised) {
    paragraph(
      root,
      'This is the members’ version. It names no one. Figures of 1 or 2 are shown as “fewer than 3” so that no one can be identified.',
    )
  } else {
    paragraph(root, 'This version names people. It is not for publication.')
  }

  const table = (parent: PDFKit.PDFStructureElement, head: string[], rows: string[][]) => {
    const header: HeaderCell[] = head.map((text) => ({
      text,
      type: 'TH',
      scope: 'Column',
      font: { src: BOLD },
      backgroundColor: '#f3f2f1',
    }))
    const body = rows.map((cells) =>
      cells.map((text, i): PDFKit.Mixins.CellOptions | HeaderCell =>
        i === 0 ? { text, type: 'TH', scope: 'Row', font: { src: REGULAR } } : { text },
      ),
    )
    doc.font(REGULAR).fontSize(10)
    const options: TaggedTableOptions = {
      structParent: parent,
      position: { x: MARGIN.left, y: doc.y },
      maxWidth: width,
      columnStyles: head.map((_, i) => (i === 0 ? '*' : head.length > 2 ? 72 : 110)),
      defaultStyle: { border: 0.5, borderColor: '#b1b4b6', padding: 4 },
      data: [header, ...body],
    }
    doc.table(options)
    doc.x = MARGIN.left
    doc.moveDown(0.8)
  }

  for (const t of report.tables) {
    const sect = doc.struct('Sect')
    root.add(sect)
    doc.font(BOLD).fontSize(14)
    if (doc.y + 120 > bottom) doc.addPage()
    add(sect, 'H2', () => doc.font(BOLD).fontSize(14).text(`${t.title} (${t.rules})`, MARGIN.left, doc.y, { width }))
    doc.moveDown(0.4)
    table(
      sect,
      t.head,
      t.rows.map((r) => [r.label, ...r.cells.map(String)]),
    )
    for (const note of t.notes) paragraph(sect, note, 9)
    sect.end()
  }

  if (!report.anonymised && report.named.length > 0) {
    const sect = doc.struct('Sect')
    root.add(sect)
    doc.addPage()
    add(sect, 'H2', () => doc.font(BOLD).fontSize(14).text('The restrictions counted', MARGIN.left, doc.y, { width }))
    doc.moveDown(0.4)
    table(
      sect,
      ['Person', 'Case', 'Type', 'In force from', 'Ended'],
      report.named.map((r) => [
        r.personName,
        r.caseReference,
        r.type,
        r.inForceFrom ? longDate(r.inForceFrom) : '',
        r.endedOn ? longDate(r.endedOn) : '',
      ]),
    )
    sect.end()
  }
  root.end()

  numberPages(doc, { left: MARGIN.left, top: A4.height - 12 * MM, width, fontSize: 9 })
  doc.end()
  return done
}
