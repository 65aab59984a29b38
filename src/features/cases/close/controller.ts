import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { type FormErrors, attempt, bodyOf, errorsInOrder, str, parseForm } from '../../../web/forms.ts'
import { closeCase } from '../cases.service.ts'
import { procedureContext } from '../context.ts'
import { closeCase as closeCaseBody } from '../schema.ts'
import { caseOr404 } from '../case-param.ts'

const view = 'features/cases/close/view.njk'
const order = ['form', 'reason']

/** Close a case once nothing in it is in force or awaiting a decision (F7); its history stays at hand (F12). */
export function closePages(services: Services) {
  const { db } = services
  type Kase = Awaited<ReturnType<typeof caseOr404>>
  const render = (reply: FastifyReply, kase: Kase, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.code(errors ? 422 : 200).page(view, {
      title: `Close case ${kase.reference}`,
      kase,
      values,
      errors,
      backLink: `/cases/${kase.id}`,
    })

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => render(reply, await caseOr404(db, request), {}),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const kase = await caseOr404(db, request)
      const values = { reason: str(bodyOf(request), 'reason') }
      const parsed = parseForm(closeCaseBody, values, order)
      if (!parsed.ok) return render(reply, kase, values, parsed.errors)
      const ctx = procedureContext(services)
      const result = await attempt(() =>
        db.transaction().execute((trx) => closeCase(trx, actor, kase.id, parsed.value.reason, ctx)),
      )
      if (!result.ok) return render(reply, kase, values, errorsInOrder(result.fields, order))
      return reply.redirect(`/cases/${kase.id}?done=closed`, 303)
    },
  }
}
