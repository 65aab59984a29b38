import type { FastifyReply, FastifyRequest } from 'fastify'
import { channelNames, channels } from '../../../domain/contacts.ts'
import { allows } from '../../../domain/permissions.ts'
import { Refusal } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { errorsInOrder, queryOf, type FormErrors } from '../../../web/forms.ts'
import { runContactCheck } from '../contact-check.service.ts'
import { appendAuditEntry } from '../../../audit/audit.ts'
import { presentAnswer, type PresentedAnswer } from './present.ts'
import { matterServices, mattersToChoose } from '../../matters/matters.repository.ts'
import { checkBodyOf, checkUrl, hasQuestion, readQuery, toPageField, type CheckQuery } from './query.ts'

const view = 'features/contact-check/page/view.njk'
const channelItems = channels.map((value) => ({ value, text: channelNames[value] }))
const doneText: Record<string, string> = {
  recorded: 'Contact recorded',
  queued: 'Contact recorded. It is about a closed matter, so it has gone to the closed-matter queue to be read (F11).',
  'not-recorded': 'Not recorded. Your reason is kept in the audit trail.',
}
const regardingItems = [
  { value: 'other', text: 'Something else, or one of their matters' },
  { value: 'foi_request', text: 'A new Freedom of Information (FOI) request' },
  { value: 'eir_request', text: 'A new Environmental Information (EIR) request' },
  { value: 'councillor_conduct', text: 'A councillor’s conduct' },
]

/** V1–V5 at the moment of contact: whatever the officer has in, one verdict out, and the attempt recorded in one click. */
export function checkPages(services: Services) {
  const { db } = services

  /** Runs the check (it writes: K3 records each view of a safety marker); a refusal comes back as page messages. */
  async function answerTo(request: FastifyRequest, query: CheckQuery) {
    const parsed = checkBodyOf(query)
    if (!parsed.ok) return { fields: parsed.fields }
    try {
      const answer = await runContactCheck(services.db, staffActorOf(request), parsed.body, services.now())
      return { answer }
    } catch (error) {
      if (!(error instanceof Refusal) || error.status === 403) throw error
      const entries = Object.entries(error.fields).map(([f, m]) => [toPageField(f), m])
      return { fields: entries.length ? Object.fromEntries(entries) : { q: error.message } }
    }
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    query: CheckQuery,
    answer: Awaited<ReturnType<typeof answerTo>>['answer'] | undefined,
    errors: FormErrors | undefined,
  ) {
    const roles = request.principal?.roles ?? []
    const presented: PresentedAnswer | undefined = answer && presentAnswer(answer, query)
    const person = answer?.person ?? undefined
    const [services_, matters] = await Promise.all([matterServices(db), person ? mattersToChoose(db, person.id) : []])
    // A matter reference in the box identifies the matter itself (one step); otherwise the one chosen for this person.
    const chosen = person && query.personFor === query.q && query.personId === person.id ? query.matterId : ''
    const matterId = chosen || answer?.matterId || ''
    return reply
      .code(errors ? 422 : 200)
      .header('cache-control', 'no-store')
      .page(view, {
        title: presented ? `${presented.verdictName}: check a contact` : 'Check a contact',
        values: query,
        answer: presented,
        done: doneText[query.done],
        channelItems,
        regardingItems,
        serviceItems: [
          { value: '', text: 'Not known, or any service' },
          ...services_.map((s) => ({ value: s.service, text: s.service })),
        ],
        matterItems: matters.length
          ? [
              ...matters.map((m) => ({
                value: m.id,
                text: `${m.reference}: ${m.subject}`,
                hint: { text: m.status === 'closed' ? 'Closed' : 'Open' },
              })),
              { divider: 'or' },
              { value: '', text: 'None of these, or a new matter', checked: !matterId },
            ]
          : [],
        matterId,
        // K1, V3: one click, once: after recording (or saying why not) the page says so and offers no second button.
        canRecord: allows('contacts.record', roles) && person !== undefined && !doneText[query.done],
        canAddPerson: allows('people.write', roles),
        errors,
      })
  }

  /** K1, V3: a redirected attempt is recorded unless the officer says why not; the reason is audited. */
  async function notRecorded(request: FastifyRequest, reply: FastifyReply, query: CheckQuery) {
    const reason = query.notRecordedReason
    const parsed = checkBodyOf(query)
    if (!reason || !parsed.ok) {
      const shown = await answerTo(request, { ...query, done: '' })
      const fields = parsed.ok ? { notRecordedReason: 'Say why you are not recording this attempt' } : parsed.fields
      return render(request, reply, query, shown.answer, errorsInOrder({ ...shown.fields, ...fields }))
    }
    const answer = await runContactCheck(services.db, staffActorOf(request), parsed.body, services.now())
    if (!answer.person) return reply.redirect(checkUrl({ ...query, summary: '', notRecordedReason: '' }), 303)
    const person = answer.person
    await db.transaction().execute((trx) =>
      appendAuditEntry(trx, staffActorOf(request), {
        action: 'contact.attempt_not_recorded',
        objectType: 'person',
        objectId: person.id,
        reason: reason.slice(0, 2000),
        after: { channel: parsed.body.channel, verdict: answer.verdict },
      }),
    )
    const again = { ...query, summary: '', notRecordedReason: '', personId: person.id, personFor: query.q }
    return reply.redirect(checkUrl({ ...again, done: 'not-recorded' }), 303)
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const query = readQuery(queryOf(request))
      if (!hasQuestion(query)) return render(request, reply, query, undefined, undefined)
      const { answer, fields } = await answerTo(request, query)
      return render(request, reply, query, answer, fields && errorsInOrder(fields))
    },
    record: async (request: FastifyRequest, reply: FastifyReply) => {
      const query = readQuery(request.body)
      if ((request.body as Record<string, unknown> | undefined)?.['notRecorded'] === 'yes') {
        return notRecorded(request, reply, query)
      }
      const parsed = checkBodyOf(query, true)
      let failed: Record<string, string> | undefined = parsed.ok ? undefined : parsed.fields
      if (parsed.ok) {
        try {
          const recorded = await runContactCheck(services.db, staffActorOf(request), parsed.body, services.now())
          const again = { ...query, summary: '', personId: recorded.person?.id ?? '', personFor: query.q }
          return reply.redirect(checkUrl({ ...again, done: recorded.queued ? 'queued' : 'recorded' }), 303)
        } catch (error) {
          if (!(error instanceof Refusal) || error.status === 403) throw error
          const entries = Object.entries(error.fields).map(([f, m]) => [toPageField(f), m])
          failed = entries.length ? Object.fromEntries(entries) : { summary: error.message }
        }
      }
      // Nothing typed is lost: the same answer again, with the summary as typed and what stopped it.
      const shown = await answerTo(request, { ...query, done: '' })
      return render(request, reply, query, shown.answer, errorsInOrder({ ...shown.fields, ...failed }))
    },
  }
}
