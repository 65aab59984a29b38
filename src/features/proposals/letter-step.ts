import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/database.ts'
import type { ProcedureRefusal } from '../../domain/procedure.ts'
import type { Services } from '../../services.ts'
import { staffActorOf } from '../../web/identity.ts'
import { type FormErrors, attempt, bodyOf, errorsInOrder, str } from '../../web/forms.ts'
import type { ProcedureContext } from '../cases/context.ts'
import { describeRestrictions, proposalInUrl, type LoadedProposal } from './decision/load.ts'
import { wantsLargePrint } from '../letters/letters.repository.ts'
import { previewLetter } from '../letters/letters.service.ts'
import { letterChoice, letterPreviewPage } from '../letters/preview.ts'

// The pages that issue a proposal's letter at once: the restriction letter (F9, the notice) and an interim
// restriction (F8). Both show the restrictions as the letter will word them, why the user may not go on, and the
// large-print choice; on submit the letter is shown as it will be sent (F9), then issued and shown, or the refusal
// is shown above the form.

export interface LetterStep {
  view: string
  /** What the letter page's banner says was done (a key of its `doneText`). */
  done: 'notice' | 'interim'
  /** What the page adds to the proposal and its restrictions: its title, the refusal if any, and its own facts. */
  page: (
    loaded: LoadedProposal,
    request: FastifyRequest,
  ) => Promise<{ title: string; refusal: ProcedureRefusal | null } & Record<string, unknown>>
  /** The step itself, in one transaction; it issues the letter. */
  issue: (
    trx: Transaction<Database>,
    actor: ReturnType<typeof staffActorOf>,
    proposalId: string,
    options: { largePrint: boolean },
    ctx: ProcedureContext,
  ) => Promise<{ letterId: string }>
}

export function letterStepPages(services: Services, step: LetterStep) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: { largePrint: boolean },
    errors?: FormErrors,
  ) {
    const loaded = await proposalInUrl(services, request)
    const { proposal, file } = loaded
    const [restrictions, largePrint, { refusal, ...page }] = await Promise.all([
      describeRestrictions(services, loaded),
      wantsLargePrint(services.db, file.person.id),
      step.page(loaded, request),
    ])
    return reply.code(errors ? 422 : 200).page(step.view, {
      ...page,
      person: file.person,
      kase: file.case,
      proposal,
      restrictions,
      whyNot: refusal ? `${refusal.message} (rule ${refusal.rule}).` : undefined,
      largePrint: values ? values.largePrint : largePrint,
      errors,
      backLink: `/proposals/${proposal.id}`,
    })
  }

  return {
    show: (request: FastifyRequest, reply: FastifyReply) => render(request, reply),
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const body = bodyOf(request)
      const largePrint = str(body, 'largePrint') === 'yes'
      const choice = letterChoice(body)
      if (choice === 'change') return render(request, reply, { largePrint })
      const loaded = await proposalInUrl(services, request)
      const { proposal, ctx, file } = loaded
      const issue = () =>
        services.db.transaction().execute((trx) => step.issue(trx, actor, proposal.id, { largePrint }, ctx))
      // F9: the officer reads the letter as it will be sent before it is issued.
      if (choice === 'preview') {
        const previewed = await attempt(() => previewLetter(issue))
        if (!previewed.ok) return render(request, reply, { largePrint }, errorsInOrder(previewed.fields, ['form']))
        const { title } = await step.page(loaded, request)
        return letterPreviewPage(reply, {
          doing: title,
          caption: `${file.person.full_name}: ${file.case.reference}`,
          content: previewed.value,
          body,
          backLink: `/proposals/${proposal.id}`,
        })
      }
      const result = await attempt(issue)
      if (!result.ok) return render(request, reply, { largePrint }, errorsInOrder(result.fields, ['form']))
      return reply.redirect(`/letters/${result.value.letterId}?done=${step.done}`, 303)
    },
  }
}
