import type { FastifyReply, FastifyRequest } from 'fastify'
import { checkInterim, ratifyBy } from '../../../domain/procedure.ts'
import { notFound } from '../../../errors.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/actor.ts'
import type { FormErrors } from '../../../web/forms.ts'
import { bankHolidays, wantsLargePrint } from '../cases.repository.ts'
import { imposeInterim } from '../proposals.service.ts'
import { attempt, errorsInOrder, paramId } from '../case-kit/kit.ts'
import { describeRestrictions, loadProposal } from '../decision/load.ts'

const view = 'features/cases/interim/view.njk'

/** F8: an immediate risk to staff: the Chief Executive or the Monitoring Officer imposes the restrictions at once. */
export function interimPages(services: Services) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: { largePrint: boolean },
    errors?: FormErrors,
  ) {
    const id = paramId(request)
    if (!id) throw notFound('Proposal')
    const actor = staffActorOf(request)
    const loaded = await loadProposal(services, id)
    const { proposal, file, ctx } = loaded
    const refusal = checkInterim(
      {
        status: proposal.status,
        proposedBy: proposal.proposed_by,
        immediateRisk: proposal.immediate_risk_justification !== null,
        interimImposedOn: proposal.interim_imposed_on,
      },
      actor,
    )
    const [restrictions, largePrint, holidays] = await Promise.all([
      describeRestrictions(services, loaded),
      wantsLargePrint(services.db, file.person.id),
      bankHolidays(services.db),
    ])
    return reply.code(errors ? 422 : 200).page(view, {
      title: `Impose an interim restriction on ${file.person.full_name}`,
      person: file.person,
      kase: file.case,
      proposal,
      restrictions,
      today: ctx.today,
      ratifyBy: ratifyBy(ctx.today, holidays, ctx.settings),
      workingDays: ctx.settings.ratificationWorkingDays,
      whyNot: refusal ? `${refusal.message} (rule ${refusal.rule}).` : undefined,
      largePrint: values ? values.largePrint : largePrint,
      errors,
      backLink: `/proposals/${proposal.id}`,
    })
  }

  return {
    show: (request: FastifyRequest, reply: FastifyReply) => render(request, reply),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const id = paramId(request)
      if (!id) throw notFound('Proposal')
      const actor = staffActorOf(request)
      const largePrint = (request.body as Record<string, unknown> | undefined)?.['largePrint'] === 'yes'
      const loaded = await loadProposal(services, id)
      const result = await attempt(() =>
        services.db.transaction().execute((trx) => imposeInterim(trx, actor, id, { largePrint }, loaded.ctx)),
      )
      if (!result.ok) return render(request, reply, { largePrint }, errorsInOrder(result.fields, ['form']))
      return reply.redirect(`/letters/${result.value.letterId}`, 303)
    },
  }
}
