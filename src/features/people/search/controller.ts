import type { FastifyReply, FastifyRequest } from 'fastify'
import { classifySearch } from '../../../domain/identifiers.ts'
import { londonDate } from '../../../domain/london-time.ts'
import { allows } from '../../../domain/permissions.ts'
import type { Services } from '../../../services.ts'
import { errorsInOrder, queryOf } from '../../../web/forms.ts'
import { searchPeople } from '../people.repository.ts'
import { restrictionTagsOf, tagTexts } from '../restriction-tags.ts'

const matchedOnText = {
  email: 'Email address',
  phone: 'Phone number',
  postcode: 'Postcode',
  reference: 'Matter reference',
  name: 'Name',
  alias: 'Other name',
}

/** One search box: name, other name, email, phone, postcode or matter reference, tolerant of how it is written. */
export const searchPage = (services: Services) => async (request: FastifyRequest, reply: FastifyReply) => {
  const q = (queryOf(request).q ?? '').trim()
  const canAdd = allows('people.write', request.principal?.roles ?? [])
  const view = 'features/people/search/view.njk'
  if (!q) return reply.page(view, { title: 'Find a person', canAdd })
  if (q.length < 2 || q.length > 200) {
    const errors = errorsInOrder({ q: q.length < 2 ? 'Enter at least 2 characters' : 'Enter 200 characters or fewer' })
    return reply.code(422).page(view, { title: 'Find a person', q, errors, canAdd })
  }
  const results = await searchPeople(services.db, classifySearch(q), 25)
  // Issue 13: beside each name, whether a restriction is in force and for what, and a safety marker; one query.
  const tags = await restrictionTagsOf(
    services.db,
    results.map((r) => r.id),
    londonDate(services.now()),
  )
  return reply.page(view, {
    title: `Find a person: ${q}`,
    q,
    canAdd,
    results: results.map((r) => ({ ...r, matchedOnText: matchedOnText[r.matchedOn], tags: tagTexts(tags.get(r.id)) })),
  })
}
