import type { FastifyRequest } from 'fastify'
import type { Executor } from '../../db/database.ts'
import { inUrlOr404 } from '../../web/forms.ts'
import { findPerson, type PersonRecord } from './people.repository.ts'

/** The person named by `:id` in the URL, or the 404 page (an unknown, malformed or merged-away id). */
export function personInUrl(db: Executor, request: FastifyRequest): Promise<PersonRecord> {
  return inUrlOr404(request, 'Person', (id) => findPerson(db, id))
}
