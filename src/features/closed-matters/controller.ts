import type { FastifyReply, FastifyRequest } from 'fastify'
import { closedMatterActionNames, closedMatterActions, replyNames } from '../../domain/closed-matters.ts'
import { channelNames } from '../../domain/contacts.ts'
import { Refusal } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { staffActorOf } from '../../web/identity.ts'
import { errorsInOrder, inUrlOr404, queryOf, type FormErrors } from '../../web/forms.ts'
import { actionClosedMatterItem, closedMatterQueue, findClosedMatterItem } from './closed-matters.service.ts'
import { whatItSays } from './present.ts'

const view = (name: string) => `features/closed-matters/views/${name}.njk`
const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
const yesNo = (value: unknown) => (value === 'yes' ? true : value === 'no' ? false : undefined)
// The order of the fields on the page, for the error summary.
const order = ['read', 'freshEvidence', 'safeguardingConcern', 'notes', 'action', 'newSubject', 'newService']
const doneText: Record<string, string> = {
  acknowledge: 'Read, and recorded as acknowledged',
  file_without_acknowledgement: 'Read, and filed without acknowledgement',
  refer_for_reconsideration: 'Read, and referred for reconsideration: the matter is open again',
  new_matter: 'Read, and registered as a new complaint',
}

type QueueRow = Awaited<ReturnType<typeof closedMatterQueue>>['waiting'][number]

/** F11, P3: the closed-matter queue, and reading and actioning one item. */
export function closedMatterPages(services: Services) {
  const { db } = services

  const itemOr404 = (request: FastifyRequest) => inUrlOr404(request, 'Item', (id) => findClosedMatterItem(db, id))

  async function renderItem(request: FastifyRequest, reply: FastifyReply, values: object, errors?: FormErrors) {
    const item = await itemOr404(request)
    return reply.code(errors ? 422 : 200).page(view('item'), {
      title: `Correspondence on ${item.matterReference}`,
      item: {
        ...item,
        channelName: channelNames[item.channel],
        replyName: replyNames[item.reply],
        actionName: item.action && closedMatterActionNames[item.action],
      },
      actionItems: closedMatterActions.map((value) => ({ value, text: closedMatterActionNames[value] })),
      values,
      errors,
      done: doneText[str(queryOf(request).done)],
      backLink: '/closed-matters',
    })
  }

  return {
    queue: async (_request: FastifyRequest, reply: FastifyReply) => {
      const { waiting, done } = await closedMatterQueue(db)
      const describe = (row: QueueRow) => ({
        ...row,
        channelName: channelNames[row.channel],
        replyName: replyNames[row.reply],
        says: whatItSays(row.summary),
      })
      return reply.page(view('queue'), {
        title: 'Closed-matter queue',
        waiting: waiting.map(describe),
        done: done.map((row) => ({ ...describe(row), actionName: row.action && closedMatterActionNames[row.action] })),
      })
    },
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const item = await itemOr404(request)
      return renderItem(request, reply, { newService: item.matterService })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const item = await itemOr404(request)
      const values = (request.body ?? {}) as Record<string, unknown>
      const action = str(values.action)
      const input = {
        read: values.read === 'yes',
        freshEvidence: yesNo(values.freshEvidence),
        safeguardingConcern: yesNo(values.safeguardingConcern),
        notes: str(values.notes).slice(0, 5000) || undefined,
        action: (closedMatterActions as readonly string[]).includes(action)
          ? (action as (typeof closedMatterActions)[number])
          : undefined,
        newMatter: { subject: str(values.newSubject).slice(0, 500), service: str(values.newService).slice(0, 200) },
      }
      try {
        await db.transaction().execute((trx) => actionClosedMatterItem(trx, actor, item.id, input, services.now()))
      } catch (error) {
        if (!(error instanceof Refusal) || error.status === 404) throw error
        // Dealt with meanwhile by someone else: the item's page says what was done.
        if (error.status === 409) return reply.redirect(`/closed-matters/${item.id}`, 303)
        const fields = Object.keys(error.fields).length ? error.fields : { action: error.message }
        const sorted = Object.fromEntries(
          Object.entries(fields).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
        )
        return renderItem(request, reply, values, errorsInOrder(sorted))
      }
      return reply.redirect(`/closed-matters/${item.id}?done=${input.action ?? ''}`, 303)
    },
  }
}
