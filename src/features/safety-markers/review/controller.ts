import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../../audit/audit.ts'
import { longDate } from '../../../domain/letter-wording.ts'
import { londonDate } from '../../../domain/london-time.ts'
import { latestMarkerReviewOn, markerReviewOutcomeNames } from '../../../domain/safety-markers.ts'
import { addMonths } from '../../../domain/working-days.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { attempt, bodyOf, errorsInOrder, inUrlOr404, parseForm, type FormErrors } from '../../../web/forms.ts'
import {
  findSafetyMarker,
  reviewsOfMarker,
  type MarkerOnRecord,
  type MarkerReviewOnRecord,
} from '../safety-markers.repository.ts'
import { recordMarkerViews, reviewSafetyMarker } from '../safety-markers.service.ts'
import { markerReviewForm } from './form.ts'

const view = 'features/safety-markers/review/view.njk'
const order = ['outcome', 'reviewOn', 'precautions', 'reason', 'form']
const dateFields = ['reviewOn']

/** One past review as summary-list rows: what it decided, why, and what the marker said before and after. */
function reviewRows(r: MarkerReviewOnRecord) {
  const rows: [string, string][] = [
    ['Outcome', markerReviewOutcomeNames[r.outcome]],
    ['Reason', r.reason],
    ...(r.outcome === 'amend'
      ? ([
          ['Precautions before', r.precautionsBefore],
          ['Precautions after', r.precautionsAfter ?? ''],
        ] as [string, string][])
      : []),
    ['Review date was', longDate(r.reviewOnBefore)],
    ['Next review', r.reviewOnAfter ? longDate(r.reviewOnAfter) : 'None: the marker was removed'],
    ['Reviewed by', r.reviewedBy ?? 'Not recorded'],
  ]
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }))
}

/** K3: review a safety marker: continue it, amend its precautions, or remove it; then back to the person's page. */
export function markerReviewPages(services: Services) {
  const { db } = services

  async function load(request: FastifyRequest) {
    const marker = await inUrlOr404(request, 'Safety marker', (id) => findSafetyMarker(db, id))
    return { marker, reviews: await reviewsOfMarker(db, marker.id), today: londonDate(services.now()) }
  }
  type Loaded = Awaited<ReturnType<typeof load>>

  async function render(
    reply: FastifyReply,
    actor: Actor,
    { marker, reviews, today }: Loaded,
    values: object,
    errors?: FormErrors,
    status?: number,
  ) {
    // K3: every view of a marker is recorded; a removed marker's page shows its history, not a marker to act on.
    if (!marker.removedAt) await db.transaction().execute((trx) => recordMarkerViews(trx, actor, [marker], 'review'))
    const latest = latestMarkerReviewOn(today)
    return reply.code(status ?? (errors ? 422 : 200)).page(view, {
      title: `Review the safety marker on ${marker.personName}`,
      marker: { ...marker, overdue: marker.reviewOn < today },
      reviews: reviews.map((r) => ({ reviewedAt: r.reviewedAt, rows: reviewRows(r) })),
      latest,
      example: addMonths(today, 6).split('-').reverse().map(Number).join(' '),
      values,
      errors,
      backLink: `/people/${marker.personId}`,
    })
  }

  /** What the form starts with: the current precautions, to amend. */
  const start = (marker: MarkerOnRecord) => ({ precautions: marker.precautions })

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const loaded = await load(request)
      return render(reply, actorOf(request), loaded, start(loaded.marker))
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const loaded = await load(request)
      // K3: a removed marker cannot be reviewed again; its page says so and offers no form.
      if (loaded.marker.removedAt) return render(reply, actor, loaded, {}, undefined, 409)
      const values = bodyOf(request)
      const parsed = parseForm(markerReviewForm(loaded.marker.precautions, loaded.today), values, order, dateFields)
      if (!parsed.ok) return render(reply, actor, loaded, values, parsed.errors)
      const result = await attempt(
        () =>
          db
            .transaction()
            .execute((trx) => reviewSafetyMarker(trx, actor, loaded.marker.id, parsed.value, services.now())),
        { withRule: false },
      )
      if (!result.ok) {
        const again = await load(request)
        if (again.marker.removedAt) return render(reply, actor, again, {}, undefined, 409)
        return render(reply, actor, again, values, errorsInOrder(result.fields, order, dateFields))
      }
      return reply.redirect(`/people/${result.value.personId}?done=safety-marker-${result.value.outcome}`, 303)
    },
  }
}
