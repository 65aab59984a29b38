// A letter as a Word file staff can adjust before issuing (letters guidance): the same content as the PDF, with real
// Heading 1 and Heading 2 styles, bulleted lists, "Page X of Y" in the footer and "End of letter"; the title in the
// document properties and en-GB as the language of the text. Large print sets body text at 16pt or more.

import {
  AlignmentType,
  Document,
  Footer,
  FrameAnchorType,
  FrameWrap,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx'
import {
  endOfLetter,
  greeting,
  letterTypeNames,
  longDate,
  recipientLines,
  signOff,
  type LetterContent,
} from '../../domain/letters.ts'

/** Twips in a millimetre. */
const MM = 1440 / 25.4
const twips = (mm: number) => Math.round(mm * MM)
const FONT = 'Arial'

/** Sizes in points. */
export function docxSizes(largePrint: boolean): { body: number; h1: number; h2: number; small: number } {
  return largePrint ? { body: 16, h1: 26, h2: 20, small: 16 } : { body: 12, h1: 20, h2: 15, small: 10 }
}

/** Lines as one paragraph with line breaks, so that a frame holds them together. */
function lines(texts: readonly string[], options: { bold?: number; size: number }): TextRun[] {
  return texts.map(
    (text, i) =>
      new TextRun({ text, size: options.size * 2, bold: i < (options.bold ?? 0), ...(i > 0 ? { break: 1 } : {}) }),
  )
}

/** Text fixed on the page, `x` and `y` mm from its top left corner and `width` mm wide, whatever comes before it. */
function placed(mm: { x: number; y: number; width: number }, children: TextRun[]): Paragraph {
  return new Paragraph({
    frame: {
      type: 'absolute',
      position: { x: twips(mm.x), y: twips(mm.y) },
      width: twips(mm.width),
      anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
      wrap: FrameWrap.NOT_BESIDE,
    },
    children,
  })
}

export async function renderLetterDocx(content: LetterContent): Promise<Buffer> {
  const sizes = docxSizes(content.largePrint)
  const pt = (n: number) => n * 20
  const para = (text: string, bold = false) =>
    new Paragraph({ children: [new TextRun({ text, bold })], spacing: { after: pt(sizes.body * 0.6) } })
  const bullet = (text: string) =>
    new Paragraph({ children: [new TextRun(text)], bullet: { level: 0 }, spacing: { after: pt(sizes.body * 0.3) } })

  // The sender, top right; the person's name and address where a DL window envelope shows it (20mm in, 50mm down).
  const sender = placed(
    { x: 115, y: 15, width: 75 },
    lines([content.sender.councilName, ...content.sender.returnAddressLines, content.sender.contactRoute], {
      bold: 1,
      size: sizes.small,
    }),
  )
  // The window is 35mm tall: a long address stays at 12pt so that it shows through it.
  const address = placed(
    { x: 20, y: 50, width: 85 },
    lines([content.recipient.fullName, ...recipientLines(content.recipient)], {
      size: content.recipient.addressLines.length > 4 ? 12 : sizes.body,
    }),
  )

  const body: Paragraph[] = [
    sender,
    address,
    new Paragraph({
      children: lines(
        [`Date: ${longDate(content.date)}`, `Our reference: ${content.reference}`, content.quoteReferenceLine],
        { size: sizes.body },
      ),
      spacing: { before: pt(sizes.body), after: pt(sizes.body) },
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(content.title)] }),
    para(`${greeting(content)},`),
  ]
  for (const section of content.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(section.heading)] }))
    body.push(...section.paragraphs.map((p) => para(p)))
    body.push(...(section.bullets ?? []).map(bullet))
  }
  if (content.nextSteps.length) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Next steps')] }))
    body.push(...content.nextSteps.map(bullet))
  }
  body.push(
    new Paragraph({ children: [new TextRun(`${signOff},`)], spacing: { before: pt(sizes.body), after: pt(36) } }),
  )
  for (const s of content.signatories) {
    body.push(
      new Paragraph({
        children: [new TextRun({ text: s.name, bold: true }), new TextRun({ text: s.role, break: 1 })],
        spacing: { after: pt(sizes.body) },
        keepLines: true,
      }),
    )
  }
  body.push(para(endOfLetter, true))

  const doc = new Document({
    title: content.title,
    subject: `${letterTypeNames[content.type]} ${content.reference}`,
    creator: content.sender.councilName,
    lastModifiedBy: content.sender.councilName,
    description: `${letterTypeNames[content.type]} to ${content.recipient.fullName}, ${longDate(content.date)}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: sizes.body * 2, language: { value: 'en-GB' } },
          paragraph: { spacing: { line: 276 } },
        },
        heading1: {
          run: { font: FONT, size: sizes.h1 * 2, bold: true, color: '000000' },
          paragraph: { keepNext: true, spacing: { before: pt(sizes.body), after: pt(sizes.body * 0.8) } },
        },
        heading2: {
          run: { font: FONT, size: sizes.h2 * 2, bold: true, color: '000000' },
          paragraph: { keepNext: true, spacing: { before: pt(sizes.body), after: pt(sizes.body * 0.4) } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: twips(15), left: twips(20), right: twips(20), bottom: twips(25), footer: twips(10) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: sizes.small * 2,
                    children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  })
  return Packer.toBuffer(doc)
}
