import type { VerifyReport } from '../../audit/verify.ts'
import { describeProblem, firstBadEntry } from '../../domain/audit-chain.ts'

const tableNames: Record<string, string> = {
  procedure_case: 'Case',
  warning: 'Warning',
  proposal: 'Proposal',
  decision: 'Decision',
  restriction: 'Restriction',
  review: 'Review',
  challenge: 'Challenge',
  letter: 'Letter',
  safety_marker: 'Safety marker',
  safety_marker_review: 'Safety marker review',
  incident: 'Incident',
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const instant = (at: string) => at.replace(/\.\d+Z$/, 'Z')

/** What `audit verify` says: intact or not, the first bad entry, the checkpoint reached, what is not yet anchored. */
export function describeVerifyReport(report: VerifyReport & { checkpointFile: string; fileExists: boolean }): string {
  const lines: string[] = []
  if (report.problem) {
    const first = firstBadEntry(report.problem)
    lines.push(`The audit trail has been tampered with. ${describeProblem(report.problem)}`)
    lines.push(
      report.problem.kind === 'relinked'
        ? `Entries 1 to ${report.entries} verify on their own, but entry ${report.entries + 1} was chained to a different entry ${report.entries}.`
        : `The first bad entry is ${first}; ${first <= 1 ? 'there are no entries before it' : `the ${plural(first - 1, 'entry', 'entries')} before it are intact`}.`,
    )
  } else {
    const legacy =
      report.keyedFrom !== null && report.keyedFrom > 1
        ? ` (entries 1 to ${report.keyedFrom - 1}, written before the key, by their plain hashes, sealed by entry ${report.keyedFrom})`
        : ''
    lines.push(
      report.entries === 0
        ? 'The audit trail is empty.'
        : `The audit trail's chain is intact: ${plural(report.entries, 'entry', 'entries')}, each signed with the audit key and chained to the one before${legacy}.`,
    )
  }
  if (!report.problem) {
    if (report.checkpoint) {
      lines.push(
        `It holds every entry the latest checkpoint covered (entry ${report.checkpoint.seq}, ${instant(report.checkpoint.at)}); ${
          report.unanchored === 0
            ? 'every entry is anchored outside the database.'
            : `${plural(report.unanchored, 'entry', 'entries')} since then ${report.unanchored === 1 ? 'is' : 'are'} not yet anchored outside the database.`
        }`,
      )
    } else if (report.entries > 0) {
      lines.push(
        `No checkpoint ${report.fileExists ? 'signed with this key is' : 'is'} in ${report.checkpointFile}: none of the ${plural(report.entries, 'entry', 'entries')} is anchored outside the database, so entries removed from the end would not be noticed. Run npx fair-contact audit checkpoint.`,
      )
    }
  }
  for (const problem of report.checkpointProblems) {
    lines.push(
      problem.reason === 'unreadable'
        ? `Line ${problem.line} of ${report.checkpointFile} is not a checkpoint.`
        : `Line ${problem.line} of ${report.checkpointFile} is not a checkpoint signed with this audit key: it was forged, or the key has changed.`,
    )
  }
  const rows = report.rows.problems
  if (rows.length > 0) {
    const first = rows[0]
    lines.push(
      `${plural(rows.length, 'record was', 'records were')} changed outside Fair Contact (edited or deleted in the database behind the service's back)${
        first ? `; the first bad entry is ${first.seq}, the last one that recorded ${describeRow(first)}` : ''
      }:`,
    )
    for (const row of rows.slice(0, 20)) {
      lines.push(
        row.kind === 'changed'
          ? `  ${describeRow(row)} no longer matches entry ${row.seq}, the last entry that recorded it.`
          : `  ${describeRow(row)} is gone: entry ${row.seq} recorded it.`,
      )
    }
    if (rows.length > 20) lines.push(`  and ${rows.length - 20} more.`)
  } else if (!report.problem && report.rows.checked > 0) {
    const n = report.rows.checked
    lines.push(
      `${plural(n, 'record matches', 'records match')} the last entry that recorded ${n === 1 ? 'it' : 'each'}.`,
    )
  }
  return `${lines.join('\n')}\n`
}

const describeRow = (row: { table: string; id: string }) => `${tableNames[row.table] ?? row.table} ${row.id}`
