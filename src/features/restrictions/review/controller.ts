import type { FastifyReply, FastifyRequest } from 'fastify'
import { channelNames, incidentCategoryNames, severityNames } from '../../../domain/contacts.ts'
import { londonDate } from '../../../domain/london-time.ts'
import { restrictionStatus, restrictionTypeNames, describeScope } from '../../../domain/restrictions.ts'
import { addDays, addMonths } from '../../../domain/working-days.ts'
import { describeRestriction } from '../../../domain/letters.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { parseForm, attempt, bodyOf, errorsInOrder, inUrlOr404, str } from '../../../web/forms.ts'
import { previewLetter } from '../../letters/letters.service.ts'
import { letterChoice, letterPreviewPage } from '../../letters/preview.ts'
import { readDateInput } from '../../people/date-fields.ts'
import { procedureContext } from '../../cases/context.ts'
import { reviewRestriction } from '../restrictions.service.ts'
import { restrictionNames } from '../restriction-names.ts'
import { restrictionStatusNames } from '../wording.ts'
import { newReview } from '../schema.ts'
import { findRestriction, findReviewWithPerson, reviewsOfRestriction } from '../restrictions.repository.ts'
import { personName } from '../../people/people.repository.ts'
import { caseReference } from '../../cases/cases.repository.ts'
import { contactsSince, incidentsSince } from '../../contacts/contacts.repository.ts'
import { wantsLargePrint } from '../../letters/letters.repository.ts'

const view = 'features/restrictions/review/view.njk'
const order = ['outcome', 'reasons', 'nextReviewOn', 'form']

/** F7: review a restriction in force: continue it (with the next review date), vary it (by a new decision) or lift it. */
export function reviewPages(services: Services) {
  const { db } = services

  async function load(request: FastifyRequest) {
    const restriction = await inUrlOr404(request, 'Restriction', (id) => findRestriction(db, id))
    const ctx = procedureContext(services)
    const since = new Date(`${addDays(restriction.startsOn, -1)}T00:00:00Z`)
    const [person, kase, reviews, contacts, incidents, wording, largePrint] = await Promise.all([
      personName(db, restriction.personId),
      caseReference(db, restriction.caseId),
      reviewsOfRestriction(db, restriction.id),
      contactsSince(db, restriction.personId, since),
      incidentsSince(db, restriction.personId, since),
      restrictionNames(db, [restriction]),
      wantsLargePrint(db, restriction.personId),
    ])
    const started = (at: Date) => londonDate(at) >= restriction.startsOn
    const status = restrictionStatus(restriction.state, ctx.today)
    const latest = addMonths(ctx.today, ctx.settings.firstReviewWithinMonths)
    return {
      restriction,
      person,
      kase,
      status,
      statusName: restrictionStatusNames[status],
      typeName: restrictionTypeNames[restriction.spec.type],
      plain: describeRestriction(wording[0] ?? restriction.spec),
      scopeText: describeScope(restriction.spec.scope),
      reviews,
      contacts: contacts.filter((c) => started(c.at)).map((c) => ({ ...c, channelName: channelNames[c.channel] })),
      incidents: incidents
        .filter((i) => started(i.at))
        .map((i) => ({
          ...i,
          categoryName: incidentCategoryNames[i.category],
          severityName: severityNames[i.severity],
        })),
      latestReview: latest < restriction.endsOn ? latest : restriction.endsOn,
      example: (latest < restriction.endsOn ? latest : restriction.endsOn).split('-').reverse().map(Number).join(' '),
      months: ctx.settings.firstReviewWithinMonths,
      largePrint,
    }
  }
  type Loaded = Awaited<ReturnType<typeof load>>

  const render = (reply: FastifyReply, loaded: Loaded, values: Record<string, unknown>, errors?: object) =>
    reply.code(errors ? 422 : 200).page(view, {
      title: `Review a restriction on ${loaded.person.full_name}`,
      ...loaded,
      values,
      errors,
      backLink: `/cases/${loaded.kase.id}`,
    })

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const loaded = await load(request)
      return render(reply, loaded, { largePrint: loaded.largePrint ? 'yes' : '' })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const loaded = await load(request)
      const values = bodyOf(request)
      const outcome = str(values, 'outcome')
      const date = readDateInput(values, 'nextReviewOn', 'The next review date')
      const messages: Record<string, string> = {}
      if (date.error && outcome !== 'lift') messages.nextReviewOn = date.error
      const parsed = parseForm(newReview, {
        outcome: outcome || undefined,
        reasons: str(values, 'reasons'),
        nextReviewOn: outcome === 'lift' ? undefined : date.value,
        largePrint: str(values, 'largePrint') === 'yes',
      })
      if (!parsed.ok)
        for (const [name, message] of Object.entries(parsed.errors.fields)) messages[name] ??= message.text
      if (parsed.ok && outcome === 'continue' && !date.value && !date.error)
        messages.nextReviewOn = 'Enter the next review date: a restriction that continues needs one (F7)'
      if (!parsed.ok || Object.keys(messages).length)
        return render(reply, loaded, values, errorsInOrder(messages, order, ['nextReviewOn']))
      const ctx = procedureContext(services)
      const step = () =>
        db
          .transaction()
          .execute((trx) =>
            reviewRestriction(trx, actor, loaded.restriction.id, parsed.value, ctx, { variationProposedLater: true }),
          )
      // F9: a review that continues or lifts is written to the person: the officer reads the letter first. A review
      // that varies writes no letter yet (F7): the variation is proposed and decided first.
      const choice = letterChoice(values)
      if (choice === 'change') return render(reply, loaded, values)
      if (choice === 'preview' && parsed.value.outcome !== 'vary') {
        const previewed = await attempt(() => previewLetter(step), { withRule: false })
        if (!previewed.ok)
          return render(reply, await load(request), values, errorsInOrder(previewed.fields, order, ['nextReviewOn']))
        return letterPreviewPage(reply, {
          doing: `Review a restriction on ${loaded.person.full_name}`,
          caption: `${loaded.person.full_name}: ${loaded.kase.reference}`,
          content: previewed.value,
          body: values,
          backLink: `/cases/${loaded.kase.id}`,
        })
      }
      const result = await attempt(step, { withRule: false })
      if (!result.ok)
        return render(reply, await load(request), values, errorsInOrder(result.fields, order, ['nextReviewOn']))
      // F7: a variation is a new decision (F4): the review is recorded, then the varied restriction is proposed.
      if (result.value.outcome === 'vary') return reply.redirect(`/reviews?varied=${result.value.id}`, 303)
      return reply.redirect(`/letters/${result.value.letterId}?done=review`, 303)
    },
  }
}

/** After a review that varies: where to go next (F7, F4). */
export async function variedReview(services: Services, reviewId: string | undefined) {
  if (!reviewId) return undefined
  const row = await findReviewWithPerson(services.db, reviewId)
  if (!row || row.outcome !== 'vary') return undefined
  return {
    letterId: row.letter_id,
    restrictionId: row.restriction_id,
    caseId: row.case_id,
    personName: row.full_name,
  }
}
