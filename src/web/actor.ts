import type { FastifyRequest } from 'fastify'
import type { Role } from '../domain/roles.ts'
import { Refusal } from '../errors.ts'
import { asActor } from '../features/auth/auth.service.ts'
import type { Actor } from '../features/audit/audit.repository.ts'

/** The signed-in staff user as the actor of a change. Routes that call it are never public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw new Refusal(403, 'forbidden', 'Sign in first')
  return asActor(request.principal)
}

/** The signed-in staff user with their roles: the procedure's rules depend on who holds which role (F4, F10). */
export function staffActorOf(request: FastifyRequest): Actor & { id: string; roles: Role[] } {
  if (!request.principal) throw new Refusal(403, 'forbidden', 'Sign in first')
  return { ...asActor(request.principal), id: request.principal.id, roles: request.principal.roles }
}
