import type { FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import { londonDate } from '../../domain/london-time.ts'
import type { ProcedureSettings } from '../../domain/procedure.ts'
import type { Services } from '../../services.ts'
import { staffActorOf, type StaffActor } from '../../web/identity.ts'

/** What every step of the procedure needs besides the transaction: the clock, the settings, the council's details. */
export interface ProcedureContext {
  now: Date
  /** Today in the UK (`YYYY-MM-DD`): every date rule is about UK calendar days. */
  today: string
  settings: ProcedureSettings
  council: { name: string; addressLines: string[]; contact: string }
}

export function procedureContext(services: Services): ProcedureContext {
  const now = services.now()
  return {
    now,
    today: londonDate(now),
    settings: services.config.procedure,
    council: {
      name: services.config.councilName,
      addressLines: services.config.councilAddress,
      contact: services.config.councilContact,
    },
  }
}

/**
 * One step of the procedure, taken by the signed-in staff user: the step gets the transaction, the actor and the
 * context, and commits or rolls back whole (convention 6: the edge opens the transaction).
 */
export function procedureStep<T>(
  services: Services,
  request: FastifyRequest,
  step: (trx: Transaction<Database>, actor: StaffActor, ctx: ProcedureContext) => Promise<T>,
): Promise<T> {
  const actor = staffActorOf(request)
  const ctx = procedureContext(services)
  return services.db.transaction().execute((trx) => step(trx, actor, ctx))
}
