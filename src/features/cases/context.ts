import { londonDate } from '../../domain/london-time.ts'
import type { ProcedureSettings } from '../../domain/procedure.ts'
import type { Services } from '../../services.ts'

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
