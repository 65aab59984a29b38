import { z } from 'zod'
import { roles } from '../../domain/roles.ts'
import { email, many, text } from '../../web/validation.ts'

const roleList = many(z.enum(roles, { error: 'Select roles from the list' }))

export const newStaffForm = z.object({
  name: text('their full name'),
  email: email(),
  roles: roleList.pipe(z.array(z.enum(roles)).min(1, 'Select at least one role')),
})

export const rolesForm = z.object({
  roles: roleList,
  reason: text('why the roles are changing', { max: 1000, multiline: true }),
})

export const reasonForm = z.object({ reason: text('the reason', { max: 1000, multiline: true }) })

export const linkForm = z.object({ purpose: z.enum(['set_up', 'reset'], { error: 'Select what the link is for' }) })

export const tokenForm = z.object({ label: text('a label for the token', { max: 100 }) })
