import type { FastifyRequest } from 'fastify'
import { ratifyBy } from '../../../domain/procedure.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { letterStepPages } from '../letter-step.ts'
import type { LoadedProposal } from '../decision/load.ts'
import { imposeInterim, interimRefusal } from '../proposals.service.ts'
import { bankHolidays } from '../../bank-holidays/bank-holidays.repository.ts'

/** F8: an immediate risk to staff: the Chief Executive or the Monitoring Officer imposes the restrictions at once. */
export function interimPages(services: Services) {
  return letterStepPages(services, {
    done: 'interim',
    view: 'features/proposals/interim/view.njk',
    page: async ({ proposal, file, ctx }: LoadedProposal, request: FastifyRequest) => {
      const refusal = interimRefusal(proposal, staffActorOf(request))
      const holidays = await bankHolidays(services.db)
      return {
        title: `Impose an interim restriction on ${file.person.full_name}`,
        refusal,
        today: ctx.today,
        ratifyBy: ratifyBy(ctx.today, holidays, ctx.settings),
        workingDays: ctx.settings.ratificationWorkingDays,
      }
    },
    issue: imposeInterim,
  })
}
