import type { FastifyReply, FastifyRequest } from 'fastify'
import { addWorkingDays } from '../../../domain/working-days.ts'
import { notFound } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { parseForm, attempt, bodyOf, errorsInOrder, paramId, str } from '../../../web/forms.ts'
import { readDateInput } from '../../people/date-fields.ts'
import { procedureContext } from '../../cases/context.ts'
import { recordChallenge } from '../restrictions.service.ts'
import { subjectOf, type Target } from './subject.ts'
import { newChallenge } from '../schema.ts'
import { bankHolidays } from '../../bank-holidays/bank-holidays.repository.ts'

const view = 'features/restrictions/challenge/record.njk'
const order = ['receivedOn', 'grounds', 'form']

/** F10: record a challenge to a restriction, or to a warning on its facts, with the date it was received. */
export function recordChallengePages(services: Services, kind: 'restriction' | 'warning') {
  const { db } = services
  const targetOf = (request: FastifyRequest): Target | undefined => {
    const id = paramId(request)
    if (!id) return undefined
    return kind === 'restriction' ? { restrictionId: id } : { warningId: id }
  }

  async function load(request: FastifyRequest) {
    const target = targetOf(request)
    const subject = target ? await subjectOf(db, target) : undefined
    if (!target || !subject) throw notFound(kind === 'restriction' ? 'Restriction' : 'Warning')
    const ctx = procedureContext(services)
    const inTimeBy = subject.issuedOn
      ? addWorkingDays(subject.issuedOn, ctx.settings.challengeWorkingDays, await bankHolidays(db))
      : null
    return { target, subject, inTimeBy, workingDays: ctx.settings.challengeWorkingDays }
  }
  type Loaded = Awaited<ReturnType<typeof load>>

  const render = (reply: FastifyReply, loaded: Loaded, values: Record<string, unknown>, errors?: object) =>
    reply.code(errors ? 422 : 200).page(view, {
      title: `Record a challenge to a ${kind}`,
      kind,
      ...loaded,
      values,
      errors,
      backLink: `/cases/${loaded.subject.caseId}`,
    })

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => render(reply, await load(request), {}),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const loaded = await load(request)
      const values = bodyOf(request)
      const date = readDateInput(values, 'receivedOn', 'The date received')
      const parsed = parseForm(newChallenge, { receivedOn: date.value, grounds: str(values, 'grounds') })
      const messages: Record<string, string> = {}
      if (date.error) messages.receivedOn = date.error
      else if (!date.value) messages.receivedOn = 'Enter the date the challenge was received'
      if (!parsed.ok)
        for (const [name, message] of Object.entries(parsed.errors.fields)) messages[name] ??= message.text
      if (!parsed.ok || Object.keys(messages).length)
        return render(reply, loaded, values, errorsInOrder(messages, order, ['receivedOn']))
      const ctx = procedureContext(services)
      const result = await attempt(
        () => db.transaction().execute((trx) => recordChallenge(trx, actor, loaded.target, parsed.value, ctx)),
        { withRule: false },
      )
      if (!result.ok) return render(reply, loaded, values, errorsInOrder(result.fields, order, ['receivedOn']))
      return reply.redirect(`/challenges/${result.value.id}?recorded=yes`, 303)
    },
  }
}
