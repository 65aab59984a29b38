import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { type FormErrors, attempt, bodyOf, errorsInOrder, parseForm, texts } from '../../../web/forms.ts'
import { issueWarning } from '../cases.service.ts'
import { procedureContext } from '../context.ts'
import { newWarning } from '../schema.ts'
import { caseOr404 } from '../case-param.ts'
import { wantsLargePrint } from '../../letters/letters.repository.ts'
import { adjustmentsOfPerson } from '../../people/people.repository.ts'
import { previewLetter } from '../../letters/letters.service.ts'
import { letterChoice, letterPreviewPage } from '../../letters/preview.ts'

const view = 'features/cases/warning/view.njk'
// The form's fields are the API body's, in the same order: a field added to the warning is added to the schema.
const fields = newWarning.keyof().options
const order = ['form', ...fields]

/** F2, F3: warn the person in writing; the warning letter is issued with it, and the page goes to the letter. */
export function warningPages(services: Services) {
  const { db } = services
  type Kase = Awaited<ReturnType<typeof caseOr404>>

  async function render(reply: FastifyReply, kase: Kase, values: Record<string, unknown>, errors?: FormErrors) {
    const adjustments = await adjustmentsOfPerson(db, kase.person_id)
    return reply.code(errors ? 422 : 200).page(view, {
      title: 'Issue a warning',
      kase,
      adjustments,
      values,
      errors,
      backLink: `/cases/${kase.id}`,
    })
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const kase = await caseOr404(db, request)
      // P5: a person whose agreed adjustments ask for large print gets their letters in large print.
      const largePrint = await wantsLargePrint(db, kase.person_id)
      return render(reply, kase, {
        monitoringWeeks: String(procedureContext(services).settings.monitoringWeeks), // issue 14: the council's
        largePrint: largePrint ? 'true' : '',
      })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const kase = await caseOr404(db, request)
      const body = bodyOf(request)
      const values = texts(body, fields)
      const weeks = values.monitoringWeeks.trim()
      const parsed = parseForm(
        newWarning,
        {
          ...values,
          monitoringWeeks: weeks === '' ? undefined : /^\d+$/.test(weeks) ? Number(weeks) : weeks,
          largePrint: values.largePrint === 'true',
        },
        order,
      )
      const choice = letterChoice(body)
      if (choice === 'change') return render(reply, kase, values)
      if (!parsed.ok) return render(reply, kase, values, parsed.errors)
      const ctx = procedureContext(services)
      const step = () => db.transaction().execute((trx) => issueWarning(trx, actor, kase.id, parsed.value, ctx))
      // F9: the officer reads the warning letter as it will be sent before it is issued.
      if (choice === 'preview') {
        const previewed = await attempt(() => previewLetter(step))
        if (!previewed.ok) return render(reply, kase, values, errorsInOrder(previewed.fields, order))
        return letterPreviewPage(reply, {
          doing: 'Issue a warning',
          caption: `${kase.full_name}: ${kase.reference}`,
          content: previewed.value,
          body,
          backLink: `/cases/${kase.id}/warnings/new`,
        })
      }
      const result = await attempt(step)
      if (!result.ok) return render(reply, kase, values, errorsInOrder(result.fields, order))
      return reply.redirect(`/letters/${result.value.letterId}?done=warning`, 303)
    },
  }
}
