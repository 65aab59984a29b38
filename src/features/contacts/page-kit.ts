import type { FastifyRequest } from 'fastify'
import type { Db } from '../../db/database.ts'
import { londonClock, londonDate, londonParts } from '../../domain/london-time.ts'
import { notFound } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import type { Actor } from '../../audit/audit.ts'
import { activeSafetyMarkers, recordMarkerViews } from '../safety-markers/safety-markers.service.ts'
import { paramId } from '../../web/forms.ts'
import { personOnRecord } from '../people/people.repository.ts'
import { findMatter } from '../matters/matters.repository.ts'

// What the recording pages share: finding the person or matter in the URL, the date and time fields, and turning
// validation messages and service refusals into the GOV.UK error summary.

export const view = (name: string) => `features/contacts/views/${name}.njk`

/** The person in the URL, or the 404 page. A merged-away record is not a person any more. */
export async function personOr404(db: Db, request: FastifyRequest) {
  const id = paramId(request)
  const person = id ? await personOnRecord(db, id) : undefined
  if (!person) throw notFound('Person')
  return person
}

/** The matter in the URL, or the 404 page. */
export async function matterOr404(db: Db, request: FastifyRequest) {
  const id = paramId(request)
  const matter = id ? await findMatter(db, id) : undefined
  if (!matter) throw notFound('Matter')
  return matter
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
export function whenField(values: Record<string, unknown>, now: Date): 'date' | 'time' {
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
