import { apiAs, type TestApp } from './app.ts'

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

function ok<T = { id: string }>(response: { status: number; body: unknown }, expected = 201): T {
  if (response.status !== expected) {
    throw new Error(`expected ${expected}, got ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body as T
}

/** A person with an address, a complaint closed with the process exhausted, contacts and an incident on it. */
export async function personWithHistory(
  c: Cast,
  options: {
    fullName?: string
    isCouncillor?: boolean
    adjustments?: { need: string; agreedAdjustment: string }[]
    matterType?: string
  } = {},
) {
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
