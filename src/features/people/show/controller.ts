import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { londonDate } from '../../../domain/london-time.ts'
import { allows } from '../../../domain/permissions.ts'
import { complaintStageNames, statutoryProcess, matterTypeNames } from '../../../domain/matters.ts'
import { notFound } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { actorOf } from '../../../web/identity.ts'
import { paramId, queryOf } from '../../../web/forms.ts'
import { pagination } from '../../../web/pagination.ts'
import { activeSafetyMarkers, recordMarkerViews } from '../../safety-markers/safety-markers.service.ts'
import { casesOfPerson } from '../../cases/case-file.ts'
import { arrangementsOfPerson, findPerson, mergedInto } from '../people.repository.ts'
import { mattersOfPerson } from '../../matters/matters.repository.ts'
import { contactPattern, timeline, timelineKinds } from '../timeline.repository.ts'
import { caseRow, timelineItem, weekBars } from './present.ts'
import { restrictionsInForce } from './restrictions.ts'

const PAGE_SIZE = 50
const query = z.object({
  kind: z.enum(timelineKinds).optional().catch(undefined),
  matter: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  done: z.string().max(40).optional().catch(undefined),
})

const doneText: Record<string, string> = {
  person: 'Person added',
  contact: 'Contact recorded',
  incident: 'Incident recorded',
  matter: 'Matter opened',
  'matter-closed': 'Matter closed',
  'safety-marker': 'Safety marker added',
  'safety-marker-continue': 'Safety marker reviewed: it continues unchanged, with a new review date',
  'safety-marker-amend': 'Safety marker reviewed: its precautions have changed',
  'safety-marker-remove': 'Safety marker removed. Staff are no longer shown it.',
  arrangement: 'Business-as-usual measure recorded',
  adjustment: 'Reasonable adjustment recorded',
  representative: 'Representative added',
  stage: 'Complaint stage changed',
  merged: 'Records merged. Everything from the duplicate is now on this record.',
}

/** The person's whole story on one page: identity, markers, adjustments, matters, contact pattern and timeline. */
export const personPage = (services: Services) => async (request: FastifyRequest, reply: FastifyReply) => {
  const actor = actorOf(request)
  const id = paramId(request)
  const person = id ? await findPerson(services.db, id) : undefined
  if (!person) {
    // A merged record leads to the record it was merged into.
    const merged = id ? await mergedInto(services.db, id) : null
    if (merged) return reply.redirect(`/people/${merged}`, 301)
    throw notFound('Person')
  }
  const q = query.parse(queryOf(request))
  const roles = request.principal?.roles ?? []
  // K6: only those who take part in or oversee the procedure see the person's cases (F12: closed ones too).
  const readCases = allows('cases.read', roles)
  const now = services.now()
  const [markers, restrictions, page, pattern, matters, arrangements, cases] = await Promise.all([
    activeSafetyMarkers(services.db, person.id),
    // Issue 13: every role sees the restrictions in force as the check words them for staff (K2, V3), not the case (K7).
    restrictionsInForce(services.db, person.id, londonDate(now)),
    timeline(
      services.db,
      person.id,
      { kinds: q.kind ? [q.kind] : [], matterId: q.matter },
      { limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE },
    ),
    contactPattern(services.db, person.id, now),
    mattersOfPerson(services.db, person.id),
    arrangementsOfPerson(services.db, person.id),
    readCases ? casesOfPerson(services.db, person.id) : [],
  ])
  // K3: every view of a safety marker is recorded, with who saw it.
  if (markers.length)
    await services.db.transaction().execute((trx) => recordMarkerViews(trx, actor, markers, 'person page'))

  const link = (n: number) =>
    `/people/${person.id}?${new URLSearchParams({ ...(q.kind && { kind: q.kind }), ...(q.matter && { matter: q.matter }), page: String(n) })}#timeline`
  return reply.page('features/people/show/view.njk', {
    title: person.fullName,
    person,
    markers,
    restrictions,
    checkHref: `/check?${new URLSearchParams({ personId: person.id })}`,
    done: q.done && doneText[q.done],
    openMatters: matters
      .filter((m) => m.status === 'open')
      .map((m) => ({
        ...m,
        typeName: matterTypeNames[m.type],
        statutory: statutoryProcess(m.type),
        stageName: m.complaint_stage && complaintStageNames[m.complaint_stage],
      })),
    matterChoices: matters.map((m) => ({
      value: m.id,
      text: `${m.reference}: ${m.subject}`,
      selected: m.id === q.matter,
    })),
    arrangements,
    cases: cases.map(caseRow),
    pattern,
    chart: weekBars(pattern.weeks),
    timeline: page.rows.map(timelineItem),
    total: page.total,
    filter: q,
    pagination: pagination(q.page, page.total, PAGE_SIZE, link),
    can: {
      recordContact: allows('contacts.record', roles),
      manageMatters: allows('matters.manage', roles),
      addMarker: allows('safety_markers.manage', roles),
      recordArrangement: allows('arrangements.record', roles),
      addAdjustment: allows('people.write', roles),
      merge: allows('people.merge', roles),
      readCases,
      openCase: allows('cases.open', roles),
    },
    backLink: '/people',
  })
}
