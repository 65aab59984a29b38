import type { FastifyReply, FastifyRequest } from 'fastify'
import { checkChallengeDecider } from '../../../domain/procedure.ts'
import { notFound } from '../../../domain/refusal.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { parseForm, attempt, bodyOf, errorsInOrder, inUrlOr404, list, queryOf, str } from '../../../web/forms.ts'
import { previewLetter } from '../../letters/letters.service.ts'
import { letterChoice, letterPreviewPage } from '../../letters/preview.ts'
import { procedureContext } from '../../cases/context.ts'
import { decideChallenge } from '../restrictions.service.ts'
import { subjectOf } from './subject.ts'
import { challengeDecision } from '../schema.ts'
import { involvedInCase } from '../../proposals/proposals.repository.ts'
import { wantsLargePrint } from '../../letters/letters.repository.ts'
import { staffNames } from '../../staff/staff.repository.ts'
import { findChallenge, findRestriction } from '../restrictions.repository.ts'
import { readDateInput } from '../../people/date-fields.ts'
import {
  restrictionChannelNames,
  restrictionChannels,
  weekdays,
  type RestrictionSpec,
} from '../../../domain/restrictions.ts'

const view = 'features/restrictions/challenge/show.njk'
/** The most call-time windows a restriction has on the page (and one more day may be added). */
const MAX_WINDOWS = 14
const order = [
  'heardLate',
  'heardLateReason',
  'outcome',
  'variedChannels',
  'variedServices',
  ...Array.from({ length: MAX_WINDOWS }, (_, i) => [`variedWindows-${i}-from`, `variedWindows-${i}-to`]).flat(),
  'variedExtra-day',
  'variedExtra-from',
  'variedExtra-to',
  'variedEndsOn',
  'reasons',
  'form',
]

// F10: the fields of a variation on challenge map onto the lesser terms (variation.restrictions.0...).
const rename = {
  'variation.restrictions.0.channels': 'variedChannels',
  'variation.restrictions.0.scope': 'variedServices',
  'variation.endsOn': 'variedEndsOn',
  variation: 'outcome',
}

/** The fields of the call times: each window of the restriction (by its index), then the day that may be added. */
function renameFor(spec: RestrictionSpec | undefined): Record<string, string> {
  if (spec?.type !== 'phone_times') return rename
  const n = spec.windows.length
  const windows = Array.from({ length: n + 1 }, (_, i) =>
    (['day', 'from', 'to'] as const).map((part) => [
      `variation.restrictions.0.windows.${i}.${part}`,
      i === n ? `variedExtra-${part}` : `variedWindows-${i}-${part === 'day' ? 'from' : part}`,
    ]),
  ).flat()
  return { ...rename, 'variation.restrictions.0.windows': 'variedWindows-0-from', ...Object.fromEntries(windows) }
}

const outcomeNames = { upheld: 'Upheld', varied: 'Varied', not_upheld: 'Not upheld' } as const

/** F10: a challenge as recorded, its deadline, and the decision by a senior reviewer who took no part in the case. */
export function challengePages(services: Services) {
  const { db } = services

  async function load(request: FastifyRequest) {
    const challenge = await inUrlOr404(request, 'Challenge', (id) => findChallenge(db, id))
    const target = challenge.restriction_id
      ? { restrictionId: challenge.restriction_id }
      : { warningId: challenge.warning_id ?? '' }
    const subject = await subjectOf(db, target)
    if (!subject) throw notFound('Challenge')
    const actor = staffActorOf(request)
    const ctx = procedureContext(services)
    const [names, involved, largePrint] = await Promise.all([
      staffNames(db, [challenge.recorded_by, ...(challenge.decided_by ? [challenge.decided_by] : [])]),
      involvedInCase(db, challenge.case_id),
      wantsLargePrint(db, subject.person.id),
    ])
    // F10: who may decide. Shown before the form, so a senior reviewer who took part sees why they may not.
    const decided = challenge.outcome !== null
    const refusal = decided ? null : checkChallengeDecider(actor, involved, false)
    const restriction = challenge.restriction_id ? await findRestriction(db, challenge.restriction_id) : undefined
    return {
      challenge,
      restriction,
      channelItems: restrictionChannels.map((value) => ({ value, text: restrictionChannelNames[value] })),
      dayItems: weekdays.map((day) => ({ value: day, text: day.charAt(0).toUpperCase() + day.slice(1) })),
      subject,
      decided,
      outcomeName: challenge.outcome ? outcomeNames[challenge.outcome] : '',
      recordedBy: names.get(challenge.recorded_by) ?? 'Unknown',
      decidedBy: challenge.decided_by ? (names.get(challenge.decided_by) ?? 'Unknown') : '',
      mayDecide: !decided && refusal === null,
      whyNot: refusal && actor.roles.includes('senior_reviewer') ? refusal.message : null,
      largePrint,
      overdue: !decided && challenge.respond_by < ctx.today,
      workingDays: ctx.settings.challengeWorkingDays,
    }
  }
  type Loaded = Awaited<ReturnType<typeof load>>

  const render = (
    reply: FastifyReply,
    loaded: Loaded,
    values: Record<string, unknown>,
    recorded: boolean,
    errors?: object,
  ) =>
    reply.code(errors ? 422 : 200).page(view, {
      title: `Challenge from ${loaded.subject.person.fullName}`,
      ...loaded,
      recorded,
      values,
      errors,
      backLink: `/cases/${loaded.subject.caseId}`,
    })

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const loaded = await load(request)
      const recorded = queryOf(request).recorded === 'yes'
      return render(reply, loaded, { largePrint: loaded.largePrint ? 'yes' : '' }, recorded && !loaded.decided)
    },
    decide: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const loaded = await load(request)
      const values = bodyOf(request)
      const outcome = str(values, 'outcome')
      const endsOn = readDateInput(values, 'variedEndsOn', 'The new end date')
      const heard = str(values, 'heardLate')
      const renames = renameFor(loaded.restriction?.spec)
      const parsed = parseForm(challengeDecision, {
        outcome: outcome || undefined,
        reasons: str(values, 'reasons'),
        largePrint: str(values, 'largePrint') === 'yes',
        ...(outcome === 'varied' &&
          loaded.restriction && { variation: lesserTerms(loaded.restriction.spec, values, endsOn.value) }),
        ...(!loaded.challenge.in_time && {
          heardLate: heard === 'yes' ? true : heard === 'no' ? false : undefined,
          heardLateReason: str(values, 'heardLateReason') || undefined,
        }),
      })
      if (!parsed.ok || (outcome === 'varied' && endsOn.error)) {
        const messages = parsed.ok
          ? {}
          : Object.fromEntries(Object.entries(parsed.errors.fields).map(([k, v]) => [renames[k] ?? k, v.text]))
        if (outcome === 'varied' && endsOn.error) messages.variedEndsOn = endsOn.error
        return render(reply, loaded, values, false, errorsInOrder(messages, order, ['variedEndsOn']))
      }
      const ctx = procedureContext(services)
      const step = () =>
        db.transaction().execute((trx) => decideChallenge(trx, actor, loaded.challenge.id, parsed.value, ctx))
      // F9: the outcome is written to the person: the reviewer reads the letter before it is issued.
      const choice = letterChoice(values)
      if (choice === 'change') return render(reply, loaded, values, false)
      if (choice === 'preview') {
        const previewed = await attempt(() => previewLetter(step), { withRule: false, rename: renames })
        if (!previewed.ok)
          return render(
            reply,
            await load(request),
            values,
            false,
            errorsInOrder(previewed.fields, order, ['variedEndsOn']),
          )
        return letterPreviewPage(reply, {
          doing: `Decide the challenge from ${loaded.subject.person.fullName}`,
          caption: loaded.subject.person.fullName,
          content: previewed.value,
          body: values,
          backLink: `/cases/${loaded.subject.caseId}`,
        })
      }
      const result = await attempt(step, { withRule: false, rename: renames })
      if (!result.ok)
        return render(reply, await load(request), values, false, errorsInOrder(result.fields, order, ['variedEndsOn']))
      return reply.redirect(`/letters/${result.value.letterId}?done=challenge`, 303)
    },
  }
}

/**
 * F10: the lesser terms as the page asks for them: the ways of contact allowed (a letters-only restriction can allow
 * email too), the services it covers (fewer), and an earlier end. Everything else stays as it was; the service checks
 * that the result only lessens the restriction.
 */
function lesserTerms(spec: RestrictionSpec, values: Record<string, unknown>, endsOn: string | undefined) {
  let varied: Record<string, unknown> = { ...spec }
  if (spec.type === 'contact_method') varied = { ...varied, channels: list(values, 'variedChannels') }
  if ('services' in spec.scope) varied = { ...varied, scope: { services: list(values, 'variedServices') } }
  // F10: call times kept or widened, and perhaps another day; the domain checks that none is narrowed.
  if (spec.type === 'phone_times') {
    const windows: Record<string, unknown>[] = spec.windows.map((w, i) => ({
      day: w.day,
      from: str(values, `variedWindows-${i}-from`) || w.from,
      to: str(values, `variedWindows-${i}-to`) || w.to,
    }))
    const extra = {
      day: str(values, 'variedExtra-day'),
      from: str(values, 'variedExtra-from'),
      to: str(values, 'variedExtra-to'),
    }
    if (extra.day || extra.from || extra.to) windows.push(extra)
    varied = { ...varied, windows }
  }
  return { restrictions: [varied], ...(endsOn && { endsOn }) }
}
