import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Executor } from '../../db/database.ts'
import { notFound } from '../../domain/refusal.ts'
import { findPerson, type PersonRecord } from './people.repository.ts'

const uuid = z.uuid()

/** The person named by `:id` in the URL, or the 404 page (an unknown, malformed or merged-away id). */
export async function personInUrl(db: Executor, request: FastifyRequest): Promise<PersonRecord> {
  const id = uuid.safeParse((request.params as { id?: unknown }).id)
  const person = id.success ? await findPerson(db, id.data) : undefined
  if (!person) throw notFound('Person')
  return person
}
