import { z } from 'zod'
import { email, newPassword, text } from '../../web/validation.ts'

export const signInForm = z.object({
  email: text('your email address', { max: 254 }),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(256, 'Enter your password'),
  returnTo: z.string().max(2000).optional(),
})

const passwordPair = {
  password: newPassword,
  confirmPassword: z.string({ error: 'Enter the password again' }).min(1, 'Enter the password again'),
}
const passwordsMatch = (value: { password: string; confirmPassword: string }) =>
  value.password === value.confirmPassword
const mismatch = { message: 'The passwords do not match', path: ['confirmPassword'] }

export const setPasswordForm = z.object(passwordPair).refine(passwordsMatch, mismatch)

export const firstAdministratorForm = z
  .object({ name: text('your full name'), email: email('your email address'), ...passwordPair })
  .refine(passwordsMatch, mismatch)

/** Only a path on this service: never an absolute or protocol-relative URL (open redirect). */
export function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/'
}
