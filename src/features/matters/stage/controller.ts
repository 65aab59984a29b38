import type { FastifyReply, FastifyRequest } from 'fastify'
import { complaintStageNames, laterStages, type ComplaintStage } from '../../../domain/matters.ts'
import { notFound, Refusal } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { errorsInOrder, inUrlOr404, type FormErrors } from '../../../web/forms.ts'
import { moveComplaintStage } from '../matters.service.ts'
import { findMatter } from '../matters.repository.ts'
import { personName } from '../../people/people.repository.ts'

const view = 'features/matters/stage/view.njk'

/** Move a complaint to stage 2, or record that it was referred to the Ombudsman. */
export function stagePages(services: Services) {
  async function load(request: FastifyRequest) {
    const matter = await inUrlOr404(request, 'Complaint', (id) => findMatter(services.db, id))
    if (matter.type !== 'complaint') throw notFound('Complaint')
    const person = await personName(services.db, matter.person_id)
    return { matter, person }
  }
  const render = (reply: FastifyReply, loaded: Awaited<ReturnType<typeof load>>, errors?: FormErrors) =>
    reply.code(errors ? 422 : 200).page(view, {
      title: `Change the stage of ${loaded.matter.reference}`,
      matter: loaded.matter,
      person: loaded.person,
      current: complaintStageNames[loaded.matter.complaint_stage ?? 'stage_1'],
      items: laterStages(loaded.matter.status === 'open' ? loaded.matter.complaint_stage : null).map((stage) => ({
        value: stage,
        text: complaintStageNames[stage],
      })),
      errors,
      backLink: `/people/${loaded.person.id}`,
    })
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => render(reply, await load(request)),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const loaded = await load(request)
      const stage = (request.body as { stage?: unknown } | undefined)?.stage
      if (typeof stage !== 'string' || !(stage in complaintStageNames))
        return render(reply, loaded, errorsInOrder({ stage: 'Choose the stage the complaint has moved to' }))
      try {
        await services.db
          .transaction()
          .execute((trx) => moveComplaintStage(trx, actor, loaded.matter.id, stage as ComplaintStage))
      } catch (error) {
        if (error instanceof Refusal)
          return render(
            reply,
            await load(request),
            errorsInOrder(Object.keys(error.fields).length ? error.fields : { stage: error.message }),
          )
        throw error
      }
      return reply.redirect(`/people/${loaded.person.id}?done=stage`, 303)
    },
  }
}
