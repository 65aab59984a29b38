import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeUpload, isBlank, MAX_ROWS, parseCsv, toCsv } from './csv.ts'

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

test('quoted commas, quotes and line breaks are read as one value; blank rows are kept in place and recognised', () => {
  const parsed = parseCsv('Ref , Name\r\nA,"Smith, Jane"\r\n\r\nB,"Say ""hi""\nagain"\r\nC,12" pipe\r\n')
  assert.ok(parsed.ok)
  assert.deepEqual(parsed.header, ['Ref', 'Name'])
  assert.deepEqual(parsed.rows, [['A', 'Smith, Jane'], [''], ['B', 'Say "hi"\nagain'], ['C', '12" pipe']])
  assert.equal(isBlank(parsed.rows[1] ?? []), true)
  assert.equal(isBlank([' ', '']), true)
  assert.equal(isBlank(['', 'x']), false)
})

test('a file that cannot be read says where, and one without a header says so', () => {
  const open = parseCsv('Ref,Name\nA,"never closed\nB,x\n')
  assert.equal(open.ok, false)
  assert.match(open.ok ? '' : open.message, /a value in quotes is never closed/)
  // A stray quote inside a value is kept as it is written, as spreadsheets read it.
  const stray = parseCsv('Ref,Name\nA,"quoted"then more\n')
  assert.deepEqual(stray.ok && stray.rows, [['A', '"quoted"then more']])
  const noHeader = parseCsv(',,\n1,2,3\n')
  assert.match(noHeader.ok ? '' : noHeader.message, /no header row/)
  assert.match(parseCsv('').ok ? '' : 'refused', /refused/)
})

test('a file with more rows than one import holds is refused, with the limit', () => {
  const parsed = parseCsv(`Ref\n${'x\n'.repeat(MAX_ROWS + 1)}`)
  assert.equal(parsed.ok, false)
  assert.match(parsed.ok ? '' : parsed.message, /250,001 rows\. Split it into files of 250,000 rows or fewer/)
})

test('a report written as CSV reads back as the same values (formulas neutralised)', () => {
  const csv = toCsv([
    ['Row', 'Why'],
    [2, 'a, "b"\nc'],
    [3, '=1+2'],
  ])
  const parsed = parseCsv(csv)
  assert.ok(parsed.ok)
  assert.deepEqual(parsed.rows, [
    ['2', 'a, "b"\nc'],
    ['3', "'=1+2"],
  ])
})
