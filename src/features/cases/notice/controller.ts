import type { FastifyReply, FastifyRequest } from 'fastify'
import { checkNotice, decisionRoleNames } from '../../../domain/procedure.ts'
import { notFound } from '../../../errors.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/actor.ts'
import type { FormErrors } from '../../../web/forms.ts'
import { wantsLargePrint } from '../cases.repository.ts'
import { issueNotice } from '../proposals.service.ts'
import { attempt, errorsInOrder, paramId } from '../case-kit/kit.ts'
import { describeRestrictions, loadProposal } from '../decision/load.ts'

const view = 'features/cases/notice/view.njk'

/** F9: once both have approved (F4), the restriction letter is issued; only then are the restrictions in force. */
export function noticePages(services: Services) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: { largePrint: boolean },
    errors?: FormErrors,
  ) {
    const id = paramId(request)
    if (!id) throw notFound('Proposal')
    const loaded = await loadProposal(services, id)
    const { proposal, file, ctx } = loaded
    const refusal = checkNotice({ status: proposal.status, noticeIssuedOn: proposal.notice_issued_on })
    const [restrictions, largePrint] = await Promise.all([
      describeRestrictions(services, loaded),
      wantsLargePrint(services.db, file.person.id),
    ])
    return reply.code(errors ? 422 : 200).page(view, {
      title: `Issue the restriction letter to ${file.person.full_name}`,
      person: file.person,
      kase: file.case,
      proposal,
      restrictions,
      inForceFrom: proposal.starts_on > ctx.today ? proposal.starts_on : ctx.today,
      signatories: loaded.decisions
        .filter((d) => d.decision === 'approve')
        .map((d) => `${d.decided_by_name}, ${decisionRoleNames[d.role]}`),
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
        services.db.transaction().execute((trx) => issueNotice(trx, actor, id, { largePrint }, loaded.ctx)),
      )
      if (!result.ok) return render(request, reply, { largePrint }, errorsInOrder(result.fields, ['form']))
      return reply.redirect(`/letters/${result.value.letterId}`, 303)
    },
  }
}
