import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Services } from '../../services.ts'
import { actorOf } from '../../web/identity.ts'
import { endpoint } from '../api/endpoint.ts'
import { created, errors } from '../api/schemas.ts'
import { recordContact, recordIncident } from './contacts.service.ts'
import { newContact, newIncident } from './schema.ts'

export const contactsApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = services

    app.post(
      '/contacts',
      endpoint('contacts.record', {
        tags: ['Contacts'],
        summary: 'Record a contact (K1)',
        body: newContact,
        response: { 201: created, ...errors },
      }),
      async (request, reply) => {
        const actor = actorOf(request)
        const id = await db.transaction().execute((trx) => recordContact(trx, actor, request.body, services.now()))
        return reply.code(201).send({ id })
      },
    )

    app.post(
      '/incidents',
      endpoint('contacts.record', {
        tags: ['Contacts'],
        summary: 'Record an incident (K1)',
        body: newIncident,
        response: { 201: created, ...errors },
      }),
      async (request, reply) => {
        const actor = actorOf(request)
        const id = await db.transaction().execute((trx) => recordIncident(trx, actor, request.body, services.now()))
        return reply.code(201).send({ id })
      },
    )
  }
