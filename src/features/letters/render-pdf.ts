// A letter as an accessible PDF (letters guidance, F9): A4, tagged (H1, H2, P, L/LI), real text, title and language
// set, the address placed for a DL window envelope, "Page X of Y" on every page and "End of letter" after the last
// content. Large print sets body text at 16pt or more. The same content always gives the same bytes: the creation date
// is the letter's date.

import { A4, accessiblePdf, MM, numberPages, PDF_BOLD, PDF_REGULAR } from '../../web/pdf.ts'
import {
  endOfLetter,
  greeting,
  letterTypeNames,
  longDate,
  recipientLines,
  signOff,
  type LetterContent,
} from '../../domain/letters.ts'

const MARGIN = { top: 15 * MM, left: 20 * MM, right: 20 * MM, bottom: 25 * MM }
/**
 * The address block, where the envelope's window shows it: GOV.UK Notify's precompiled letter specification (issue 14)
 * puts it 24.6mm to 120mm from the left and 39.5mm to 66.3mm from the top, with nothing else in it. The address is
 * set a little inside that box.
 */
export const ADDRESS_BLOCK = { left: 24.6 * MM, top: 39.5 * MM, right: 120 * MM, bottom: 66.3 * MM }
const WINDOW = {
  x: ADDRESS_BLOCK.left + 0.5 * MM,
  y: ADDRESS_BLOCK.top + 0.5 * MM,
  width: ADDRESS_BLOCK.right - ADDRESS_BLOCK.left - 1 * MM,
  height: ADDRESS_BLOCK.bottom - ADDRESS_BLOCK.top - 1 * MM,
}
/** The sender's details, top right, clear of the address block (Notify: from 125mm from the left). */
const SENDER_WIDTH = 65 * MM

const REGULAR = PDF_REGULAR
const BOLD = PDF_BOLD

interface Sizes {
  body: number
  h1: number
  h2: number
  small: number
}

export function pdfSizes(largePrint: boolean): Sizes {
  return largePrint ? { body: 16, h1: 26, h2: 20, small: 16 } : { body: 12, h1: 20, h2: 15, small: 10 }
}

type Doc = PDFKit.PDFDocument
type Struct = PDFKit.PDFStructureElement

/** The largest size (down to 9pt) at which the address fits the envelope window, one line each. */
function addressSize(doc: Doc, lines: readonly string[], preferred: number): number {
  for (let size = preferred; size > 9; size -= 1) {
    doc.font(REGULAR).fontSize(size)
    const tall = lines.length * doc.currentLineHeight(true) <= WINDOW.height
    if (tall && lines.every((l) => doc.widthOfString(l) <= WINDOW.width)) return size
  }
  return 9
}

export async function renderLetterPdf(content: LetterContent): Promise<Buffer> {
  const sizes = pdfSizes(content.largePrint)
  const created = new Date(`${content.date}T00:00:00Z`)
  const { doc, done } = accessiblePdf({
    title: content.title,
    subject: `${letterTypeNames[content.type]} ${content.reference}`,
    author: content.sender.councilName,
    created: created,
    margins: MARGIN,
  })

  const width = A4.width - MARGIN.left - MARGIN.right
  const bottom = A4.height - MARGIN.bottom
  const root = doc.struct('Document')
  doc.addStructure(root)
  const add = (parent: Struct, tag: string, draw: () => void) => parent.add(doc.struct(tag, {}, draw))
  const gap = (lines = 0.6) => doc.moveDown(lines)
  const ensureSpace = (points: number) => {
    if (doc.y + points > bottom) doc.addPage()
  }

  // The sender, top right: council name, return address, and a contact route the person may still use.
  const senderX = A4.width - MARGIN.right - SENDER_WIDTH
  add(root, 'P', () => {
    doc.font(BOLD).fontSize(sizes.small).text(content.sender.councilName, senderX, MARGIN.top, { width: SENDER_WIDTH })
    doc.font(REGULAR).text(content.sender.returnAddressLines.join('\n'), { width: SENDER_WIDTH })
    doc.moveDown(0.3).text(content.sender.contactRoute, { width: SENDER_WIDTH })
  })
  const senderEnd = doc.y

  // The person's name and address, where a DL window envelope shows it.
  const addressLines = [content.recipient.fullName, ...recipientLines(content.recipient)]
  const size = addressSize(doc, addressLines, sizes.body)
  add(root, 'P', () => {
    doc.font(REGULAR).fontSize(size).text(addressLines.join('\n'), WINDOW.x, WINDOW.y, { width: WINDOW.width })
  })

  doc.x = MARGIN.left
  doc.y = Math.max(senderEnd, WINDOW.y + WINDOW.height) + sizes.body
  add(root, 'P', () => {
    doc.font(REGULAR).fontSize(sizes.body)
    doc.text(`Date: ${longDate(content.date)}`, MARGIN.left, doc.y, { width })
    doc.text(`Our reference: ${content.reference}`, { width })
    doc.text(content.quoteReferenceLine, { width })
  })
  gap(1)

  add(root, 'H1', () => doc.font(BOLD).fontSize(sizes.h1).text(content.title, { width }))
  gap(0.5)
  add(root, 'P', () =>
    doc
      .font(REGULAR)
      .fontSize(sizes.body)
      .text(`${greeting(content)},`, { width }),
  )
  gap()

  const list = (parent: Struct, items: readonly string[]) => {
    const l = doc.struct('L')
    parent.add(l)
    doc.font(REGULAR).fontSize(sizes.body)
    doc.list([...items], MARGIN.left + sizes.body * 0.4, doc.y, {
      width: width - sizes.body * 0.4,
      structParent: l,
      bulletRadius: sizes.body / 6,
      textIndent: sizes.body,
      paragraphGap: sizes.body * 0.3,
    })
    l.end()
    doc.x = MARGIN.left
    gap()
  }

  const heading = (parent: Struct, text: string) => {
    // Keep a heading with at least two lines of what follows it.
    doc.font(BOLD).fontSize(sizes.h2)
    ensureSpace(doc.heightOfString(text, { width }) + sizes.body * 3.5)
    add(parent, 'H2', () => doc.font(BOLD).fontSize(sizes.h2).text(text, MARGIN.left, doc.y, { width }))
    gap(0.4)
  }

  for (const s of content.sections) {
    const sect = doc.struct('Sect')
    root.add(sect)
    heading(sect, s.heading)
    for (const paragraph of s.paragraphs) {
      add(sect, 'P', () => doc.font(REGULAR).fontSize(sizes.body).text(paragraph, MARGIN.left, doc.y, { width }))
      gap()
    }
    if (s.bullets?.length) list(sect, s.bullets)
    sect.end()
  }

  if (content.nextSteps.length) {
    const sect = doc.struct('Sect')
    root.add(sect)
    heading(sect, 'Next steps')
    list(sect, content.nextSteps)
    sect.end()
  }

  doc.font(REGULAR).fontSize(sizes.body)
  ensureSpace(doc.currentLineHeight(true) * (3 + 3 * content.signatories.length))
  add(root, 'P', () => doc.font(REGULAR).fontSize(sizes.body).text(`${signOff},`, MARGIN.left, doc.y, { width }))
  gap(1.5)
  for (const s of content.signatories) {
    add(root, 'P', () => {
      doc.font(BOLD).fontSize(sizes.body).text(s.name, MARGIN.left, doc.y, { width })
      doc.font(REGULAR).text(s.role, { width })
    })
    gap(0.8)
  }
  gap(0.5)
  add(root, 'P', () => doc.font(BOLD).fontSize(sizes.body).text(endOfLetter, MARGIN.left, doc.y, { width }))
  root.end()

  numberPages(doc, { left: MARGIN.left, top: A4.height - 12 * MM - sizes.small, width, fontSize: sizes.small })
  doc.end()
  return done
}
