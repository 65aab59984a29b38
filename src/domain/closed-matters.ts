import type { MatterClosedReply } from './restrictions.ts'

// F11, P3: what an officer may do with an item of correspondence on a closed matter. Every item is read, and checked
// for fresh evidence and for safeguarding concerns, before anything else happens to it. Then:
// - fresh evidence that could affect the decision: refer it for reconsideration (the matter is reopened);
// - otherwise, reply only as the restriction says: acknowledge, or file without acknowledgement;
// - whatever else it holds, a new complaint in it is registered as a new matter and considered on its merits (P3).

export const closedMatterActions = [
  'acknowledge',
  'file_without_acknowledgement',
  'refer_for_reconsideration',
  'new_matter',
] as const
export type ClosedMatterAction = (typeof closedMatterActions)[number]

export const closedMatterActionNames: Record<ClosedMatterAction, string> = {
  acknowledge: 'Acknowledge it',
  file_without_acknowledgement: 'File it without acknowledgement',
  refer_for_reconsideration: 'Refer it for reconsideration',
  new_matter: 'Register a new complaint',
}

export const replyNames: Record<MatterClosedReply, string> = {
  acknowledge: 'Acknowledge each item',
  file_without_acknowledgement: 'File without acknowledgement',
}

export interface ClosedMatterAssessment {
  read: boolean
  freshEvidence: boolean | undefined
  safeguardingConcern: boolean | undefined
  reply: MatterClosedReply
  action: ClosedMatterAction | undefined
}

/** F11, P3: the actions open to the officer, given whether the item holds fresh evidence and the reply rule. */
export function allowedActions(freshEvidence: boolean | undefined, reply: MatterClosedReply): ClosedMatterAction[] {
  if (freshEvidence === true) return ['refer_for_reconsideration', 'new_matter']
  if (freshEvidence === false) return [reply, 'new_matter']
  return [reply, 'refer_for_reconsideration', 'new_matter']
}

/** F11, P3: why this assessment cannot be saved, by form field; none when it can. */
export function refuseAssessment(a: ClosedMatterAssessment): Record<string, string> {
  const fields: Record<string, string> = {}
  if (!a.read) fields.read = 'Confirm you have read it: nothing leaves the queue unread'
  if (a.freshEvidence === undefined)
    fields.freshEvidence = 'Say whether it holds fresh evidence that could affect the decision'
  if (a.safeguardingConcern === undefined) fields.safeguardingConcern = 'Say whether it raises a safeguarding concern'
  if (a.action === undefined) fields.action = 'Choose what to do with it'
  else if (!allowedActions(a.freshEvidence, a.reply).includes(a.action)) fields.action = actionRefusal(a)
  return fields
}

function actionRefusal(a: ClosedMatterAssessment): string {
  if (a.freshEvidence === true)
    return 'It holds fresh evidence that could affect the decision: refer it for reconsideration'
  if (a.action === 'refer_for_reconsideration')
    return 'Only fresh evidence that could affect the decision is referred for reconsideration'
  return a.reply === 'acknowledge'
    ? 'The restriction says each item is acknowledged: choose to acknowledge it'
    : 'The restriction says items are filed without acknowledgement: choose to file it'
}
