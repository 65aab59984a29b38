import { z } from 'zod'
import { dateOutOfRange, outOfRange } from '../../domain/date-range.ts'
import { text } from '../../web/validation.ts'

const isoDate = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a real date in the format 2026-11-29`)
    .refine(
      (value) =>
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      `${label} must be a real date in the format 2026-11-29`,
    )
    .refine((value) => !dateOutOfRange(value, label), outOfRange(label))
    .optional()
    .or(z.literal('').transform(() => undefined))

export const auditFilter = z
  .object({
    actor: text('who', { max: 200, optional: true }).optional(),
    action: text('the action', { max: 100, optional: true }).optional(),
    objectType: text('the kind of record', { max: 100, optional: true }).optional(),
    objectId: text('the record id', { max: 100, optional: true }).optional(),
    from: isoDate('From'),
    to: isoDate('To'),
    before: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'To must be the same as or after From', path: ['to'] })
