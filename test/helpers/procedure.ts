import { apiAs, testApp, type Api, type TestApp } from './app.ts'

// The staff who run the procedure (the cast), and the steps they take through the API to build the record a
// procedure test starts from: a person with evidence, a case, a warning, a proposal, its decisions and letter.

/** The body of a response with the expected status; anything else throws, saying what came back. */
export function ok<T = { id: string }>(response: { status: number; body: unknown }, expected = 201): T {
  if (response.status !== expected) {
    throw new Error(`expected ${expected}, got ${response.status}: ${JSON.stringify(response.body)}`)
  }
  return response.body as T
}

/** F1: the service the cast's cases are about, and so the service their Head of Service belongs to. */
export const CASE_SERVICE = 'Waste'

export const caseBody = (personId: string, incidentIds: string[]) => ({
  personId,
  service: CASE_SERVICE,
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

/** The dates of a proposal: starts, ends and first review. */
export type Dates = [startsOn: string, endsOn: string, reviewOn: string]

/** 4 January to 31 December 2027, first reviewed by 30 June: what a proposal runs for unless a test says otherwise. */
export const YEAR: Dates = ['2027-01-04', '2027-12-31', '2027-06-30']

/** From 4 January to 30 June 2027, first reviewed by 31 March: the shorter restrictions of the contact check's tests. */
export const UNTIL_JUNE = { endsOn: '2027-06-30', reviewOn: '2027-03-31' }

export interface PersonOptions {
  fullName?: string
  isCouncillor?: boolean
  adjustments?: { need: string; agreedAdjustment: string }[]
  matterType?: string
}

export interface CaseOptions extends PersonOptions {
  /** Close the person's complaint with this outcome, the process exhausted, before the case is opened (F11). */
  matterClosed?: 'upheld' | 'not_upheld'
}

export interface WarnedOptions extends CaseOptions {
  /**
   * Whether the person carried on after the warning (F2): unless false, a call from them is recorded a minute after
   * it, so a proposal rests on something recorded since. False leaves nothing recorded since the warning.
   */
  carriedOn?: boolean
}

export interface RestrictionOptions extends WarnedOptions {
  /** The dates of YEAR unless told. */
  startsOn?: string
  endsOn?: string
  reviewOn?: string
  /** The restrictions proposed (letters only for Waste unless told), or a function of the warned case that gives them. */
  restrictions?: unknown[] | ((k: WarnedCase) => unknown[])
  reasons?: { chief: string; monitoring: string }
  /** Whether the restriction letter is issued (it is unless false). */
  notice?: boolean
}

export type WarnedCase = Awaited<ReturnType<Cast['warnedCase']>>

/** The staff who run the procedure, each an API client with a token, and the steps they take to build a record. */
export class Cast {
  private constructor(
    private readonly clock: { now: Date },
    readonly head: Api,
    readonly officer: Api,
    readonly chief: Api,
    readonly monitoring: Api,
    readonly reviewer: Api,
    readonly frontline: Api,
  ) {}

  static async of(t: TestApp): Promise<Cast> {
    return new Cast(
      t.clock,
      await apiAs(t, ['head_of_service'], { services: [CASE_SERVICE] }),
      await apiAs(t, ['case_officer']),
      await apiAs(t, ['chief_executive']),
      await apiAs(t, ['monitoring_officer']),
      await apiAs(t, ['senior_reviewer']),
      await apiAs(t, ['frontline']),
    )
  }

  /** A person with an address and a complaint, with an abusive call on it and the incident it led to. */
  async personWithHistory(options: PersonOptions = {}) {
    const person = ok(
      await this.officer.post('/api/v1/people', {
        fullName: options.fullName ?? 'Gary Hollis',
        phones: ['07700 900456'],
        addresses: [{ line1: '12 Mill Lane', town: 'Northampton', postcode: 'NN1 1AA' }],
        isCouncillor: options.isCouncillor ?? false,
        adjustments: options.adjustments ?? [],
      }),
    )
    const matter = ok<{ id: string; reference: string }>(
      await this.officer.post('/api/v1/matters', {
        personId: person.id,
        type: options.matterType ?? 'complaint',
        subject: 'Bin collections',
        service: 'Waste',
      }),
    )
    const contact = ok(
      await this.officer.post('/api/v1/contacts', {
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
      await this.officer.post('/api/v1/incidents', {
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

  /** A person with history and a case opened on their incident by the Head of Service (F1). */
  async openedCase(options: CaseOptions = {}) {
    const { matterClosed, ...person } = options
    const p = await this.personWithHistory(person)
    if (matterClosed) await this.closeMatter(p.matterId, matterClosed)
    const kase = ok<{ id: string; reference: string }>(
      await this.head.post('/api/v1/cases', caseBody(p.personId, [p.incidentId])),
    )
    return { ...p, caseId: kase.id, reference: kase.reference }
  }

  /** The case officer closes a matter, the process exhausted. */
  async closeMatter(matterId: string, outcome: 'upheld' | 'not_upheld') {
    ok(await this.officer.post(`/api/v1/matters/${matterId}/close`, { outcome, processExhausted: true }), 200)
  }

  /** An opened case with a warning written to the person by the case officer (F2, F3). */
  async warnedCase(options: WarnedOptions = {}) {
    const { carriedOn = true, ...rest } = options
    const k = await this.openedCase(rest)
    const warning = await this.warn(k.caseId)
    if (carriedOn) {
      ok(
        await this.officer.post('/api/v1/contacts', {
          personId: k.personId,
          channel: 'phone',
          direction: 'inbound',
          at: new Date(this.clock.now.getTime() + 60_000).toISOString(),
          matterId: k.matterId,
          summary: 'Called again about the bins and shouted at the officer',
          minutesSpent: 20,
        }),
      )
    }
    return { ...k, ...warning }
  }

  /**
   * A person whose complaint was closed (not upheld), with a matter-closed restriction in force UNTIL_JUNE that says
   * how to reply to anything more on it (F11).
   */
  async closedMatter(reply: 'acknowledge' | 'file_without_acknowledgement', options: RestrictionOptions = {}) {
    return this.restrictedCase({
      ...UNTIL_JUNE,
      matterClosed: 'not_upheld',
      restrictions: (k) => [{ type: 'matter_closed', matterId: k.matterId, reply, scope: { councilWide: true } }],
      ...options,
    })
  }

  /** The case officer records a challenge to a warning or a restriction (F10). */
  async challenge(to: 'warnings' | 'restrictions', id: string, challenge: { receivedOn: string; grounds: string }) {
    return ok<{ id: string; respondBy: string; inTime: boolean }>(
      await this.officer.post(`/api/v1/${to}/${id}/challenges`, challenge),
    )
  }

  /** The case officer adds a safety marker to a person (K3). */
  async safetyMarker(personId: string, marker: { precautions: string; reason: string; reviewOn: string }) {
    return ok<{ id: string }>(await this.officer.post(`/api/v1/people/${personId}/safety-markers`, marker))
  }

  /** The case officer issues the warning on a case (F2, F3). */
  async warn(caseId: string) {
    const warning = ok<{ id: string; letterId: string }>(
      await this.officer.post(`/api/v1/cases/${caseId}/warnings`, warningBody),
    )
    return { warningId: warning.id, warningLetterId: warning.letterId }
  }

  /** The Head of Service proposes restrictions on a case. */
  async propose(caseId: string, body: unknown) {
    return ok<{ id: string; restrictionIds: string[] }>(await this.head.post(`/api/v1/cases/${caseId}/proposals`, body))
  }

  /** The case officer records an incident of immediate risk to safety (F8, K1) for a person. */
  async immediateRiskIncident(personId: string, description = 'Threatened to harm an officer at the office') {
    return ok(
      await this.officer.post('/api/v1/incidents', {
        personId,
        at: '2026-12-01T10:00:00+00:00',
        category: 'aggressive_or_abusive',
        severity: 'immediate_risk',
        description,
      }),
    ).id
  }

  /** Restrictions proposed for an immediate risk (F8), which need no warning, resting on a recorded incident of it. */
  async proposeInterim(caseId: string, immediateRisk: { justification: string; policeReference?: string }) {
    const kase = ok<{ personId: string }>(await this.head.get(`/api/v1/cases/${caseId}`), 200)
    const incidentId = await this.immediateRiskIncident(kase.personId)
    return this.propose(caseId, { ...proposalBody(...YEAR), immediateRisk: { ...immediateRisk, incidentId } })
  }

  /** Both decision-makers approve a proposal (F4), with these reasons. */
  async approve(proposalId: string, reasons = { chief: 'Yes.', monitoring: 'Yes.' }) {
    const url = `/api/v1/proposals/${proposalId}/decisions`
    ok(await this.chief.post(url, { decision: 'approve', reasons: reasons.chief }))
    ok(await this.monitoring.post(url, { decision: 'approve', reasons: reasons.monitoring }))
  }

  /** The case officer issues the restriction letter of an approved proposal (F9). */
  async issueNotice(proposalId: string) {
    return ok<{ letterId: string }>(await this.officer.post(`/api/v1/proposals/${proposalId}/notice`, {}))
  }

  /**
   * A warned case with restrictions proposed, approved by both decision-makers (F4) and, unless `notice` is false,
   * written to the person (F9): in force from the start date.
   */
  async restrictedCase(options: RestrictionOptions = {}) {
    const {
      startsOn = YEAR[0],
      endsOn = YEAR[1],
      reviewOn = YEAR[2],
      restrictions,
      reasons,
      notice,
      ...person
    } = options
    const w = await this.warnedCase(person)
    const chosen = typeof restrictions === 'function' ? restrictions(w) : restrictions
    const proposal = await this.propose(w.caseId, proposalBody(startsOn, endsOn, reviewOn, chosen))
    await this.approve(proposal.id, reasons)
    const letter = notice === false ? undefined : await this.issueNotice(proposal.id)
    return {
      ...w,
      proposalId: proposal.id,
      restrictionIds: proposal.restrictionIds,
      restrictionId: proposal.restrictionIds[0] ?? '',
      noticeLetterId: letter?.letterId ?? '',
    }
  }
}

/** Monday 4 January 2027, 10:00 in the UK: the day most procedure tests happen on. */
export const MONDAY = '2027-01-04T10:00:00Z'

/** The app on a fresh database, its clock at `now` (MONDAY unless told), and the cast who run the procedure. */
export async function procedureApp(options: { env?: Record<string, string>; now?: string } = {}) {
  const t = await testApp(options.env)
  t.clock.now = new Date(options.now ?? MONDAY)
  const c = await Cast.of(t)
  return { t, c }
}
