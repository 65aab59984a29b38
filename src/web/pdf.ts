import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'

// Every PDF the service makes (letters, the case file, the report) starts here: A4, tagged, PDF 1.7, language en-GB,
// the title shown in the viewer's title bar, and an embedded font. PDF's built-in Helvetica is not embedded (PDF/UA
// asks for embedded fonts) and has no ł, ŵ, ő or Cyrillic, so names such as Łukasz or Glyndŵr would come out wrong.
// DejaVu Sans covers Latin, Greek and Cyrillic; pdfkit embeds only the glyphs a document uses.

export const A4 = { width: 595.28, height: 841.89 }
export const MM = 72 / 25.4
export const PDF_REGULAR = 'Body'
export const PDF_BOLD = 'Body-Bold'

const require = createRequire(import.meta.url)
const fontDir = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/')
let fonts: { regular: Buffer; bold: Buffer } | undefined

export interface PdfMetadata {
  title: string
  subject: string
  author: string
  /** The document's creation date: a fixed date gives the same bytes for the same content. */
  created: Date
  margins: { top: number; left: number; right: number; bottom: number }
}

/** A new accessible PDF document, and the finished file once `doc.end()` has been called. */
export function accessiblePdf(meta: PdfMetadata): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const created = Number.isNaN(meta.created.getTime()) ? new Date(0) : meta.created
  const doc = new PDFDocument({
    size: 'A4',
    margins: meta.margins,
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Author: meta.author,
      Creator: 'Fair Contact',
      CreationDate: created,
      ModDate: created,
    },
  })
  fonts ??= {
    regular: readFileSync(`${fontDir}DejaVuSans.ttf`),
    bold: readFileSync(`${fontDir}DejaVuSans-Bold.ttf`),
  }
  doc.registerFont(PDF_REGULAR, fonts.regular)
  doc.registerFont(PDF_BOLD, fonts.bold)
  doc.font(PDF_REGULAR)
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  return { doc, done }
}

/**
 * "Page X of Y" at the foot of every page, once the content is laid out (the document buffers its pages). They are
 * pagination artifacts, so a screen reader does not read them as part of the letter, case file or report.
 */
export function numberPages(
  doc: PDFKit.PDFDocument,
  at: { left: number; top: number; width: number; fontSize: number; prefix?: string },
): void {
  const { start, count } = doc.bufferedPageRange()
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i)
    const keep = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.markContent('Artifact', { type: 'Pagination' })
    doc
      .font(PDF_REGULAR)
      .fontSize(at.fontSize)
      .text(`${at.prefix ?? ''}Page ${i - start + 1} of ${count}`, at.left, at.top, {
        width: at.width,
        align: 'center',
        lineBreak: false,
      })
    doc.endMarkedContent()
    doc.page.margins.bottom = keep
  }
}
