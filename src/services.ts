import type { Config } from './config.ts'
import type { DatabaseHandle } from './db/connect.ts'

/** Everything a route needs, wired once. `now` is the service's clock; tests pass a fixed one. */
export function createServices(handle: DatabaseHandle, config: Config, options: { now?: () => Date } = {}) {
  return {
    db: handle.db,
    databaseKind: handle.kind,
    config,
    now: options.now ?? (() => new Date()),
  }
}

export type Services = ReturnType<typeof createServices>
