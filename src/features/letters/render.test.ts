import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { strFromU8, unzipSync } from 'fflate'
import { extractText, getDocumentProxy, getMeta } from 'unpdf'
import { exampleRestriction } from '../../domain/letter-examples.ts'
import { composeRestrictionLetter, requiredSections, type LetterContent } from '../../domain/letters.ts'
import { exampleLetters } from '../../domain/letters.fixtures.ts'
import { renderLetterDocx } from './render-docx.ts'
import { renderLetterPdf } from './render-pdf.ts'

const letters = exampleLetters()

const requiredHeadings = (letter: LetterContent) =>
  requiredSections[letter.type].map((key) => letter.sections.find((s) => s.key === key)?.heading ?? key)

/** A letter with many long sections, to run over several pages. */
function longLetter(largePrint = false): LetterContent {
  const base = composeRestrictionLetter(exampleRestriction)
  const many = Array.from(
    { length: 40 },
    (_, i) => `Item ${i + 1}: ${'a longer sentence about what happened '.repeat(4)}`,
  )
  return {
    ...base,
    largePrint,
    sections: base.sections.map((s) => ({ ...s, bullets: [...(s.bullets ?? []), ...many] })),
  }
}

async function readPdf(buffer: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buffer))
  const { text } = await extractText(pdf, { mergePages: true })
  const meta = await getMeta(pdf)
  return { pdf, text: text.replace(/\s+/g, ' '), info: meta.info as Record<string, unknown> }
}

/**
 * The sizes of the text on the first page, except the address: Notify's address block is 26.8mm high (issue 14), so
 * an address of five or more lines is set smaller than 16pt even in a large-print letter; it is for the postman.
 */
async function bodyFontSizes(buffer: Buffer, address: readonly string[] = []): Promise<number[]> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer))
  const page = await pdf.getPage(1)
  const content = await page.getTextContent()
  return content.items.flatMap((item) =>
    'str' in item && item.str.trim() && !address.includes(item.str) ? [Math.abs(item.transform[0] ?? 0)] : [],
  )
}

describe('the PDF letter (letters guidance)', () => {
  for (const letter of letters) {
    test(`${letter.type}: every required heading, the title first, page numbers and "End of letter"`, async () => {
      const { text, info, pdf } = await readPdf(await renderLetterPdf(letter))
      for (const heading of [letter.title, ...requiredHeadings(letter), 'Next steps']) {
        assert.ok(text.includes(heading), `${letter.type}: "${heading}"`)
      }
      assert.ok(text.indexOf(letter.title) < text.indexOf(requiredHeadings(letter)[0] ?? ''), 'the title comes first')
      assert.match(text, /Page 1 of \d/)
      assert.match(text, new RegExp(`Page ${pdf.numPages} of ${pdf.numPages}`))
      assert.ok(text.includes('End of letter'))
      assert.ok(text.includes('Please quote CASE-2026-000012 in any reply.'))
      assert.ok(text.includes('Date: 7 January 2027'))
      assert.equal(info['Title'], letter.title)
      assert.equal(info['Language'], 'en-GB')
    })
  }

  test('it is tagged: headings, paragraphs and lists in the structure tree', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(await renderLetterPdf(letters[1] ?? longLetter())))
    const roles = new Set<string>()
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return
      const { role, children } = node as { role?: string; children?: unknown[] }
      if (role) roles.add(role)
      for (const child of children ?? []) walk(child)
    }
    walk(await (await pdf.getPage(1)).getStructTree())
    for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI']) assert.ok(roles.has(role), role)
  })

  test('the same letter gives the same bytes (its creation date is the letter date)', async () => {
    const letter = letters[0] ?? longLetter()
    const [a, b] = await Promise.all([renderLetterPdf(letter), renderLetterPdf(letter)])
    assert.ok(a.equals(b))
    const { info } = await readPdf(a)
    assert.equal(info['CreationDate'], 'D:20270107000000Z')
  })

  // Issue 14: GOV.UK Notify prints precompiled letters that meet its specification: A4; nothing within 15mm of the
  // left and right edges or 5mm of the top and bottom; the address in the address block (24.6mm to 120mm from the
  // left, 39.5mm to 66.3mm from the top) and nothing else there; every font embedded.
  for (const largePrint of [false, true]) {
    test(`${largePrint ? 'large print' : 'standard print'}: the PDF meets Notify's precompiled letter specification`, async () => {
      const letter = { ...(letters[1] ?? longLetter()), largePrint }
      const bytes = await renderLetterPdf(letter)
      const pdf = await getDocumentProxy(new Uint8Array(bytes))
      const mm = 25.4 / 72
      const address = [letter.recipient.fullName, ...letter.recipient.addressLines]
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n)
        const [, , width = 0, height = 0] = page.view
        assert.ok(Math.abs(width * mm - 210) < 0.5 && Math.abs(height * mm - 297) < 0.5, `page ${n} is A4`)
        for (const item of (await page.getTextContent()).items) {
          if (!('str' in item) || !item.str.trim()) continue
          const left = item.transform[4] * mm
          const right = left + item.width * mm
          const baseline = (height - item.transform[5]) * mm
          const top = baseline - item.height * mm
          const where = `page ${n}, "${item.str}" at ${left.toFixed(1)}mm, ${top.toFixed(1)}mm`
          assert.ok(left >= 15 && right <= 195 && top >= 5 && baseline <= 292, `${where}: inside the printable area`)
          const inBlock = n === 1 && right > 24.6 && left < 120 && baseline > 39.5 && top < 66.3
          const isAddress = n === 1 && address.includes(item.str) && left < 120 // (the sender's town may be the same)
          if (isAddress) {
            assert.ok(left >= 24.6 && right <= 120 && top >= 39.5 && baseline <= 66.3, `${where}: in the address block`)
          } else {
            assert.ok(!inBlock, `${where}: nothing but the address in the address block`)
          }
        }
      }
      const raw = Buffer.from(bytes).toString('latin1')
      const descriptors = raw.match(/\/Type \/FontDescriptor/g)?.length ?? 0
      assert.ok(descriptors > 0)
      assert.equal(raw.match(/\/FontFile2/g)?.length ?? 0, descriptors, 'every font is embedded')
      assert.doesNotMatch(raw, /\/BaseFont \/Helvetica/, 'no unembedded standard font')
    })
  }

  test('large print sets text at 16pt or more, and takes more pages', async () => {
    const standard = await renderLetterPdf(longLetter(false))
    const large = await renderLetterPdf(longLetter(true))
    const { recipient } = longLetter(true)
    assert.ok(Math.min(...(await bodyFontSizes(large, [recipient.fullName, ...recipient.addressLines]))) >= 16)
    assert.ok(Math.max(...(await bodyFontSizes(standard))) < Math.max(...(await bodyFontSizes(large))))
    const [s, l] = await Promise.all([readPdf(standard), readPdf(large)])
    assert.ok(l.pdf.numPages > s.pdf.numPages, `${l.pdf.numPages} > ${s.pdf.numPages}`)
    assert.match(l.text, new RegExp(`Page ${l.pdf.numPages} of ${l.pdf.numPages}`))
  })
})

function docxParts(buffer: Buffer) {
  const files = unzipSync(new Uint8Array(buffer))
  const read = (name: string) => {
    const file = files[name]
    assert.ok(file, name)
    return strFromU8(file)
  }
  const footers = Object.keys(files)
    .filter((n) => /^word\/footer\d+\.xml$/.test(n))
    .map(read)
    .join('')
  return {
    document: read('word/document.xml'),
    core: read('docProps/core.xml'),
    styles: read('word/styles.xml'),
    footers,
  }
}

/** A paragraph in `style` whose text is `text` (within the one paragraph). */
const styled = (style: string, text: string) =>
  new RegExp(
    `<w:pStyle w:val="${style}"/>(?:(?!</w:p>).)*<w:t[^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</w:t>`,
  )

describe('the Word letter (letters guidance)', () => {
  for (const letter of letters) {
    test(`${letter.type}: Heading 1 title, Heading 2 sections, bullets, "Page X of Y" and "End of letter"`, async () => {
      const buffer = await renderLetterDocx(letter)
      assert.equal(buffer.subarray(0, 2).toString('latin1'), 'PK')
      const { document, core, styles, footers } = docxParts(buffer)
      assert.match(document, styled('Heading1', letter.title))
      for (const heading of requiredHeadings(letter)) assert.match(document, styled('Heading2', heading), heading)
      assert.match(document, /<w:numPr>/, 'bulleted lists')
      assert.ok(document.includes('End of letter'))
      assert.ok(footers.includes('PAGE') && footers.includes('NUMPAGES') && footers.includes('Page '))
      assert.ok(core.includes(`<dc:title>${letter.title}</dc:title>`))
      assert.match(styles, /<w:lang w:val="en-GB"\/>/)
    })
  }

  test('large print sets body text at 16pt or more', async () => {
    const { styles } = docxParts(await renderLetterDocx(longLetter(true)))
    const defaults = /<w:docDefaults>.*?<w:sz w:val="(\d+)"\/>/s.exec(styles)
    assert.ok(defaults && Number(defaults[1]) >= 32, 'half-points')
  })

  test('a long letter renders', async () => {
    const buffer = await renderLetterDocx(longLetter())
    assert.ok(buffer.length > 5000)
    assert.ok(docxParts(buffer).document.includes('Item 40:'))
  })
})

test('names in other alphabets and Welsh come out right, in an embedded font (letters guidance: real text)', async () => {
  const { composeWarningLetter } = await import('../../domain/letters.ts')
  const content = composeWarningLetter({
    councilName: 'Testshire Council',
    returnAddressLines: ['Council Offices', 'TS1 1AA'],
    contactRoute: 'Write to us at the address above',
    reference: 'CASE-2027-000001',
    date: '2027-01-07',
    recipient: { fullName: 'Łukasz Wójcik-Siôn Ødegård', addressLines: ['1 Ffordd Glyndŵr', 'Caerdydd', 'CF10 1AA'] },
    largePrint: false,
    behaviour: [{ description: 'Calls to staff' }],
    whyUnacceptable: 'It takes time from others.',
    changeRequested: ['Please write instead'],
    consequences: ['We may limit contact'],
    monitoringWeeks: 8,
    monitoringEndsOn: '2027-03-04',
    challengeBy: '2027-01-21',
    signatory: { name: 'Dana Ortiz', role: 'Head of Service' },
  })
  const pdf = await renderLetterPdf(content)
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })
  assert.ok(text.includes('Łukasz Wójcik-Siôn Ødegård'), 'the name as written')
  assert.ok(text.includes('Glyndŵr'))
  assert.match(pdf.toString('latin1'), /\/FontFile2/, 'the font is embedded')
})
