import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { classifySearch } from '../../domain/identifiers.ts'
import { notFound } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { actorOf } from '../../web/identity.ts'
import { endpoint } from '../api/endpoint.ts'
import { created, errors, idParams } from '../api/schemas.ts'
import { activeSafetyMarkers, addSafetyMarker, recordMarkerViews } from '../safety-markers/safety-markers.service.ts'
import { newSafetyMarker } from '../safety-markers/schema.ts'
import { findPerson, searchPeople } from './people.repository.ts'
import { createPerson } from './people.service.ts'
import { newPerson } from './schema.ts'

const person = z.object({
  id: z.uuid(),
  fullName: z.string(),
  aliases: z.array(z.string()),
  emails: z.array(z.string()),
  phones: z.array(z.string()).describe('E.164'),
  addresses: z.array(
    z.object({ line1: z.string(), line2: z.string().nullable(), town: z.string().nullable(), postcode: z.string() }),
  ),
  dateOfBirth: z.string().nullable(),
  isCouncillor: z.boolean(),
  adjustments: z.array(
    z.object({
      id: z.uuid(),
      need: z.string(),
      agreedAdjustment: z.string(),
      agreedOn: z.string().nullable(),
      lastReviewedOn: z.string().nullable(),
    }),
  ),
  representatives: z.array(
    z.object({ id: z.uuid(), fullName: z.string(), relationship: z.string(), consentRecorded: z.boolean() }),
  ),
  safetyMarkers: z
    .array(z.object({ id: z.uuid(), precautions: z.string(), reviewOn: z.string() }))
    .describe('K3: each view is recorded in the audit trail'),
})

const searchResults = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      fullName: z.string(),
      matchedOn: z.enum(['email', 'phone', 'postcode', 'reference', 'name', 'alias']),
      score: z.number(),
    }),
  ),
})

export const peopleApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = services

    app.post(
      '/people',
      endpoint('people.write', {
        tags: ['People'],
        summary: 'Add a person',
        body: newPerson,
        response: { 201: created.extend({ fullName: z.string() }), ...errors },
      }),
      async (request, reply) => {
        const actor = actorOf(request)
        const id = await db.transaction().execute((trx) => createPerson(trx, actor, request.body))
        return reply.code(201).send({ id, fullName: request.body.fullName })
      },
    )

    app.get(
      '/people',
      endpoint('people.read', {
        tags: ['People'],
        summary: 'Find people by name, alias, email, phone, postcode or matter reference',
        querystring: z.object({
          q: z.string().trim().min(2, 'Enter at least 2 characters').max(200),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: { 200: searchResults, ...errors },
      }),
      async (request) => ({ items: await searchPeople(db, classifySearch(request.query.q), request.query.limit) }),
    )

    app.get(
      '/people/:id',
      endpoint('people.read', {
        tags: ['People'],
        summary: 'A person’s record',
        params: idParams,
        response: { 200: person, ...errors },
      }),
      async (request) => {
        const actor = actorOf(request)
        const found = await findPerson(db, request.params.id)
        if (!found) throw notFound('Person')
        const markers = await activeSafetyMarkers(db, found.id)
        if (markers.length)
          await db
            .transaction()
            .execute((trx) => recordMarkerViews(trx, actor, markers, 'api: GET /api/v1/people/{id}'))
        return {
          ...found,
          phones: found.phones.map((p) => p.e164),
          representatives: found.representatives,
          safetyMarkers: markers.map((m) => ({ id: m.id, precautions: m.precautions, reviewOn: m.reviewOn })),
        }
      },
    )

    app.post(
      '/people/:id/safety-markers',
      endpoint('safety_markers.manage', {
        tags: ['People'],
        summary: 'Add a staff-safety marker (K3)',
        params: idParams,
        body: newSafetyMarker,
        response: { 201: created, ...errors },
      }),
      async (request, reply) => {
        const actor = actorOf(request)
        const id = await db
          .transaction()
          .execute((trx) => addSafetyMarker(trx, actor, request.params.id, request.body, services.now()))
        return reply.code(201).send({ id })
      },
    )
  }
