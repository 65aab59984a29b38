// Matters: what a person has raised with the council (S1: every kind of contact is covered).
export const matterTypes = ['complaint', 'foi', 'eir', 'sar', 'service_request', 'enquiry'] as const
export type MatterType = (typeof matterTypes)[number]

export const complaintStages = ['stage_1', 'stage_2', 'ombudsman', 'closed'] as const
export type ComplaintStage = (typeof complaintStages)[number]

export const matterOutcomes = ['upheld', 'partly_upheld', 'not_upheld', 'resolved', 'withdrawn'] as const
export type MatterOutcome = (typeof matterOutcomes)[number]

export const matterTypeNames: Record<MatterType, string> = {
  complaint: 'Complaint',
  foi: 'Freedom of Information request',
  eir: 'Environmental Information Regulations request',
  sar: 'Subject access request',
  service_request: 'Service request',
  enquiry: 'Enquiry',
}

const prefixes: Record<MatterType, string> = {
  complaint: 'CMP',
  foi: 'FOI',
  eir: 'EIR',
  sar: 'SAR',
  service_request: 'SRQ',
  enquiry: 'ENQ',
}

/** `CMP-2026-000123`: the type, the year opened, and a number unique across all matters. */
export function matterReference(type: MatterType, openedAt: Date, number: number): string {
  return `${prefixes[type]}-${openedAt.getUTCFullYear()}-${String(number).padStart(6, '0')}`
}

/**
 * S3: FOI and EIR requests have their own statutory process (FOIA s14, EIR regulation 12(4)(b)). They are recorded,
 * but this procedure must never be used to refuse them.
 */
export function statutoryProcess(type: MatterType): string | null {
  if (type === 'foi')
    return 'Handled under the Freedom of Information Act 2000. A vexatious request is refused under section 14, never under this procedure (S3).'
  if (type === 'eir')
    return 'Handled under the Environmental Information Regulations 2004. A manifestly unreasonable request is refused under regulation 12(4)(b), never under this procedure (S3).'
  return null
}

export type CloseRefusal = { field: 'outcome' | 'processExhausted'; message: string }

/** Which outcomes fit which matter: upheld/partly/not upheld are complaint outcomes; only a complaint can exhaust the complaints process (F11). */
export function checkClosure(type: MatterType, outcome: MatterOutcome, processExhausted: boolean): CloseRefusal | null {
  const complaintOutcome = outcome === 'upheld' || outcome === 'partly_upheld' || outcome === 'not_upheld'
  if (complaintOutcome && type !== 'complaint') {
    return {
      field: 'outcome',
      message: 'Upheld, partly upheld and not upheld are outcomes of a complaint: choose resolved or withdrawn',
    }
  }
  if (processExhausted && type !== 'complaint') {
    return { field: 'processExhausted', message: 'Only a complaint can have exhausted the complaints process' }
  }
  return null
}

export const complaintStageNames: Record<ComplaintStage, string> = {
  stage_1: 'Stage 1',
  stage_2: 'Stage 2',
  ombudsman: 'Referred to the Ombudsman',
  closed: 'Closed',
}

/** A complaint moves forward through the council's stages and may go to the Ombudsman; it is closed by closing it. */
export function laterStages(current: ComplaintStage | null): ComplaintStage[] {
  const order: ComplaintStage[] = ['stage_1', 'stage_2', 'ombudsman']
  const at = current ? order.indexOf(current) : -1
  return at < 0 ? [] : order.slice(at + 1)
}
