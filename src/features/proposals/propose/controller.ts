import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  restrictionChannelNames,
  restrictionChannels,
  restrictionRules,
  restrictionTypeNames,
  restrictionTypes,
  weekdays,
  type RestrictionType,
} from '../../../domain/restrictions.ts'
import { matterTypeNames } from '../../../domain/matters.ts'
import type { Services } from '../../../services.ts'
import { staffActorOf } from '../../../web/identity.ts'
import { type FormErrors, attempt, errorsInOrder, inUrlOr404 } from '../../../web/forms.ts'
import { procedureContext } from '../../cases/context.ts'
import { propose } from '../proposals.service.ts'
import { restrictionNames } from '../../restrictions/restriction-names.ts'
import { describeRestriction } from '../../../domain/letters.ts'
import { chosenTypes, dateFieldIds, fieldOrder, parseProposalForm, toFormFields } from './form.ts'
import { restrictionsOfPerson } from '../../restrictions/restrictions.repository.ts'
import { findCase, latestWarningInForce, warningsInForce } from '../../cases/cases.repository.ts'
import { adjustmentsOfPerson, personName } from '../../people/people.repository.ts'
import { closedMattersOfPerson } from '../../matters/matters.repository.ts'
import { activeStaff } from '../../staff/staff.repository.ts'
import { immediateRiskIncidents } from '../../contacts/contacts.repository.ts'
import { formatDateTime } from '../../../web/format.ts'

const choose = 'features/proposals/propose/choose.njk'
const view = 'features/proposals/propose/view.njk'
const dayNames = Object.fromEntries(weekdays.map((d) => [d, d.charAt(0).toUpperCase() + d.slice(1)]))

/** F5–F8, P5, P6: propose restrictions to the Chief Executive and the Monitoring Officer, in two steps, without JS. */
export function proposePages(services: Services) {
  const { db } = services

  async function load(request: FastifyRequest) {
    const kase = await inUrlOr404(request, 'Case', (id) => findCase(db, id))
    const [person, adjustments, closedMatters, staff, warnings, riskIncidents, sinceWarning] = await Promise.all([
      personName(db, kase.person_id),
      adjustmentsOfPerson(db, kase.person_id),
      closedMattersOfPerson(db, kase.person_id),
      activeStaff(db),
      warningsInForce(db, kase.id),
      immediateRiskIncidents(db, kase.person_id),
      latestWarningInForce(db, kase.id),
    ])
    // F7: a variation or extension decided at a review replaces the restriction it varies (`?supersedes=`).
    const given = [
      (request.query as Record<string, unknown> | undefined)?.['supersedes'],
      (request.body as Record<string, unknown> | undefined)?.['supersedes'],
    ]
      .flat()
      .filter((v): v is string => typeof v === 'string' && z.uuid().safeParse(v).success)
    const ofPerson = (await restrictionsOfPerson(db, kase.person_id)).filter((r) => given.includes(r.id))
    const supersedes = (await restrictionNames(db, ofPerson)).map((spec, i) => ({
      id: ofPerson[i]?.id ?? '',
      text: describeRestriction(spec),
    }))
    return { kase, person, adjustments, closedMatters, staff, warnings, supersedes, riskIncidents, sinceWarning }
  }
  type Loaded = Awaited<ReturnType<typeof load>>

  const common = (loaded: Loaded) => ({
    kase: loaded.kase,
    person: loaded.person,
    warningsInForce: loaded.warnings.length,
    // F2: what was recorded since the warning; with nothing, the proposal says why a restriction is needed.
    sinceWarning: loaded.supersedes.length > 0 ? undefined : loaded.sinceWarning,
    supersedes: loaded.supersedes,
    backLink: `/cases/${loaded.kase.id}`,
  })

  function chooser(reply: FastifyReply, loaded: Loaded, ticked: readonly string[], errors?: object) {
    return reply.code(errors ? 422 : 200).page(choose, {
      title: `Propose restrictions for ${loaded.person.full_name}`,
      ...common(loaded),
      typeItems: restrictionTypes.map((value) => ({
        value,
        text: restrictionTypeNames[value],
        hint: { text: `Rule ${restrictionRules[value]}` },
        checked: ticked.includes(value),
      })),
      errors,
    })
  }

  function form(reply: FastifyReply, loaded: Loaded, types: RestrictionType[], values: object, errors?: FormErrors) {
    const { settings } = procedureContext(services)
    return reply.code(errors ? 422 : 200).page(view, {
      title: `Propose restrictions for ${loaded.person.full_name}`,
      ...common(loaded),
      types,
      typeNames: restrictionTypeNames,
      rules: restrictionRules,
      changeLink: `/cases/${loaded.kase.id}/proposals/new?${[...types.map((t) => `types=${t}`), ...loaded.supersedes.map((r) => `supersedes=${r.id}`)].join('&')}&change=1`,
      adjustments: loaded.adjustments,
      settings,
      // F8: the recorded incidents of immediate risk an immediate-risk proposal can rest on.
      riskIncidentItems: loaded.riskIncidents.map((i) => ({
        value: i.id,
        text: `${formatDateTime(i.at)}: ${i.description.length > 120 ? `${i.description.slice(0, 119)}…` : i.description}`,
      })),
      channelItems: restrictionChannels.map((value) => ({ value, text: restrictionChannelNames[value] })),
      officerItems: [
        { value: '', text: 'Choose an officer' },
        ...loaded.staff.map((s) => ({ value: s.id, text: s.name })),
      ],
      deputyItems: [{ value: '', text: 'No deputy' }, ...loaded.staff.map((s) => ({ value: s.id, text: s.name }))],
      days: weekdays.map((d) => ({ id: d, name: dayNames[d] })),
      matterItems: loaded.closedMatters.map((m) => ({
        value: m.id,
        text: `${m.reference}: ${m.subject}`,
        hint: { text: `${matterTypeNames[m.type]}, closed` },
      })),
      values,
      errors,
      fieldErrors: errors?.fields ?? {},
    })
  }

  /** Checkboxes post one value as a string; the GOV.UK macros want a list to tick. */
  const valuesOf = (body: Record<string, unknown>) => {
    const channels = body['contact_method-channels']
    return { ...body, 'contact_method-channels': channels === undefined ? [] : [channels].flat() }
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const loaded = await load(request)
      const query = (request.query ?? {}) as Record<string, unknown>
      const types = chosenTypes(query['types'])
      if (types.length === 0 || query['change'] !== undefined) {
        const errors = query['chosen'] !== undefined && types.length === 0
        return chooser(
          reply,
          loaded,
          types,
          errors ? errorsInOrder({ types: 'Choose at least one restriction' }, ['types']) : undefined,
        )
      }
      return form(reply, loaded, types, scopeDefaults(types, loaded))
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = staffActorOf(request)
      const loaded = await load(request)
      const body = (request.body ?? {}) as Record<string, unknown>
      const types = chosenTypes(body['types'])
      if (types.length === 0)
        return chooser(reply, loaded, [], errorsInOrder({ types: 'Choose at least one restriction' }, ['types']))
      const order = fieldOrder(types)
      const show = (fields: Record<string, string>) =>
        form(reply, loaded, types, valuesOf(body), errorsInOrder(fields, order, dateFieldIds))
      const parsed = parseProposalForm(body, types)
      if (!parsed.ok) return show(parsed.fields)
      const ctx = procedureContext(services)
      const proposal = { ...parsed.value, supersedesRestrictionIds: loaded.supersedes.map((r) => r.id) }
      const result = await attempt(() =>
        db.transaction().execute((trx) => propose(trx, actor, loaded.kase.id, proposal, ctx)),
      )
      if (!result.ok) return show(toFormFields(result.fields, types, parsed.windowDays))
      return reply.redirect(`/proposals/${result.value.id}?done=proposed`, 303)
    },
  }
}

/** P6: each restriction starts scoped to the case's own service; the whole council is a deliberate choice. */
function scopeDefaults(types: readonly RestrictionType[], loaded: { kase: { service: string } }) {
  return Object.fromEntries(
    types.flatMap((t) => [
      [`${t}-scope`, 'services'],
      [`${t}-services`, loaded.kase.service],
    ]),
  )
}
