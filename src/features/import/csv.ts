import { parse } from 'csv-parse'
import { finished } from 'node:stream/promises'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { csvLine } from '../../domain/import.ts'

// Reading an uploaded CSV file. csv-parse (the `csv` project: maintained since 2010, no dependencies, RFC 4180 with
// quoted line breaks, a byte-order mark and a clear error for a quote left open) does the parsing.

/** More rows than this is more than one import should hold: split the file. */
export const MAX_ROWS = 250_000

export type Decoded = { ok: true; text: string } | { ok: false; message: string }

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
const SAVE_AS = 'In Excel, use Save As and choose “CSV UTF-8 (comma delimited)”, then upload that file'

/** The file's text, when it is UTF-8 text. Anything else is refused with what to do: nothing is guessed or altered. */
export function decodeUpload(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, message: 'The selected file is empty' }
  if (bytes.includes(0)) {
    return {
      ok: false,
      message: `The selected file is not a CSV file in UTF-8 (it may be a spreadsheet or UTF-16). ${SAVE_AS}`,
    }
  }
  try {
    return { ok: true, text: utf8.decode(bytes) }
  } catch {
    return {
      ok: false,
      message: `The selected file is not in UTF-8, so some letters would be read wrongly. ${SAVE_AS}`,
    }
  }
}

export interface ParsedCsv {
  header: string[]
  /** Data rows, in file order; `rows[i]` is row `i + 2` as a spreadsheet numbers it (the header is row 1). */
  rows: string[][]
}

export type Parsed = ({ ok: true } & ParsedCsv) | { ok: false; message: string }

/** Spreadsheet row number of data row `index`. */
export const rowNumber = (index: number) => index + 2

/** More columns than this is not a CRM export meant for one import (a person has a dozen fields at most). */
export const MAX_COLUMNS = 200
/** The longest value a cell may hold: far above any field imported (a contact's summary holds 5,000). */
export const MAX_CELL_CHARACTERS = 100_000
/** The longest row, in bytes of the file. */
export const MAX_ROW_BYTES = 1024 * 1024
/** The file is read this much at a time, letting other requests be answered in between. */
const CHUNK_BYTES = 64 * 1024

const count = (n: number) => n.toLocaleString('en-GB')
const READ_AGAIN = 'Check the file in a spreadsheet and save it again as CSV'

/** A file refused by one of the limits above, with the message that says which. */
class Refused extends Error {}

/**
 * Reads CSV text into rows, a chunk at a time, yielding to the event loop between chunks so that one large file does
 * not hold up every other request (issue 12, item 2). Whatever the file holds, memory stays bounded: a row longer
 * than MAX_ROW_BYTES is refused while it is being read, a row with more than MAX_COLUMNS columns or a cell longer
 * than MAX_CELL_CHARACTERS as soon as its row ends, and a file with more than MAX_ROWS rows at the first row too many.
 */
export async function parseCsv(text: string): Promise<Parsed> {
  const bytes = Buffer.from(text)
  const records: string[][] = []
  let recordCount = 0
  let recordEnd = 0 // the byte where the last complete row ended
  let failure: unknown
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    on_record: (record: string[], info) => {
      recordCount = info.records
      recordEnd = info.bytes
      const refusal = recordRefusal(record, info.records)
      if (refusal) throw new Refused(refusal)
      return record
    },
  })
  parser.on('data', (record: string[]) => records.push(record))
  parser.on('error', (error) => {
    failure ??= error
  })
  const done = finished(parser).catch(() => undefined)
  for (let at = 0; at < bytes.length && failure === undefined; at += CHUNK_BYTES) {
    parser.write(bytes.subarray(at, at + CHUNK_BYTES))
    await yieldToEventLoop()
    const read = Math.min(at + CHUNK_BYTES, bytes.length)
    if (failure === undefined && read - recordEnd > MAX_ROW_BYTES) {
      failure = new Refused(await longRowMessage(bytes, recordEnd, recordCount + 1))
    }
  }
  if (failure === undefined) parser.end()
  else parser.destroy()
  await done
  if (failure !== undefined) return { ok: false, message: parseMessage(failure) }

  const [header, ...rows] = records
  if (!header || header.every((h) => h.trim() === '')) {
    return { ok: false, message: 'The selected file has no header row: the first row must name the columns' }
  }
  return { ok: true, header: header.map((h) => h.trim()), rows }
}

function recordRefusal(record: readonly string[], row: number): string | undefined {
  if (row - 1 > MAX_ROWS) {
    return `The selected file has more than ${count(MAX_ROWS)} rows. Split it into files of ${count(MAX_ROWS)} rows or fewer`
  }
  if (record.length > MAX_COLUMNS) return columnsMessage(record.length, row)
  const long = record.findIndex((cell) => cell.length > MAX_CELL_CHARACTERS)
  if (long === -1) return undefined
  return `Cell ${columnLetters(long)}${row} of the selected file has ${count(record[long]?.length ?? 0)} characters. A cell can have at most ${count(MAX_CELL_CHARACTERS)} characters`
}

function columnsMessage(columns: number, row: number): string {
  const has = row === 1 ? 'The selected file has' : `Row ${row} of the selected file has`
  return `${has} ${count(columns)} columns. A file can have at most ${MAX_COLUMNS} columns: delete the columns you do not need and save it again as CSV`
}

/** A row too long to read: too many columns, when they can be counted, or else simply too long. */
async function longRowMessage(bytes: Buffer, start: number, row: number): Promise<string> {
  const columns = await countColumns(bytes, start)
  if (columns > MAX_COLUMNS) return columnsMessage(columns, row)
  return `Row ${row} of the selected file is longer than ${MAX_ROW_BYTES / 1024 / 1024} MB. A row can be at most ${MAX_ROW_BYTES / 1024 / 1024} MB. ${READ_AGAIN}`
}

const COMMA = 0x2c
const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

/**
 * The number of columns in the row starting at byte `start`, counted without keeping any of it: commas outside
 * quotes, up to the line break that ends the row. Only used to say how many columns a row too long to read has.
 */
export async function countColumns(bytes: Uint8Array, start: number): Promise<number> {
  let columns = 1
  let quoted = false
  let fieldStart = true
  for (let i = start; i < bytes.length; i++) {
    if ((i - start) % (8 * CHUNK_BYTES) === 0 && i > start) await yieldToEventLoop()
    const byte = bytes[i]
    if (quoted) {
      if (byte !== QUOTE) continue
      if (bytes[i + 1] === QUOTE) i++
      else quoted = false
    } else if (byte === COMMA) {
      columns++
      fieldStart = true
    } else if (byte === LF || byte === CR) {
      break
    } else {
      quoted = fieldStart && byte === QUOTE
      fieldStart = false
    }
  }
  return columns
}

/** A spreadsheet's name for column `index` (0 is A, 26 is AA). */
export function columnLetters(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

/** A row with nothing in it (a blank line, or only commas): skipped, neither imported nor rejected. */
export const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === '')

function parseMessage(error: unknown): string {
  if (error instanceof Refused) return error.message
  const { code, lines } = error as { code?: string; lines?: number }
  const where = typeof lines === 'number' ? `line ${lines}` : 'the file'
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return `The file cannot be read: a value in quotes is never closed (by ${where}). Check the file in a spreadsheet and save it again as CSV`
  }
  return `The file cannot be read as CSV (at ${where}). Check it in a spreadsheet and save it again as CSV`
}

/** A CSV file from rows, every cell neutralised against spreadsheet formulas (see `csvCell`). */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map(csvLine).join('')
}
