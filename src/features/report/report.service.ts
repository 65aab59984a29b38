import type { Executor } from '../../db/database.ts'
import {
  imposedOn,
  inForceDuring,
  reportFigures,
  restrictionLife,
  statusOn,
  type ReportFigures,
  type ReportPeriod,
} from '../../domain/report.ts'
import { describeScope, restrictionTypeNames, type RestrictionStatus } from '../../domain/restrictions.ts'
import { barChart, reportTables, type Chart, type ReportTable } from './present.ts'
import { namesOfRestrictions, reportRows } from './report.repository.ts'

// The report to members (K5): its figures, as tables and charts, in the members' anonymised version or, for those who
// may see names (report.read), with the list of the restrictions behind them.

export interface NamedRow {
  personId: string
  personName: string
  caseReference: string
  type: string
  scope: string
  inForceFrom: string | null
  endedOn: string | null
  endsOn: string
  statusAtEnd: RestrictionStatus
  imposedInPeriod: boolean
}

export interface Report {
  period: ReportPeriod
  anonymised: boolean
  figures: ReportFigures
  tables: ReportTable[]
  charts: Chart[]
  named: NamedRow[]
}

export const statusNames: Record<RestrictionStatus, string> = {
  awaiting_decision: 'Awaiting decision',
  approved: 'Approved, not yet in force',
  active: 'In force',
  lapsed: 'Lapsed',
  lifted: 'Lifted',
  rejected: 'Rejected',
}

export async function buildReport(db: Executor, period: ReportPeriod, options: { named: boolean }): Promise<Report> {
  const rows = await reportRows(db, period)
  const figures = reportFigures(rows, period)
  const anonymised = !options.named
  const tables = reportTables(figures, { anonymised })
  const byType = tables.find((t) => t.key === 'by-type')
  const byService = tables.find((t) => t.key === 'by-service')
  const charts = [
    byType && barChart(byType, 1, 'Restrictions in force at any time in the period, by type'),
    byService &&
      byService.rows.length > 0 &&
      barChart(byService, 1, 'Restrictions in force at any time in the period, by service'),
  ].filter((c): c is Chart => Boolean(c))

  let named: NamedRow[] = []
  if (options.named) {
    const listed = rows.restrictions
      .map((r) => ({ r, life: restrictionLife(r) }))
      .filter(
        ({ r, life }) =>
          inForceDuring(r, period) ||
          (imposedOn(r) !== null && (imposedOn(r) ?? '') >= period.from && (imposedOn(r) ?? '') <= period.to) ||
          (life.endedOn !== null && life.endedOn >= period.from && life.endedOn <= period.to),
      )
    const names = await namesOfRestrictions(
      db,
      listed.map(({ r }) => r.id),
    )
    named = listed
      .map(({ r, life }) => {
        const who = names.get(r.id)
        const imposed = imposedOn(r)
        return {
          personId: r.personId,
          personName: who?.personName ?? '',
          caseReference: who?.caseReference ?? '',
          type: restrictionTypeNames[r.type],
          scope: describeScope(r.councilWide ? { councilWide: true } : { services: r.services }),
          inForceFrom: life.inForceFrom,
          endedOn: life.endedOn !== null && life.endedOn <= period.to ? life.endedOn : null,
          endsOn: r.endsOn,
          statusAtEnd: statusOn(r, period.to),
          imposedInPeriod: imposed !== null && imposed >= period.from && imposed <= period.to,
        }
      })
      .sort((a, b) => a.personName.localeCompare(b.personName) || a.caseReference.localeCompare(b.caseReference))
  }
  return { period, anonymised, figures, tables, charts, named }
}
