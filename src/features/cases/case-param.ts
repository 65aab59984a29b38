import type { FastifyRequest } from 'fastify'
import type { Db } from '../../db/database.ts'
import { inUrlOr404 } from '../../web/forms.ts'
import { findCaseWithPerson } from './cases.repository.ts'

/** The case in the URL with its person, or the 404 page. */
export function caseOr404(db: Db, request: FastifyRequest) {
  return inUrlOr404(request, 'Case', (id) => findCaseWithPerson(db, id))
}
