import type { FastifyReply, FastifyRequest } from 'fastify'
import { londonDate } from '../../../domain/london-time.ts'
import { notFound, Refusal } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { errorsInOrder, paramId, queryOf, type FormErrors } from '../../../web/forms.ts'
import { readDateInput } from '../../people/date-fields.ts'
import { recordAbsence } from './absence.service.ts'
import { findStaffAbsence } from '../staff.repository.ts'

const view = 'features/staff/absence/view.njk'

/** F5b: "away until", for yourself (/account/absence) or, for an administrator, anyone (/staff/:id/absence). */
export function absencePages(services: Services, whose: 'own' | 'any') {
  const { db } = services

  async function staffOf(request: FastifyRequest) {
    const id = whose === 'own' ? staffActorOf(request).id : paramId(request)
    const staff = id ? await findStaffAbsence(db, id) : undefined
    if (!staff) throw notFound('Staff user')
    return staff
  }

  async function render(request: FastifyRequest, reply: FastifyReply, values: object, errors?: FormErrors) {
    const staff = await staffOf(request)
    const own = whose === 'own'
    const done = queryOf(request).done
    return reply.code(errors ? 422 : 200).page(view, {
      title: own ? 'When you are away' : `When ${staff.name} is away`,
      own,
      staff,
      values,
      errors,
      done: done === 'saved' ? (staff.absentUntil ? 'Absence recorded' : 'Absence cleared') : undefined,
      backLink: own ? '/account' : `/staff/${staff.id}`,
    })
  }

  return {
    show: (request: FastifyRequest, reply: FastifyReply) => render(request, reply, {}),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const staff = await staffOf(request)
      const values = (request.body ?? {}) as Record<string, unknown>
      const clear = values.clear === 'yes'
      const date = clear ? {} : readDateInput(values, 'absentUntil', 'The date')
      if (!clear && !date.value)
        return render(request, reply, values, errorsFor(date.error ?? 'Enter the date, or clear it if back at work'))
      try {
        await db
          .transaction()
          .execute((trx) =>
            recordAbsence(trx, staffActorOf(request), staff.id, date.value ?? null, londonDate(services.now())),
          )
      } catch (error) {
        if (!(error instanceof Refusal) || error.status === 404) throw error
        return render(request, reply, values, errorsFor(error.message))
      }
      return reply.redirect(`${whose === 'own' ? '/account/absence' : `/staff/${staff.id}/absence`}?done=saved`, 303)
    },
  }
}

// A date input's message links to its day field.
const errorsFor = (message: string): FormErrors => ({
  summary: [{ text: message, href: '#absentUntil-day' }],
  fields: errorsInOrder({ absentUntil: message }).fields,
})
