import { parse } from 'csv-parse/sync'
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

export function parseCsv(text: string): Parsed {
  let records: string[][]
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false })
  } catch (error) {
    return { ok: false, message: parseMessage(error) }
  }
  const [header, ...rows] = records
  if (!header || header.every((h) => h.trim() === '')) {
    return { ok: false, message: 'The selected file has no header row: the first row must name the columns' }
  }
  if (rows.length > MAX_ROWS) {
    return {
      ok: false,
      message: `The selected file has ${rows.length.toLocaleString('en-GB')} rows. Split it into files of ${MAX_ROWS.toLocaleString('en-GB')} rows or fewer`,
    }
  }
  return { ok: true, header: header.map((h) => h.trim()), rows }
}

/** A row with nothing in it (a blank line, or only commas): skipped, neither imported nor rejected. */
export const isBlank = (row: readonly string[]) => row.every((cell) => cell.trim() === '')

function parseMessage(error: unknown): string {
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
