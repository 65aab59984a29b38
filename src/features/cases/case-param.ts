import type { FastifyRequest } from 'fastify'
import type { Db } from '../../db/database.ts'
import { notFound } from '../../domain/refusal.ts'
import { paramId } from '../../web/forms.ts'
import { findCaseWithPerson } from './cases.repository.ts'

/** The case in the URL with its person, or the 404 page. */
export async function caseOr404(db: Db, request: FastifyRequest) {
  const id = paramId(request)
  const kase = id ? await findCaseWithPerson(db, id) : undefined
  if (!kase) throw notFound('Case')
  return kase
}
