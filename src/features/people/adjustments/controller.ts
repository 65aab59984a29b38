import { z } from 'zod'
import type { Services } from '../../../services.ts'
import { fieldMessages } from '../../../web/forms.ts'
import { text } from '../../../web/validation.ts'
import { readDateInput } from '../date-fields.ts'
import { personFormPages } from '../person-form.ts'
import { addAdjustment } from '../people.service.ts'

const form = z.object({
  need: text('the need', { max: 2000, multiline: true }),
  agreedAdjustment: text('the agreed adjustment', { max: 2000, multiline: true }),
})

/** P5: record a reasonable adjustment: the need, what was agreed, when agreed and last reviewed. */
export function adjustmentPages(services: Services) {
  return personFormPages(services, {
    view: 'features/people/adjustments/view.njk',
    title: 'Record a reasonable adjustment',
    done: 'adjustment',
    read: (values) => {
      const parsed = form.safeParse(values)
      const messages: Record<string, string> = parsed.success ? {} : fieldMessages(parsed.error)
      const agreed = readDateInput(values, 'agreedOn', 'The date it was agreed')
      const reviewed = readDateInput(values, 'lastReviewedOn', 'The date it was last reviewed')
      if (agreed.error) messages.agreedOn = agreed.error
      if (reviewed.error) messages.lastReviewedOn = reviewed.error
      if (!parsed.success || Object.keys(messages).length) return { ok: false, fields: messages }
      return { ok: true, value: { ...parsed.data, agreedOn: agreed.value, lastReviewedOn: reviewed.value } }
    },
    record: (trx, actor, personId, value) => addAdjustment(trx, actor, personId, value),
  })
}
