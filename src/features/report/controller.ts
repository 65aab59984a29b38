import type { FastifyReply, FastifyRequest } from 'fastify'
import { londonDate } from '../../domain/london-time.ts'
import { lastCompleteQuarter, type ReportPeriod } from '../../domain/report.ts'
import type { Services } from '../../services.ts'
import { queryOf, type FormErrors } from '../../web/forms.ts'
import { readDateInput } from '../people/date-fields.ts'
import { reportCsv } from './export-csv.ts'
import { reportPdf } from './export-pdf.ts'
import { reportXlsx } from './export-xlsx.ts'
import { buildReport, statusNames } from './report.service.ts'
import { currentCouncilSettings } from '../settings/settings.service.ts'

const view = 'features/report/view.njk'
const MAX_YEARS = 5

type Query = Record<string, unknown>

/** The period asked for in the query (GOV.UK date inputs), or the last complete quarter when none is given (K5). */
export function readPeriod(
  query: Query,
  today: string,
): { period: ReportPeriod; values: Record<string, string> } | { errors: FormErrors; values: Record<string, string> } {
  const values: Record<string, string> = {}
  for (const prefix of ['from', 'to'])
    for (const part of ['day', 'month', 'year']) {
      const v = query[`${prefix}-${part}`]
      values[`${prefix}-${part}`] = typeof v === 'string' ? v.trim() : ''
    }
  const from = readDateInput(query, 'from', 'The start of the period')
  const to = readDateInput(query, 'to', 'The end of the period')
  if (!from.value && !from.error && !to.value && !to.error) {
    const period = lastCompleteQuarter(today)
    return { period, values: valuesOf(period) }
  }
  const fields: Record<string, string> = {}
  if (from.error) fields['from'] = from.error
  else if (!from.value) fields['from'] = 'Enter the start of the period'
  if (to.error) fields['to'] = to.error
  else if (!to.value) fields['to'] = 'Enter the end of the period'
  if (to.value && to.value > today) fields['to'] = 'The end of the period must be today or in the past'
  else if (from.value && to.value) {
    if (to.value < from.value) fields['to'] = 'The end of the period must be the same as or after the start'
    else if (from.value < `${Number(to.value.slice(0, 4)) - MAX_YEARS}${to.value.slice(4)}`)
      fields['from'] = `The period must be ${MAX_YEARS} years or shorter`
  }
  if (from.value && to.value && Object.keys(fields).length === 0)
    return { period: { from: from.value, to: to.value }, values }
  return {
    values,
    errors: {
      // GOV.UK: the error summary links to the first input of the date that needs fixing.
      summary: Object.entries(fields).map(([field, text]) => ({ text, href: `#${field}-day` })),
      fields: Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, { text }])),
    },
  }
}

function valuesOf(period: ReportPeriod): Record<string, string> {
  const parts = (day: string) => day.split('-').map((p) => String(Number(p)))
  const [fy, fm, fd] = parts(period.from)
  const [ty, tm, td] = parts(period.to)
  return {
    'from-day': fd ?? '',
    'from-month': fm ?? '',
    'from-year': fy ?? '',
    'to-day': td ?? '',
    'to-month': tm ?? '',
    'to-year': ty ?? '',
  }
}

const periodQuery = (period: ReportPeriod) => new URLSearchParams(valuesOf(period)).toString()
const fileName = (period: ReportPeriod, ext: string) => `report-to-members-${period.from}-to-${period.to}.${ext}`

/** K5: the report's page (members' or named version) and its downloads. */
export function reportPages(services: Services) {
  const today = () => londonDate(services.now())
  const councilName = currentCouncilSettings(services).councilName // issue 14: the council's settings

  async function page(request: FastifyRequest, reply: FastifyReply, named: boolean) {
    const read = readPeriod(queryOf(request), today())
    const base = {
      title: named ? 'Report to members: named version' : 'Report to members',
      named,
      values: read.values,
      action: named ? '/report/named' : '/report',
    }
    if ('errors' in read) return reply.code(422).page(view, { ...base, errors: read.errors })
    const report = await buildReport(services.db, read.period, { named })
    const query = periodQuery(read.period)
    return reply.header('cache-control', 'no-store').page(view, {
      ...base,
      report,
      sections: report.tables.map((table) => ({ table, chart: report.charts.find((c) => c.key === table.key) })),
      statusNames,
      query,
      downloads: [
        { href: `/report.csv?${query}`, text: 'CSV', hint: 'for any spreadsheet' },
        { href: `/report.xlsx?${query}`, text: 'Excel workbook (XLSX)', hint: 'a sheet for each section' },
        { href: `/report.pdf?${query}`, text: 'PDF', hint: 'to print or send to members' },
      ],
    })
  }

  /** Downloads are of the members' version, which names no one (K5, K6); the named CSV is for report.read. */
  async function download(request: FastifyRequest, reply: FastifyReply, format: 'csv' | 'xlsx' | 'pdf', named = false) {
    const read = readPeriod(queryOf(request), today())
    if ('errors' in read)
      return reply.code(422).page(view, {
        title: named ? 'Report to members: named version' : 'Report to members',
        named,
        values: read.values,
        action: named ? '/report/named' : '/report',
        errors: read.errors,
      })
    const report = await buildReport(services.db, read.period, { named })
    reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${named ? 'named-' : ''}${fileName(read.period, format)}"`)
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(`\ufeff${reportCsv(report)}`)
    if (format === 'xlsx')
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await reportXlsx(report, councilName))
    return reply.type('application/pdf').send(await reportPdf(report, councilName))
  }

  return {
    members: (request: FastifyRequest, reply: FastifyReply) => page(request, reply, false),
    named: (request: FastifyRequest, reply: FastifyReply) => page(request, reply, true),
    csv: (request: FastifyRequest, reply: FastifyReply) => download(request, reply, 'csv'),
    xlsx: (request: FastifyRequest, reply: FastifyReply) => download(request, reply, 'xlsx'),
    pdf: (request: FastifyRequest, reply: FastifyReply) => download(request, reply, 'pdf'),
    namedCsv: (request: FastifyRequest, reply: FastifyReply) => download(request, reply, 'csv', true),
  }
}
