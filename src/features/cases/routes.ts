import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../../services.ts'
import { casePages } from './routes-case.ts'
import { proposalPages } from './routes-proposal.ts'
import { restrictionPages } from './routes-restriction.ts'

// The formal procedure's pages (issue 4). Each file registers one part of the journey; paths are written once there.
export const caseRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    casePages(app, services) // opening a case, the case page, warnings, letters, the case file
    proposalPages(app, services) // proposing restrictions, decisions, the restriction letter, interim restrictions
    restrictionPages(app, services) // reviews, challenges, the register, bank holidays
  }
