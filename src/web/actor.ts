import type { FastifyRequest } from 'fastify'
import { Refusal } from '../errors.ts'
import { asActor } from '../features/auth/auth.service.ts'
import type { Actor } from '../features/audit/audit.repository.ts'

/** The signed-in staff user as the actor of a change. Routes that call it are never public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.principal) throw new Refusal(403, 'forbidden', 'Sign in first')
  return asActor(request.principal)
}
