import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

/** A secret with 256 bits of entropy, safe in a URL or a header. Only its hash is ever stored. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

/** SHA-256 suits high-entropy secrets (session ids, tokens, links); passwords use argon2id. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

// argon2id with the library's defaults (19 MiB, 2 passes), which meet OWASP's minimum recommendation.
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

// A real hash of a throwaway password, made once: checking against it when the email is unknown takes as long as a
// real check, so timing does not reveal whether an account exists.
let decoy: Promise<string> | undefined

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  decoy ??= hash(newSecret())
  const target = passwordHash ?? (await decoy)
  try {
    const ok = await verify(target, password)
    return ok && passwordHash !== null
  } catch {
    return false
  }
}
