// The case file as one accessible PDF (F1–F12): what the council would send the Ombudsman. A4, tagged (H1, H2, P),
// real text, title and language set, "Page X of Y" on every page as pagination artifacts.

import { A4, accessiblePdf, MM, numberPages, PDF_BOLD, PDF_REGULAR } from '../../../web/pdf.ts'
import type { Entry } from './chronology.ts'

const MARGIN = { top: 20 * MM, left: 20 * MM, right: 20 * MM, bottom: 25 * MM }
const REGULAR = PDF_REGULAR
const BOLD = PDF_BOLD
const SIZES = { body: 11, h1: 20, h2: 13, small: 9 }

export interface CaseFileDocument {
  councilName: string
  reference: string
  personName: string
  service: string
  status: string
  /** When the file was produced, written out. */
  producedOn: string
  /** P2: the contact pattern and, beside it, the matters raised and the complaints upheld, in words. */
  pattern: { pattern: string; counterweights: string }
  entries: Entry[]
}

export async function renderCaseFilePdf(file: CaseFileDocument, now: Date): Promise<Buffer> {
  const title = `Case file ${file.reference}: ${file.personName}`
  const { doc, done } = accessiblePdf({
    title,
    subject: `The chronology of case ${file.reference}`,
    author: file.councilName,
    created: now,
    margins: MARGIN,
  })

  const width = A4.width - MARGIN.left - MARGIN.right
  const bottom = A4.height - MARGIN.bottom
  const root = doc.struct('Document')
  doc.addStructure(root)
  const paragraph = (parent: PDFKit.PDFStructureElement, text: string, font = REGULAR, size = SIZES.body) =>
    parent.add(doc.struct('P', {}, () => doc.font(font).fontSize(size).text(text, MARGIN.left, doc.y, { width })))

  root.add(doc.struct('H1', {}, () => doc.font(BOLD).fontSize(SIZES.h1).text(title, MARGIN.left, doc.y, { width })))
  doc.moveDown(0.5)
  paragraph(root, `${file.councilName}. Service: ${file.service}. Case status: ${file.status}.`)
  paragraph(root, `Produced on ${file.producedOn}. Everything recorded in the case, in date order.`)
  doc.moveDown(1)

  // P2: wherever persistence is shown, the counterweights are shown beside it.
  const counterweights = doc.struct('Sect')
  root.add(counterweights)
  const patternHeading = 'Contact pattern and complaints upheld (P2)'
  counterweights.add(
    doc.struct('H2', {}, () => doc.font(BOLD).fontSize(SIZES.h2).text(patternHeading, MARGIN.left, doc.y, { width })),
  )
  doc.moveDown(0.3)
  for (const line of [
    `As this file was produced. Contact pattern: ${file.pattern.pattern}.`,
    `${file.pattern.counterweights}. Many genuine complaints are not unreasonable persistence.`,
  ]) {
    paragraph(counterweights, line)
    doc.moveDown(0.3)
  }
  counterweights.end()
  doc.moveDown(0.6)

  for (const entry of file.entries) {
    const sect = doc.struct('Sect')
    root.add(sect)
    const heading = `${entry.when}: ${entry.title}`
    doc.font(BOLD).fontSize(SIZES.h2)
    // Keep a heading with at least two lines of what follows it.
    if (doc.y + doc.heightOfString(heading, { width }) + SIZES.body * 3 > bottom) doc.addPage()
    sect.add(doc.struct('H2', {}, () => doc.font(BOLD).fontSize(SIZES.h2).text(heading, MARGIN.left, doc.y, { width })))
    doc.moveDown(0.3)
    for (const line of entry.lines) {
      paragraph(sect, line)
      doc.moveDown(0.3)
    }
    sect.end()
    doc.moveDown(0.6)
  }
  paragraph(root, 'End of case file', BOLD)
  root.end()

  numberPages(doc, {
    left: MARGIN.left,
    top: A4.height - 12 * MM - SIZES.small,
    width,
    fontSize: SIZES.small,
    prefix: `${file.reference}. `,
  })
  doc.end()
  return done
}
