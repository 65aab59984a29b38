import type { FastifyReply, FastifyRequest } from 'fastify'
import { allows } from '../../../domain/permissions.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { type FormErrors, attempt, bodyOf, errorsInOrder, parseForm, queryOf } from '../../../web/forms.ts'
import { decide } from '../proposals.service.ts'
import { decisionPageData, proposalInUrl } from './load.ts'
import { decisionForm } from '../schema.ts'

const view = 'features/proposals/decision/view.njk'
const order = ['form', 'decision', 'counterweightsConsidered', 'reasons']
const done: Record<string, string> = {
  proposed: 'Proposal sent to the Chief Executive and the Monitoring Officer',
  decided: 'Decision recorded',
}

/** F4: the decision page for the Chief Executive and the Monitoring Officer, and their decisions with reasons. */
export function decisionPages(services: Services) {
  async function render(request: FastifyRequest, reply: FastifyReply, values: object = {}, errors?: FormErrors) {
    const actor = staffActorOf(request)
    const loaded = await proposalInUrl(services, request)
    const data = await decisionPageData(services, loaded, actor)
    const { proposal } = loaded
    const query = queryOf(request)
    const roles = actor.roles
    return reply.code(errors ? 422 : 200).page(view, {
      title: `Proposal to restrict ${data.person.full_name}`,
      ...data,
      done: typeof query['done'] === 'string' ? done[query['done']] : undefined,
      letterId: typeof query['letter'] === 'string' ? query['letter'] : undefined,
      can: {
        decide: allows('proposals.decide', roles),
        issueNotice:
          allows('letters.issue', roles) && proposal.status === 'approved' && proposal.notice_issued_on === null,
        imposeInterim:
          allows('proposals.decide', roles) &&
          proposal.status === 'awaiting_decision' &&
          proposal.immediate_risk_justification !== null &&
          proposal.interim_imposed_on === null,
      },
      values,
      errors,
      fieldErrors: errors?.fields ?? {},
      backLink: `/cases/${proposal.case_id}`,
    })
  }

  return {
    show: (request: FastifyRequest, reply: FastifyReply) => render(request, reply),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const body = bodyOf(request)
      // P2: the page asks every decision-maker how they weighed the counterweights (the API leaves it optional).
      const parsed = parseForm(decisionForm, body, order)
      if (!parsed.ok) return render(request, reply, body, parsed.errors)
      const { proposal, ctx } = await proposalInUrl(services, request)
      const result = await attempt(() =>
        services.db.transaction().execute((trx) => decide(trx, actor, proposal.id, parsed.value, ctx)),
      )
      if (!result.ok) return render(request, reply, body, errorsInOrder(result.fields, order))
      // F8: rejecting an interim restriction ends it at once, and the person is written to.
      const letter = result.value.letterId ? `&letter=${result.value.letterId}` : ''
      return reply.redirect(`/proposals/${proposal.id}?done=decided${letter}`, 303)
    },
  }
}
