import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { z } from 'zod'
import type { Database, Db } from '../../db/database.ts'
import { londonClock, londonDate, londonParts } from '../../domain/london-time.ts'
import type { Services } from '../../services.ts'
import type { Actor } from '../../audit/audit.ts'
import { actorOf } from '../../web/identity.ts'
import { attempt, bodyOf, errorsInOrder, inUrlOr404, parseForm, type FormErrors } from '../../web/forms.ts'
import { activeSafetyMarkers, recordMarkerViews } from '../safety-markers/safety-markers.service.ts'
import { personOnRecord } from '../people/people.repository.ts'
import { findMatter } from '../matters/matters.repository.ts'

// What the recording pages share: finding the person or matter in the URL, the date and time fields, the person's
// safety markers, and the steps of a page that records something on a person's record.

export const view = (name: string) => `features/contacts/views/${name}.njk`

/** The person in the URL, or the 404 page. A merged-away record is not a person any more. */
export function personOr404(db: Db, request: FastifyRequest) {
  return inUrlOr404(request, 'Person', (id) => personOnRecord(db, id))
}

/** The matter in the URL, or the 404 page. */
export function matterOr404(db: Db, request: FastifyRequest) {
  return inUrlOr404(request, 'Matter', (id) => findMatter(db, id))
}

/** The date and time fields pre-filled with now, in UK time, so a contact as it happens takes seconds to record. */
export function nowValues(now: Date): Record<string, string> {
  const p = londonParts(now)
  return {
    'date-day': String(p.day),
    'date-month': String(p.month),
    'date-year': String(p.year),
    time: londonClock(now),
  }
}

/** The recording pages' date inputs: a message about one links to its day field. */
export const dateFields = ['date', 'reviewOn']

/** A refusal of "when" goes against the time when the date given is today (the usual slip), else the date. */
function whenField(values: Record<string, unknown>, now: Date): 'date' | 'time' {
  const [y, m, d] = londonDate(now).split('-').map(Number)
  const same = (key: string, n: number | undefined) => Number(values[key]) === n
  return same('date-year', y) && same('date-month', m) && same('date-day', d) ? 'time' : 'date'
}

/** P4, K3: the person's safety markers, shown where staff record a contact or incident; each view is recorded. */
export async function markersShown(services: Services, actor: Actor, personId: string, where: string) {
  const markers = await activeSafetyMarkers(services.db, personId)
  if (markers.length) await services.db.transaction().execute((trx) => recordMarkerViews(trx, actor, markers, where))
  return markers
}

export const shorten = (value: string, max = 80) => (value.length > max ? `${value.slice(0, max - 1)}…` : value)

type Person = Awaited<ReturnType<typeof personOr404>>

/** A page that records something on a person's record: a contact, an incident, a matter or a safety marker. */
export interface RecordingPage<S extends z.ZodType> {
  /** The page's view in views/, and what the person's page says was done afterwards (`?done=`). */
  name: string
  title: string
  /** The form's schema, and its fields in page order for the error summary. */
  schema: S
  order: readonly string[]
  /** What the form starts with; nothing when not given. */
  start?: (request: FastifyRequest, now: Date) => object
  /** What the page shows besides the form's fields: the choices it offers, the person's safety markers. */
  shows?: (request: FastifyRequest, person: Person) => Promise<object>
  /** The change, in the transaction the page opens (convention 6). */
  record: (trx: Transaction<Database>, actor: Actor, personId: string, value: z.infer<S>, now: Date) => Promise<unknown>
}

/**
 * The form on the person's page, and recording it: a message goes against its field (one about the person above the
 * form), and once recorded the person's page says what was done.
 */
export function recordingPages<S extends z.ZodType>(services: Services, page: RecordingPage<S>) {
  const { db } = services

  async function form(
    request: FastifyRequest,
    reply: FastifyReply,
    person: Person,
    values: object,
    errors?: FormErrors,
  ) {
    const shown = page.shows ? await page.shows(request, person) : {}
    return reply.code(errors ? 422 : 200).page(view(page.name), {
      title: page.title,
      person,
      ...shown,
      values,
      errors,
      backLink: `/people/${person.id}`,
    })
  }

  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const person = await personOr404(db, request)
      return form(request, reply, person, page.start?.(request, services.now()) ?? {})
    },
    submit: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request)
      const person = await personOr404(db, request)
      const values = bodyOf(request)
      const parsed = parseForm(page.schema, values, page.order, dateFields)
      if (!parsed.ok) return form(request, reply, person, values, parsed.errors)
      const now = services.now()
      const result = await attempt(
        () => db.transaction().execute((trx) => page.record(trx, actor, person.id, parsed.value, now)),
        { rename: { at: whenField(values, now), personId: 'form' }, withRule: false },
      )
      if (!result.ok) return form(request, reply, person, values, errorsInOrder(result.fields, page.order, dateFields))
      return reply.redirect(`/people/${person.id}?done=${page.name}`, 303)
    },
  }
}
