import path from 'node:path'
import { createRequire } from 'node:module'
import nunjucks from 'nunjucks'
import { decisionMakers, roleNames, isRole } from '../domain/roles.ts'
import { formatDate, formatDateTime } from './format.ts'

const require = createRequire(import.meta.url)
const srcDir = path.resolve(import.meta.dirname, '..')
export const govukDir = path.dirname(require.resolve('govuk-frontend/package.json'))
export const mojDir = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'))

/** Views are named from `src/` (e.g. `features/staff/list/view.njk`); GOV.UK and MoJ macros resolve as documented. */
export function createNunjucks(options: { noCache: boolean }): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([srcDir, path.join(govukDir, 'dist'), mojDir], { noCache: options.noCache }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  )
  env.addFilter('date', (value: Date | string | null | undefined) => (value ? formatDate(new Date(value)) : ''))
  env.addFilter('dateTime', (value: Date | string | null | undefined) => (value ? formatDateTime(new Date(value)) : ''))
  // The MoJ timeline formats its dates with this filter; ours keeps them in UK time whatever the server's zone.
  env.addFilter('mojDate', (value: Date | string, type?: string) =>
    type === 'date' ? formatDate(new Date(value)) : formatDateTime(new Date(value)),
  )
  env.addFilter('roleName', (value: string) => (isRole(value) ? roleNames[value].name : value))
  env.addFilter('upperFirst', (value: string) => value.charAt(0).toUpperCase() + value.slice(1))
  // F4: who decides a proposal, in words, from the one list in domain/roles.ts.
  env.addGlobal('decisionMakers', decisionMakers('and'))
  env.addGlobal('decisionMakersEither', decisionMakers('or'))
  env.addFilter('json', (value: unknown) => JSON.stringify(value, null, 2))
  return env
}
