import { z } from 'zod'
import { roles } from '../../domain/roles.ts'
import { email, many, text } from '../../web/validation.ts'

// A role ticked twice (the same checkbox sent twice) is that role once: staff_role holds each role once per user.
const roleList = many(z.enum(roles, { error: 'Select roles from the list' })).transform((list) => [...new Set(list)])

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

// F1: the services a staff user belongs to: those ticked, and one more typed in.
const serviceName = text('the service', { max: 200 })
export const servicesForm = z.object({
  services: many(z.string()).refine(
    (names) => names.every((name) => serviceName.safeParse(name).success),
    'Each service must be on one line and 200 characters or fewer',
  ),
  newService: text('the service to add', { max: 200, optional: true }),
  reason: text('why the services are changing', { max: 1000, multiline: true }),
})
