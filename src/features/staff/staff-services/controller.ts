import type { FastifyReply, FastifyRequest } from 'fastify'
import { serviceList } from '../../../domain/staff-services.ts'
import type { Services } from '../../../services.ts'
import {
  type FormErrors,
  attempt,
  bodyOf,
  errorsInOrder,
  inUrlOr404,
  lists,
  parseForm,
  texts,
} from '../../../web/forms.ts'
import { actorOf } from '../../../web/identity.ts'
import { findStaffUser, knownServices, type StaffUser } from '../staff.repository.ts'
import { changeServices } from '../staff.service.ts'
import { servicesForm } from '../schema.ts'

const view = 'features/staff/staff-services/view.njk'
const order = ['services', 'newService', 'reason']

/**
 * F1: an administrator sets the services a staff user belongs to: ticks among the services already named on matters,
 * cases and staff, and may type one more. A Head of Service opens cases only for their own services.
 */
export function staffServicesPages(services: Services) {
  const { db } = services
  const staffOr404 = (request: FastifyRequest) => inUrlOr404(request, 'Staff user', (id) => findStaffUser(db, id))

  async function render(
    reply: FastifyReply,
    user: StaffUser,
    values: { services: string[] } & Record<string, unknown>,
    errors?: FormErrors,
  ) {
    // Their own spelling of a service comes first, so the box for it is ticked.
    const choices = serviceList([...user.services, ...values.services, ...(await knownServices(db))])
    return reply.code(errors ? 422 : 200).page(view, {
      title: `Change services for ${user.name}`,
      user,
      isHead: user.roles.includes('head_of_service'),
      serviceItems: choices.map((service) => ({ value: service, text: service })),
      values,
      errors,
      backLink: `/staff/${user.id}`,
    })
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const user = await staffOr404(request)
      return render(reply, user, { services: user.services })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const user = await staffOr404(request)
      const body = bodyOf(request)
      const values = { ...texts(body, ['newService', 'reason']), ...lists(body, ['services']) }
      const form = parseForm(servicesForm, values, order)
      if (!form.ok) return render(reply, user, values, form.errors)
      const { newService, reason } = form.value
      const chosen = [...form.value.services, ...(newService ? [newService] : [])]
      const result = await attempt(
        () => db.transaction().execute((trx) => changeServices(trx, actor, user.id, chosen, reason)),
        { withRule: false },
      )
      if (!result.ok) return render(reply, user, values, errorsInOrder(result.fields, order))
      return reply.redirect(`/staff/${user.id}?done=services`, 303)
    },
  }
}
