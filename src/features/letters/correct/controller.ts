import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { correctLetter, findLetter, type LetterView } from '../letters.service.ts'
import { letterTypeName } from '../../restrictions/wording.ts'
import { procedureContext } from '../../cases/context.ts'
import { type FormErrors, attempt, bodyOf, errorsInOrder, inUrlOr404, str } from '../../../web/forms.ts'
import { letterCorrection } from '../schema.ts'

const view = 'features/letters/correct/view.njk'

/** Paragraphs as staff edit them: one per block, separated by a blank line. */
const paragraphsOf = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter(Boolean)

/** An issued letter never changes; staff correct it by issuing a new letter that names it (letters guidance). */
export function correctPages(services: Services) {
  const load = (request: FastifyRequest): Promise<LetterView> =>
    inUrlOr404(request, 'Letter', (id) => findLetter(services.db, id))
  const render = (
    reply: FastifyReply,
    letter: LetterView,
    values: { reason: string; largePrint: boolean; sections: Record<string, string> },
    errors?: FormErrors,
  ) =>
    reply.code(errors ? 422 : 200).page(view, {
      title: `Correct ${letterTypeName(letter.type).toLowerCase()} ${letter.reference}`,
      letter,
      typeName: letterTypeName(letter.type),
      sections: letter.content.sections.map((s) => ({ ...s, value: values.sections[s.key] ?? '' })),
      values,
      errors,
      backLink: `/letters/${letter.id}`,
    })

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const letter = await load(request)
      const sections = Object.fromEntries(letter.content.sections.map((s) => [s.key, s.paragraphs.join('\n\n')]))
      return render(reply, letter, { reason: '', largePrint: letter.largePrint, sections })
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const letter = await load(request)
      const body = bodyOf(request)
      // A section the form did not send stays as it was; one sent empty is emptied (and refused if it is required).
      const sections = Object.fromEntries(
        letter.content.sections.map((s) => [
          s.key,
          body[`section-${s.key}`] === undefined ? s.paragraphs.join('\n\n') : str(body, `section-${s.key}`),
        ]),
      )
      const values = { reason: str(body, 'reason'), largePrint: str(body, 'largePrint') === 'yes', sections }
      const changed = letter.content.sections
        .filter((s) => paragraphsOf(sections[s.key] ?? '').join('\n') !== s.paragraphs.join('\n'))
        .map((s) => ({ key: s.key, paragraphs: paragraphsOf(sections[s.key] ?? '') }))
      const parsed = letterCorrection.safeParse({
        reason: values.reason,
        largePrint: values.largePrint,
        sections: changed,
      })
      const order = ['reason', ...letter.content.sections.map((s) => `section-${s.key}`), 'sections']
      if (!parsed.success) {
        const fields: Record<string, string> = {}
        for (const issue of parsed.error.issues) {
          const [first, index] = issue.path
          const name =
            first === 'sections' && typeof index === 'number'
              ? `section-${changed[index]?.key ?? ''}`
              : String(first ?? 'form')
          fields[name] ??= issue.message
        }
        return render(reply, letter, values, errorsInOrder(fields, order))
      }
      const ctx = procedureContext(services)
      const actor = staffActorOf(request)
      const result = await attempt(
        () =>
          services.db
            .transaction()
            .execute((trx) => correctLetter(trx, actor, letter.id, parsed.data, ctx.today, ctx.now)),
        { withRule: true },
      )
      if (!result.ok) return render(reply, letter, values, errorsInOrder(result.fields, order))
      return reply.redirect(`/letters/${result.value.id}?done=correction`, 303)
    },
  }
}
