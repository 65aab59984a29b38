import type { FastifyInstance, FastifyRequest, FastifySchema, RouteShorthandOptions } from 'fastify'
import type { z } from 'zod'
import type { Access } from '../../domain/permissions.ts'
import { endpoint, type ApiApp, type ApiRequest } from '../api/endpoint.ts'
import { errors } from '../api/schemas.ts'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { londonDate } from '../../domain/london-time.ts'
import type { Nation } from '../../domain/nations.ts'
import type { ProcedureSettings } from '../../domain/procedure.ts'
import type { Services } from '../../services.ts'
import { councilSettings, currentCouncilSettings } from '../settings/settings.service.ts'
import { staffActorOf, type StaffActor } from '../../web/identity.ts'

/** The procedure's endpoints are grouped under one tag of the OpenAPI document. */
export const procedureTags = ['The formal procedure']

/** What every step of the procedure needs besides the transaction: the clock, the settings, the council's details. */
export interface ProcedureContext {
  now: Date
  /** Today in the UK (`YYYY-MM-DD`): every date rule is about UK calendar days. */
  today: string
  settings: ProcedureSettings
  /** Issue 14: the council's settings in force; `nation` names the Ombudsman in letters (England's when not given). */
  council: {
    name: string
    addressLines: string[]
    contact: string
    nation?: Nation
    /** A service's own contact details where they differ from the council's. */
    serviceContacts?: { service: string; contact: string }[]
  }
}

/**
 * The context from the council's settings in force (issue 14: an administrator's, else the environment's). It does not
 * wait on the database: every request reads the settings before its handler runs (readSettingsFirst, app.ts), and a
 * procedure step reads them again first (procedureStep), so this is what the request read. Kept synchronous so that
 * the many pages that ask for `today` stay as they are.
 */
export function procedureContext(services: Services): ProcedureContext {
  const now = services.now()
  const settings = currentCouncilSettings(services)
  return {
    now,
    today: londonDate(now),
    settings: settings.procedure,
    council: {
      name: settings.councilName,
      addressLines: settings.councilAddress,
      contact: settings.councilContact,
      nation: settings.nation,
      serviceContacts: settings.serviceContacts,
    },
  }
}

/**
 * One step of the procedure, taken by the signed-in staff user: the step gets the transaction, the actor and the
 * context, and commits or rolls back whole (convention 6: the edge opens the transaction).
 */
export async function procedureStep<T>(
  services: Services,
  request: FastifyRequest,
  step: (trx: Transaction<Database>, actor: StaffActor, ctx: ProcedureContext) => Promise<T>,
): Promise<T> {
  const actor = staffActorOf(request)
  await councilSettings(services)
  const ctx = procedureContext(services)
  return services.db.transaction().execute((trx) => step(trx, actor, ctx))
}

/**
 * POST `url` in the API as one step of the procedure: the step gets the request, the transaction, the actor and the
 * context, and the endpoint answers 201 with what the step created (documented by `created`), or one of the errors.
 */
export function postStep<S extends FastifySchema, R extends z.ZodType>(
  app: ApiApp,
  services: Services,
  url: string,
  route: {
    access: Access
    schema: S
    created: R
    step: (
      request: ApiRequest<S>,
      trx: Transaction<Database>,
      actor: StaffActor,
      ctx: ProcedureContext,
    ) => Promise<z.output<R>>
  },
): void {
  const schema = { tags: procedureTags, ...route.schema, response: { 201: route.created, ...errors } }
  // The schema types the step's request and result where the endpoint is declared; here they need not be known.
  const untyped: FastifyInstance = app
  const options: RouteShorthandOptions = endpoint(route.access, schema)
  untyped.post(url, options, async (request, reply) => {
    const created = await procedureStep(services, request, (trx, actor, ctx) =>
      route.step(request as ApiRequest<S>, trx, actor, ctx),
    )
    return reply.code(201).send(created)
  })
}
