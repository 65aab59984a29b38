// Importing a CRM export (issue 3): how a file's columns are matched to the fields of a kind of file, how a row's
// values are read, and how a report is written back out as CSV. Pure: no I/O, no framework.
import { targetFields, type ImportKind, type TargetField } from './import-fields.ts'

/** Where a field's values come from: a column of the file (by position), or one fixed value for every row. */
export type Source = { column: number } | { fixed: string }
export type Mapping = Record<string, Source>

/** `Customer E-mail Address` -> `customeremailaddress`: what column names are compared by. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/**
 * A first guess at which column fills which field: exact names first (ignoring case, spaces and punctuation), then a
 * column whose name contains a longer synonym ("Home telephone" for the phone). Each column is used once; staff
 * check and change the guess before anything is read.
 */
export function guessMapping(kind: ImportKind, header: readonly string[]): Mapping {
  const keys = header.map(headerKey)
  const used = new Set<number>()
  const mapping: Mapping = {}
  const fields = targetFields[kind]
  const take = (field: TargetField, match: (key: string, synonym: string) => boolean) => {
    if (mapping[field.key]) return
    for (const synonym of field.synonyms.map(headerKey)) {
      const column = keys.findIndex((key, i) => !used.has(i) && key !== '' && match(key, synonym))
      if (column >= 0) {
        mapping[field.key] = { column }
        used.add(column)
        return
      }
    }
  }
  for (const field of fields) take(field, (key, synonym) => key === synonym)
  for (const field of fields) take(field, (key, synonym) => synonym.length >= 5 && key.includes(synonym))
  return mapping
}

/** What is wrong with a mapping, by field key: required fields missing, columns that do not exist, unknown values. */
export function checkMapping(kind: ImportKind, mapping: Mapping, columnCount: number): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const field of targetFields[kind]) {
    const source = mapping[field.key]
    if (source && 'column' in source && !(source.column >= 0 && source.column < columnCount)) {
      problems[field.key] = `Choose a column of the file for ${field.label.toLowerCase()}`
    } else if (source && 'fixed' in source && !field.fixedValues?.some((v) => v.value === source.fixed)) {
      problems[field.key] = `Choose a column or a value for ${field.label.toLowerCase()}`
    } else if (!source && field.required) {
      const nameParts = kind === 'people' && field.key === 'fullName' && (mapping.firstName || mapping.lastName)
      if (!nameParts) problems[field.key] = `Choose the column that holds the ${field.label.toLowerCase()}`
    }
  }
  return problems
}

/** A row's values for each mapped field: trimmed, with empty cells left out. */
export function valuesOf(record: readonly string[], mapping: Mapping): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, source] of Object.entries(mapping)) {
    const raw = 'fixed' in source ? source.fixed : (record[source.column] ?? '')
    const value = raw.trim()
    if (value !== '') values[key] = value
  }
  return values
}

/** Reads a value against a list of allowed values, tolerant of case, spaces, hyphens and the names staff use. */
export function choose<T extends string>(value: string, allowed: Record<T, readonly string[]>): T | undefined {
  const key = headerKey(value)
  for (const [canonical, names] of Object.entries(allowed) as [T, readonly string[]][]) {
    if (headerKey(canonical) === key || names.some((name) => headerKey(name) === key)) return canonical
  }
  return undefined
}

/**
 * One cell of a CSV report. A value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return
 * first) is prefixed with `'`, so opening the report never runs what someone typed into the CRM (OWASP CSV injection).
 */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}
