import { z } from 'zod'

// Shapes shared by every v1 endpoint.
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    rule: z.string().optional(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
})

export const idParams = z.object({ id: z.uuid({ error: 'Not a valid id' }) })
export const created = z.object({ id: z.uuid() })
export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody }
