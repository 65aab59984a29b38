import { checkNotice, decisionRoleNames } from '../../../domain/procedure.ts'
import type { Services } from '../../../services.ts'
import { letterStepPages } from '../letter-step.ts'
import type { LoadedProposal } from '../decision/load.ts'
import { issueNotice } from '../proposals.service.ts'

/** F9: once both have approved (F4), the restriction letter is issued; only then are the restrictions in force. */
export function noticePages(services: Services) {
  return letterStepPages(services, {
    done: 'notice',
    view: 'features/proposals/notice/view.njk',
    page: async ({ proposal, file, ctx, decisions }: LoadedProposal) => ({
      title: `Issue the restriction letter to ${file.person.full_name}`,
      refusal: checkNotice({ status: proposal.status, noticeIssuedOn: proposal.notice_issued_on }),
      inForceFrom: proposal.starts_on > ctx.today ? proposal.starts_on : ctx.today,
      signatories: decisions
        .filter((d) => d.decision === 'approve')
        .map((d) => `${d.decided_by_name}, ${decisionRoleNames[d.role]}`),
    }),
    issue: issueNotice,
  })
}
