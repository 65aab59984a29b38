import { apiAs, testApp, type TestApp } from './app.ts'

// Builds a person with evidence, and the staff who run the procedure, through the API: what each procedure test
// starts from.

export type Api = Awaited<ReturnType<typeof apiAs>>

export interface Cast {
  head: Api
  officer: Api
  chief: Api
  monitoring: Api
  reviewer: Api
  frontline: Api
}

export async function cast(t: TestApp): Promise<Cast> {
  return {
    head: await apiAs(t, ['head_of_service']),
    officer: await apiAs(t, ['case_officer']),
    chief: await apiAs(t, ['chief_executive']),
    monitoring: await apiAs(t, ['monitoring_officer']),
    reviewer: await apiAs(t, ['senior_reviewer']),
    frontline: await apiAs(t, ['frontline']),
  }
}

/** Monday 4 January 2027, 10:00 in the UK: the day most procedure tests happen on. */
export const MONDAY = '2027-01-04T10:00:00Z'

/** The app on a fresh database, its clock at `now` (MONDAY unless told), and the cast who run the procedure. */
export async function procedureApp(options: { env?: Record<string, string>; now?: string } = {}) {
  const t = await testApp(options.env)
  t.clock.now = new Date(options.now ?? MONDAY)
  const c = await cast(t)
  return { t, c }
}

function ok<T = { id: string }>(response: { status: number; body: unknown }, expected = 201): T {
  if (response.status !== expected) {
    throw new Error(`expected ${expected}, got ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body as T
}

export interface PersonOptions {
  fullName?: string
  isCouncillor?: boolean
  adjustments?: { need: string; agreedAdjustment: string }[]
  matterType?: string
}

/** A person with an address, a complaint closed with the process exhausted, contacts and an incident on it. */
export async function personWithHistory(c: Cast, options: PersonOptions = {}) {
  const person = ok(
    await c.officer.post('/api/v1/people', {
      fullName: options.fullName ?? 'Gary Hollis',
      phones: ['07700 900456'],
      addresses: [{ line1: '12 Mill Lane', town: 'Northampton', postcode: 'NN1 1AA' }],
      isCouncillor: options.isCouncillor ?? false,
      adjustments: options.adjustments ?? [],
    }),
  )
  const matter = ok<{ id: string; reference: string }>(
    await c.officer.post('/api/v1/matters', {
      personId: person.id,
      type: options.matterType ?? 'complaint',
      subject: 'Bin collections',
      service: 'Waste',
    }),
  )
  const contact = ok(
    await c.officer.post('/api/v1/contacts', {
      personId: person.id,
      channel: 'phone',
      direction: 'inbound',
      at: '2026-11-02T10:00:00+00:00',
      matterId: matter.id,
      summary: 'Shouted at the officer and swore repeatedly',
      minutesSpent: 25,
    }),
  )
  const incident = ok(
    await c.officer.post('/api/v1/incidents', {
      personId: person.id,
      at: '2026-11-02T10:05:00+00:00',
      category: 'aggressive_or_abusive',
      severity: 'high',
      description: 'Called the officer names and threatened to come to the office',
      contactId: contact.id,
    }),
  )
  return {
    personId: person.id,
    matterId: matter.id,
    matterReference: matter.reference,
    contactId: contact.id,
    incidentId: incident.id,
  }
}

export const caseBody = (personId: string, incidentIds: string[]) => ({
  personId,
  service: 'Waste',
  businessAsUsualMeasures: 'One officer handled every call for three months; an informal warning on 1 October.',
  reason: 'Abuse of staff continued after business-as-usual measures.',
  incidentIds,
  adjustmentsConsidered: 'No adjustments are recorded; asked on 1 October whether any were needed.',
})

export const warningBody = {
  behaviour: 'On 2 November 2026 you shouted at and swore at an officer on the telephone.',
  whyUnacceptable: 'Our staff have a right to work without abuse.',
  changeRequested: 'Please speak to staff politely.',
  consequences: 'We may limit how you can contact us.',
}

export function proposalBody(
  startsOn: string,
  endsOn: string,
  reviewOn: string,
  restrictions: unknown[] = [{ type: 'contact_method', channels: ['letter'], scope: { services: ['Waste'] } }],
) {
  return {
    restrictions,
    rationale: 'The abuse continued after the warning.',
    alternativesConsidered: 'A named officer alone; we judged it would not stop the calls.',
    adjustmentsConsidered: 'None recorded; none raised by the person.',
    startsOn,
    endsOn,
    reviewOn,
  }
}

export { ok }

export interface CaseOptions extends PersonOptions {
  /** Close the person's complaint with this outcome, the process exhausted, before the case is opened (F11). */
  matterClosed?: 'upheld' | 'not_upheld'
}

/** A person with history and a case opened on their incident by the Head of Service (F1). */
export async function openedCase(c: Cast, options: CaseOptions = {}) {
  const { matterClosed, ...person } = options
  const p = await personWithHistory(c, person)
  if (matterClosed) {
    ok(
      await c.officer.post(`/api/v1/matters/${p.matterId}/close`, { outcome: matterClosed, processExhausted: true }),
      200,
    )
  }
  const kase = ok<{ id: string; reference: string }>(
    await c.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId])),
  )
  return { ...p, caseId: kase.id, reference: kase.reference }
}

/** An opened case with a warning written to the person by the case officer (F2, F3). */
export async function warnedCase(c: Cast, options: CaseOptions = {}) {
  const k = await openedCase(c, options)
  return { ...k, ...(await warn(c, k.caseId)) }
}

export type WarnedCase = Awaited<ReturnType<typeof warnedCase>>

/** The case officer issues the warning on a case (F2, F3). */
export async function warn(c: Cast, caseId: string) {
  const warning = ok<{ id: string; letterId: string }>(
    await c.officer.post(`/api/v1/cases/${caseId}/warnings`, warningBody),
  )
  return { warningId: warning.id, warningLetterId: warning.letterId }
}

/** The Head of Service proposes restrictions on a case. */
export async function propose(c: Cast, caseId: string, body: unknown) {
  return ok<{ id: string; restrictionIds: string[] }>(await c.head.post(`/api/v1/cases/${caseId}/proposals`, body))
}

/** An interim restriction proposed for an immediate risk (F8), without a warning. */
export async function proposeInterim(
  c: Cast,
  caseId: string,
  immediateRisk: { justification: string; policeReference?: string },
  dates: [string, string, string] = ['2027-01-04', '2027-12-31', '2027-06-30'],
) {
  return propose(c, caseId, { ...proposalBody(...dates), immediateRisk })
}

/** Both decision-makers approve a proposal (F4), with these reasons. */
export async function approve(c: Cast, proposalId: string, reasons = { chief: 'Yes.', monitoring: 'Yes.' }) {
  const url = `/api/v1/proposals/${proposalId}/decisions`
  ok(await c.chief.post(url, { decision: 'approve', reasons: reasons.chief }))
  ok(await c.monitoring.post(url, { decision: 'approve', reasons: reasons.monitoring }))
}

/** The case officer issues the restriction letter of an approved proposal (F9). */
export async function issueNotice(c: Cast, proposalId: string) {
  return ok<{ letterId: string }>(await c.officer.post(`/api/v1/proposals/${proposalId}/notice`, {}))
}

export interface RestrictionOptions extends CaseOptions {
  /** Starts, ends and first review; 4 January to 31 December 2027, reviewed by 30 June, unless told. */
  dates?: [string, string, string]
  /** The restrictions proposed (letters only for Waste unless told), or a function of the warned case that gives them. */
  restrictions?: unknown[] | ((k: WarnedCase) => unknown[])
  reasons?: { chief: string; monitoring: string }
  /** Whether the restriction letter is issued (it is unless false). */
  notice?: boolean
}

/**
 * A warned case with restrictions proposed, approved by both decision-makers (F4) and, unless `notice` is false,
 * written to the person (F9): in force from the start date.
 */
export async function restrictedCase(c: Cast, options: RestrictionOptions = {}) {
  const { dates = ['2027-01-04', '2027-12-31', '2027-06-30'], restrictions, reasons, notice, ...person } = options
  const w = await warnedCase(c, person)
  const proposal = await propose(
    c,
    w.caseId,
    proposalBody(...dates, typeof restrictions === 'function' ? restrictions(w) : restrictions),
  )
  await approve(c, proposal.id, reasons)
  const letter = notice === false ? undefined : await issueNotice(c, proposal.id)
  return {
    ...w,
    proposalId: proposal.id,
    restrictionIds: proposal.restrictionIds,
    restrictionId: proposal.restrictionIds[0] ?? '',
    noticeLetterId: letter?.letterId ?? '',
  }
}
