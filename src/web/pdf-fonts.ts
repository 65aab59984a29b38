import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

// Fonts for every PDF the service makes (letters, the case file, the report). PDF's built-in Helvetica is not embedded
// (PDF/UA asks for embedded fonts) and has no ł, ŵ, ő or Cyrillic, so names such as Łukasz or Siôn would come out
// wrong. DejaVu Sans covers Latin, Greek and Cyrillic; pdfkit embeds only the glyphs a document uses.
const require = createRequire(import.meta.url)
const dir = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/')

let cache: { regular: Buffer; bold: Buffer } | undefined
function files() {
  cache ??= { regular: readFileSync(`${dir}DejaVuSans.ttf`), bold: readFileSync(`${dir}DejaVuSans-Bold.ttf`) }
  return cache
}

export const PDF_REGULAR = 'Body'
export const PDF_BOLD = 'Body-Bold'

/** Registers the two fonts on a document and selects the regular one. */
export function useDocumentFonts(doc: PDFKit.PDFDocument): void {
  const { regular, bold } = files()
  doc.registerFont(PDF_REGULAR, regular)
  doc.registerFont(PDF_BOLD, bold)
  doc.font(PDF_REGULAR)
}
