import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import {
  columnLetters,
  countColumns,
  decodeUpload,
  isBlank,
  MAX_CELL_CHARACTERS,
  MAX_COLUMNS,
  MAX_ROW_BYTES,
  MAX_ROWS,
  parseCsv,
  toCsv,
} from './csv.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

test('UTF-8 is decoded, with or without Excel’s byte-order mark', () => {
  assert.deepEqual(decodeUpload(bytes('\uFEFFName\nZoë\n')), { ok: true, text: 'Name\nZoë\n' })
  assert.deepEqual(decodeUpload(bytes('Name\nZoë\n')), { ok: true, text: 'Name\nZoë\n' })
})

test('Windows-1252, UTF-16 and binary files are refused with what to do, never decoded by guesswork', () => {
  const latin1 = decodeUpload(Uint8Array.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x5a, 0x6f, 0xeb, 0x0a]))
  assert.equal(latin1.ok, false)
  assert.match(latin1.ok ? '' : latin1.message, /not in UTF-8.*CSV UTF-8 \(comma delimited\)/)
  const utf16 = decodeUpload(Uint8Array.from([0xff, 0xfe, 0x4e, 0x00, 0x61, 0x00]))
  assert.equal(utf16.ok, false)
  assert.match(decodeUpload(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00])).ok ? '' : 'refused', /refused/)
  assert.deepEqual(decodeUpload(new Uint8Array()), { ok: false, message: 'The selected file is empty' })
})

test('quoted commas, quotes and line breaks are read as one value; blank rows are kept in place and recognised', async () => {
  const parsed = await parseCsv('Ref , Name\r\nA,"Smith, Jane"\r\n\r\nB,"Say ""hi""\nagain"\r\nC,12" pipe\r\n')
  assert.ok(parsed.ok)
  assert.deepEqual(parsed.header, ['Ref', 'Name'])
  assert.deepEqual(parsed.rows, [['A', 'Smith, Jane'], [''], ['B', 'Say "hi"\nagain'], ['C', '12" pipe']])
  assert.equal(isBlank(parsed.rows[1] ?? []), true)
  assert.equal(isBlank([' ', '']), true)
  assert.equal(isBlank(['', 'x']), false)
})

test('a file that cannot be read says where, and one without a header says so', async () => {
  const open = await parseCsv('Ref,Name\nA,"never closed\nB,x\n')
  assert.equal(open.ok, false)
  assert.match(open.ok ? '' : open.message, /a value in quotes is never closed/)
  // A stray quote inside a value is kept as it is written, as spreadsheets read it.
  const stray = await parseCsv('Ref,Name\nA,"quoted"then more\n')
  assert.deepEqual(stray.ok && stray.rows, [['A', '"quoted"then more']])
  const noHeader = await parseCsv(',,\n1,2,3\n')
  assert.match(noHeader.ok ? '' : noHeader.message, /no header row/)
  assert.match((await parseCsv('')).ok ? '' : 'refused', /refused/)
})

test('a file with more rows than one import holds is refused, with the limit', async () => {
  const parsed = await parseCsv(`Ref\n${'x\n'.repeat(MAX_ROWS + 1)}`)
  assert.equal(parsed.ok, false)
  assert.match(parsed.ok ? '' : parsed.message, /more than 250,000 rows\. Split it into files of 250,000 rows or fewer/)
  const atTheLimit = await parseCsv(`Ref\n${'x\n'.repeat(MAX_ROWS)}`)
  assert.equal(atTheLimit.ok && atTheLimit.rows.length, MAX_ROWS)
})

test('a report written as CSV reads back as the same values (formulas neutralised)', async () => {
  const csv = toCsv([
    ['Row', 'Why'],
    [2, 'a, "b"\nc'],
    [3, '=1+2'],
  ])
  const parsed = await parseCsv(csv)
  assert.ok(parsed.ok)
  assert.deepEqual(parsed.rows, [
    ['2', 'a, "b"\nc'],
    ['3', "'=1+2"],
  ])
})

// Issue 12, item 2: one file must not stop the service. Columns, cells and rows are capped, each refusal saying which.
const wide = (columns: number) => Array.from({ length: columns }, (_, i) => `Column ${i + 1}`).join(',')

test('a header of 5,000,000 commas is refused saying how many columns there are and how many a file can have', async () => {
  const parsed = await parseCsv(`Ref,Name${','.repeat(5_000_000)}\nA,B\n`)
  assert.deepEqual(parsed, {
    ok: false,
    message:
      'The selected file has 5,000,002 columns. A file can have at most 200 columns: delete the columns you do not need and save it again as CSV',
  })
})

test('a file 200,000 columns wide is refused; 200 columns are read, 201 are not; a wider data row is named', async () => {
  const huge = await parseCsv(`${wide(200_000)}\n1,2\n`)
  assert.match(
    huge.ok ? '' : huge.message,
    /^The selected file has 200,000 columns\. A file can have at most 200 columns/,
  )
  const atTheLimit = await parseCsv(`${wide(MAX_COLUMNS)}\n1,2\n`)
  assert.equal(atTheLimit.ok && atTheLimit.header.length, 200)
  const over = await parseCsv(`${wide(MAX_COLUMNS + 1)}\n1,2\n`)
  assert.match(over.ok ? '' : over.message, /^The selected file has 201 columns\./)
  const row = await parseCsv(`Ref,Name\nA,B\n${'x,'.repeat(249)}x\n`)
  assert.match(row.ok ? '' : row.message, /^Row 3 of the selected file has 250 columns\. A file can have at most 200/)
})

test('a cell longer than a cell can be is refused by its spreadsheet reference; a long one within the limit is read', async () => {
  const long = 'x'.repeat(MAX_CELL_CHARACTERS + 1)
  const parsed = await parseCsv(`Ref,Name,Notes\nA,B,short\nC,D,"${long}"\n`)
  assert.deepEqual(parsed, {
    ok: false,
    message: 'Cell C3 of the selected file has 100,001 characters. A cell can have at most 100,000 characters',
  })
  const within = await parseCsv(`Ref,Notes\nA,${'x'.repeat(MAX_CELL_CHARACTERS)}\n`)
  assert.equal(within.ok && within.rows[0]?.[1]?.length, MAX_CELL_CHARACTERS)
})

test('a row longer than a row can be is refused while it is read, and says which row', async () => {
  // 20 cells of 60,000 characters: each within the cell limit, together over 1 MB.
  const cells = Array.from({ length: 20 }, () => 'y'.repeat(60_000)).join(',')
  const parsed = await parseCsv(`Ref,Notes\nA,B\n${cells}\n`)
  assert.deepEqual(parsed, {
    ok: false,
    message: `Row 3 of the selected file is longer than 1 MB. A row can be at most 1 MB. Check the file in a spreadsheet and save it again as CSV`,
  })
  assert.equal(MAX_ROW_BYTES, 1024 * 1024)
})

test('reading a file lets other work run between its chunks: the event loop turns before the file is read', async () => {
  const text = `Ref,Name\n${'R-1,Someone\n'.repeat(50_000)}`
  let read = false
  const reading = Promise.resolve(parseCsv(text)).then((parsed) => {
    read = true
    return parsed
  })
  const turned = await new Promise<boolean>((resolve) => setImmediate(() => resolve(!read)))
  assert.equal(turned, true, 'a callback queued after reading began ran before the reading ended')
  const parsed = await reading
  assert.equal(parsed.ok && parsed.rows.length, 50_000)
})

test('the columns of a row too long to read are counted as the parser counts them, quotes and all', async () => {
  const cell = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', ' ', 'é', '"'), maxLength: 6 }).filter((s) => !s.includes('"')),
    fc.string({ unit: fc.constantFrom('a', ',', '\n', '""', '\r\n'), maxLength: 6 }).map((s) => `"${s}"`),
  )
  await fc.assert(
    fc.asyncProperty(
      fc.array(cell, { minLength: 1, maxLength: 12 }),
      fc.constantFrom('\n', '\r\n'),
      async (cells, eol) => {
        const text = `${cells.join(',')}${eol}next,row${eol}`
        const [first] = parse(text, { relax_column_count: true, relax_quotes: true }) as string[][]
        assert.equal(await countColumns(Buffer.from(text), 0), first?.length)
      },
    ),
  )
})

test('columns are named as a spreadsheet names them', () => {
  assert.deepEqual([0, 1, 25, 26, 27, 51, 52, 199, 701, 702].map(columnLetters), [
    'A',
    'B',
    'Z',
    'AA',
    'AB',
    'AZ',
    'BA',
    'GR',
    'ZZ',
    'AAA',
  ])
})
