import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  restrictionTypes,
  restrictionTypeNames,
  scopeCovers,
  type RestrictionType,
} from '../../../domain/restrictions.ts'
import type { Services } from '../../../services.ts'
import { queryOf } from '../../../web/forms.ts'
import { toCsv } from '../../import/csv.ts'
import { procedureContext } from '../../cases/context.ts'
import { currentRestrictions, type CurrentRestriction } from '../restriction-view/read.ts'

const view = 'features/restrictions/register/view.njk'

export const registerStatuses = {
  active: 'In force',
  approved: 'Approved, not yet in force',
  both: 'In force, or approved and not yet in force',
} as const
type RegisterStatus = keyof typeof registerStatuses

export interface RegisterFilters {
  service: string
  type: RestrictionType | ''
  name: string
  status: RegisterStatus
}

const str = (value: unknown, max = 200) => (typeof value === 'string' ? value.trim().slice(0, max) : '')

/** The filters from the query string (a GET form, so it works without JavaScript); anything unknown is ignored. */
export function readFilters(query: unknown): RegisterFilters {
  const q = (query ?? {}) as Record<string, unknown>
  const type = restrictionTypes.find((t) => t === q.type) ?? ''
  const status = (Object.keys(registerStatuses) as RegisterStatus[]).find((s) => s === q.status) ?? 'active'
  return { service: str(q.service), type, name: str(q.name), status }
}

export function applyFilters(rows: readonly CurrentRestriction[], f: RegisterFilters): CurrentRestriction[] {
  const name = f.name.toLowerCase()
  return rows.filter(
    (r) =>
      (f.status === 'both' || r.status === f.status) &&
      (!f.type || r.spec.type === f.type) &&
      (!f.service || scopeCovers(r.spec.scope, f.service)) &&
      (!name || r.personName.toLowerCase().includes(name)),
  )
}

const queryString = (f: RegisterFilters) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v !== '') as [string, string][]).toString()

/** K2: the register of restricted people, for everyone who runs or oversees the procedure. */
export function registerPages(services: Services) {
  async function load(request: FastifyRequest) {
    const { today } = procedureContext(services)
    const all = await currentRestrictions(services.db, today)
    const filters = readFilters(queryOf(request))
    const services_ = [...new Set(all.flatMap((r) => ('services' in r.spec.scope ? r.spec.scope.services : [])))]
    return { filters, rows: applyFilters(all, filters), serviceNames: services_.sort((a, b) => a.localeCompare(b)) }
  }
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const { filters, rows, serviceNames } = await load(request)
      const people = new Set(rows.map((r) => r.personId)).size
      return reply.page(view, {
        title: 'Register of restricted people',
        rows,
        people,
        filters,
        filtered: Boolean(filters.service || filters.type || filters.name || filters.status !== 'active'),
        csvHref: `/register.csv${queryString(filters) ? `?${queryString(filters)}` : ''}`,
        serviceItems: [
          { value: '', text: 'Any service' },
          ...serviceNames.map((s) => ({ value: s, text: s })),
          // A service typed into the URL that no restriction names still shows as chosen.
          ...(filters.service && !serviceNames.includes(filters.service)
            ? [{ value: filters.service, text: filters.service }]
            : []),
        ],
        typeItems: [
          { value: '', text: 'Any type' },
          ...restrictionTypes.map((t) => ({ value: t, text: restrictionTypeNames[t] })),
        ],
        statusItems: Object.entries(registerStatuses).map(([value, text]) => ({ value, text })),
      })
    },
    csv: async (request: FastifyRequest, reply: FastifyReply) => {
      const { rows } = await load(request)
      const { today } = procedureContext(services)
      // Every cell goes through the import's CSV writer, which neutralises spreadsheet formulas (OWASP CSV injection).
      const body = toCsv([
        [
          'Person',
          'Case',
          'Status',
          'Restriction type',
          'Restriction',
          'Applies to',
          'Starts',
          'Ends',
          'Review due',
          'Person told',
          'Services told',
          'How necessary contact happens',
          'How staff should respond',
        ],
        ...rows.map((r) => [
          r.personName,
          r.caseReference,
          registerStatuses[r.status === 'active' ? 'active' : 'approved'],
          r.typeName,
          r.plain,
          r.scopeText,
          r.startsOn,
          r.endsOn,
          r.reviewOn,
          r.toldOn ?? '',
          r.servicesTold,
          r.necessaryContact,
          r.staffResponse,
        ]),
      ])
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="register-of-restricted-people-${today}.csv"`)
        .header('cache-control', 'no-store')
        .send(`\uFEFF${body}`)
    },
  }
}
