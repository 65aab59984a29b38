import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  dueKindNames,
  dueKinds,
  dueStateNames,
  worklistsFor,
  type DueItem,
  type DueState,
} from '../../../domain/due.ts'
import { roleNames } from '../../../domain/roles.ts'
import { procedureContext } from '../../cases/context.ts'
import type { Services } from '../../../services.ts'
import { queryOf } from '../../../web/forms.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { loadDueItems } from '../due.repository.ts'

const query = z.object({ kind: z.enum(dueKinds).optional().catch(undefined) })

const stateTag: Record<DueState, string> = {
  overdue: 'govuk-tag--red',
  due_today: 'govuk-tag--orange',
  due_soon: 'govuk-tag--yellow',
  later: 'govuk-tag--grey',
}

function workingDaysText(item: DueItem): string {
  const n = Math.abs(item.workingDaysLeft)
  const days = `${n} working day${n === 1 ? '' : 's'}`
  if (item.daysLeft === 0) return 'Today'
  if (item.daysLeft < 0) return `${days} ago`
  return `${days} left`
}

/** One worklist per role the user holds (F3, F7, F8, F10, F11, K3): what is due, overdue first, each linked to where it is handled. */
export const worklistPage = (services: Services) => async (request: FastifyRequest, reply: FastifyReply) => {
  const actor = staffActorOf(request)
  const q = query.parse(queryOf(request))
  const { today } = procedureContext(services)
  const all = await loadDueItems(services.db, today, services.config.reminderDaysBefore)
  const shown = q.kind ? all.filter((item) => item.kind === q.kind) : all
  const lists = worklistsFor(shown, actor.roles).map((list) => ({
    role: list.role,
    roleName: roleNames[list.role].name,
    rows: list.items.map((item) => ({
      ...item,
      kindName: dueKindNames[item.kind],
      stateName: dueStateNames[item.state],
      stateClass: stateTag[item.state],
      workingDays: workingDaysText(item),
    })),
  }))
  return reply.page('features/due/worklist/view.njk', {
    title: 'What is due',
    today,
    lists,
    kind: q.kind ?? '',
    kindItems: [
      { value: '', text: 'Everything', selected: !q.kind },
      ...dueKinds.map((kind) => ({ value: kind, text: dueKindNames[kind], selected: kind === q.kind })),
    ],
    kindName: q.kind ? dueKindNames[q.kind] : undefined,
    soonDays: services.config.reminderDaysBefore,
  })
}
