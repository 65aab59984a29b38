import type { FastifyReply, FastifyRequest } from 'fastify'
import { complaintStageNames, matterTypeNames, statutoryProcess, type ComplaintStage } from '../../../domain/matters.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { formatDate } from '../../../web/format.ts'
import { closeMatter } from '../../matters/matters.service.ts'
import { personName } from '../../people/people.repository.ts'
import { closeMatterForm, outcomeNames, outcomesFor } from '../form-schema.ts'
import { dateFields, matterOr404, view } from '../page-kit.ts'
import { attempt, bodyOf, errorsInOrder, parseForm } from '../../../web/forms.ts'

const order = ['outcome', 'processExhausted']
// A complaint being closed that went to the Ombudsman is with them still.
const stageNames: Record<ComplaintStage, string> = { ...complaintStageNames, ombudsman: 'With the Ombudsman' }

/** Close a matter with its outcome; for a complaint, say whether it has completed the complaints process (F11). */
export function closeMatterPages(services: Services) {
  const { db } = services

  async function load(request: FastifyRequest) {
    const matter = await matterOr404(db, request)
    const person = await personName(db, matter.person_id)
    return { matter, person: { id: person.id, fullName: person.full_name } }
  }
  type Loaded = Awaited<ReturnType<typeof load>>

  function form(reply: FastifyReply, { matter, person }: Loaded, values: object, errors?: object, status?: number) {
    return reply.code(status ?? (errors ? 422 : 200)).page(view('close-matter'), {
      title: `Close ${matter.reference}`,
      matter: {
        ...matter,
        statutory: statutoryProcess(matter.type),
        outcomeName: matter.outcome && outcomeNames[matter.outcome],
      },
      rows: [
        ['Type', matterTypeNames[matter.type]],
        ['What it is about', matter.subject],
        ['Service', matter.service],
        ['Opened', formatDate(matter.opened_at)],
        ...(matter.complaint_stage ? [['Complaint stage', stageNames[matter.complaint_stage]]] : []),
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      person,
      isComplaint: matter.type === 'complaint',
      outcomeItems: outcomesFor(matter.type).map((value) => ({ value, text: outcomeNames[value] })),
      values,
      errors,
      backLink: `/people/${person.id}`,
    })
  }
  // Already closed: say so (with the outcome), and offer no form.
  const closed = (reply: FastifyReply, loaded: Loaded, status: 200 | 409) => form(reply, loaded, {}, undefined, status)

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const loaded = await load(request)
      return loaded.matter.status === 'closed' ? closed(reply, loaded, 200) : form(reply, loaded, {})
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const loaded = await load(request)
      if (loaded.matter.status === 'closed') return closed(reply, loaded, 409)
      const values = bodyOf(request)
      const parsed = parseForm(closeMatterForm(loaded.matter.type), values, order, dateFields)
      if (!parsed.ok) return form(reply, loaded, values, parsed.errors)
      const result = await attempt(
        () =>
          db.transaction().execute((trx) => closeMatter(trx, actor, loaded.matter.id, parsed.value, services.now())),
        { rename: { personId: 'form' }, withRule: false },
      )
      if (!result.ok) {
        const again = await load(request)
        if (again.matter.status === 'closed') return closed(reply, again, 409)
        return form(reply, loaded, values, errorsInOrder(result.fields, order, dateFields))
      }
      return reply.redirect(`/people/${loaded.person.id}?done=matter-closed`, 303)
    },
  }
}
