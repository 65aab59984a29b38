import type { FastifyRequest } from 'fastify'
import type { Services } from '../../../services.ts'
import { inUrlOr404 } from '../../../web/forms.ts'
import { channelNames, incidentCategoryNames, severityNames } from '../../../domain/contacts.ts'
import { describeRestriction } from '../../../domain/letters.ts'
import { checkDecision, decisionRoleNames } from '../../../domain/procedure.ts'
import type { Role } from '../../../domain/roles.ts'
import { describeScope, restrictionRules, restrictionTypeNames } from '../../../domain/restrictions.ts'
import { workingDaysBetween } from '../../../domain/working-days.ts'
import { notFound } from '../../../domain/refusal.ts'
import { contactPattern } from '../../people/timeline.repository.ts'
import { loadCaseFile, type CaseRestriction } from '../../cases/case-file.ts'
import { procedureContext } from '../../cases/context.ts'
import { proposalStatusNames, restrictionStatusNames } from '../../restrictions/wording.ts'
import { restrictionNames } from '../../restrictions/restriction-names.ts'
import { bankHolidays } from '../../bank-holidays/bank-holidays.repository.ts'
import { findProposal } from '../proposals.repository.ts'
import { adjustmentsOfPerson } from '../../people/people.repository.ts'
import { contactsAfter, incidentsAfter } from '../../contacts/contacts.repository.ts'

// Everything the Chief Executive and the Monitoring Officer weigh before deciding (F4): the evidence, the contact
// pattern with its counterweights (P2), the warning and what happened since (F2), adjustments (P5), the proposal
// in plain English (F5–F7, P6) and the decisions so far.

/** The proposal, its case file and the person's pattern, read once; `undefined` when there is no such proposal. */
export async function loadProposal(services: Services, proposalId: string) {
  const { db } = services
  const ctx = procedureContext(services)
  const proposal = await findProposal(db, proposalId)
  if (!proposal) throw notFound('Proposal')
  const file = await loadCaseFile(db, proposal.case_id, ctx.today)
  if (!file) throw notFound('Case')
  const mine = file.proposals.find((p) => p.id === proposal.id)
  const decisions = mine?.decisions ?? []
  const restrictions = mine?.restrictions ?? []
  return { ctx, proposal, file, decisions, restrictions }
}
export type LoadedProposal = Awaited<ReturnType<typeof loadProposal>>

/** The proposal in the URL, read as loadProposal reads it, or the 404 page. */
export async function proposalInUrl(services: Services, request: FastifyRequest) {
  return inUrlOr404(request, 'Proposal', (id) => loadProposal(services, id))
}

/** Each restriction in plain English, as the letter will say it, with named officers and closed matters resolved. */
export async function describeRestrictions(services: Services, loaded: LoadedProposal) {
  const named = await restrictionNames(services.db, loaded.restrictions)
  return loaded.restrictions.map((r: CaseRestriction, i) => ({
    id: r.id,
    typeName: restrictionTypeNames[r.spec.type],
    rule: restrictionRules[r.spec.type],
    plain: describeRestriction(named[i] ?? r.spec),
    scopeText: describeScope(r.spec.scope),
    status: restrictionStatusNames[r.status],
  }))
}

/** The decision page's figures: the evidence, the pattern with its counterweights (P2), what followed the warning. */
export async function decisionPageData(
  services: Services,
  loaded: LoadedProposal,
  actor: { id: string; roles: Role[] },
) {
  const { db } = services
  const { file, proposal, ctx } = loaded
  const personId = file.person.id
  const warning = file.warnings.find((w) => w.withdrawn_on === null)
  const [pattern, adjustments, since, restrictions, holidays] = await Promise.all([
    contactPattern(db, personId, ctx.now),
    adjustmentsOfPerson(db, personId),
    warning ? sinceWarning(services, personId, warning.issued_at) : undefined,
    describeRestrictions(services, loaded),
    proposal.ratify_by ? bankHolidays(db) : Promise.resolve(new Set<string>()),
  ])
  const outcome = checkDecision(
    {
      proposalStatus: proposal.status,
      proposedBy: proposal.proposed_by,
      decisions: loaded.decisions.map((d) => ({ role: d.role, decidedBy: d.decided_by, decision: d.decision })),
      ratifyBy: proposal.interim_imposed_on ? proposal.ratify_by : null,
    },
    actor,
    ctx.today,
  )
  const interim =
    proposal.interim_imposed_on && proposal.ratify_by
      ? {
          imposedOn: proposal.interim_imposed_on,
          ratifyBy: proposal.ratify_by,
          daysLeft: workingDaysBetween(ctx.today, proposal.ratify_by, holidays),
          by: file.staffName(proposal.interim_imposed_by),
        }
      : undefined
  return {
    person: file.person,
    kase: file.case,
    proposal,
    proposedBy: file.staffName(proposal.proposed_by),
    statusName: proposalStatusNames[proposal.status],
    restrictions,
    decisions: loaded.decisions.map((d) => ({ ...d, roleName: decisionRoleNames[d.role] })),
    evidence: {
      incidents: file.evidence.incidents.map((i) => ({
        ...i,
        categoryName: incidentCategoryNames[i.category],
        severityName: severityNames[i.severity],
      })),
      contacts: file.evidence.contacts.map((c) => ({ ...c, channelName: channelNames[c.channel] })),
      arrangements: file.evidence.arrangements,
    },
    pattern,
    warning,
    since,
    adjustments,
    decide: 'role' in outcome ? { roleName: decisionRoleNames[outcome.role] } : undefined,
    whyNot: whyNot(outcome, proposal.proposed_by === actor.id),
    interim,
  }
}

/** Why the signed-in user may not decide (F4): the proposer is told so, whatever roles they hold. */
function whyNot(outcome: ReturnType<typeof checkDecision>, isProposer: boolean): string | undefined {
  if ('role' in outcome) return undefined
  if (outcome.code === 'not_a_decision_maker' && isProposer) {
    return 'You proposed this restriction, so you cannot decide on it; only the Chief Executive or the Monitoring Officer can (rule F4).'
  }
  return `${outcome.message} (rule ${outcome.rule}).`
}

/** F2: what the person did after the warning: contacts and incidents recorded since it was issued. */
async function sinceWarning(services: Services, personId: string, issuedAt: Date) {
  const [contacts, incidents] = await Promise.all([
    contactsAfter(services.db, personId, issuedAt, 50),
    incidentsAfter(services.db, personId, issuedAt, 50),
  ])
  return {
    contacts: contacts.map((c) => ({ ...c, channelName: channelNames[c.channel] })),
    incidents: incidents.map((i) => ({
      ...i,
      categoryName: incidentCategoryNames[i.category],
      severityName: severityNames[i.severity],
    })),
  }
}
