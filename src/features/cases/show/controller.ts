import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { allows, type Permission } from '../../../domain/permissions.ts'
import type { Services } from '../../../services.ts'
import { loadCaseFile } from '../case-file.ts'
import { procedureContext } from '../context.ts'
import { decisionRoleNames } from '../../../domain/procedure.ts'
import { letterTypeName, restrictionWording, statusTags } from '../../restrictions/wording.ts'
import { caseTasks, workingDaysLeft } from './present.ts'
import { bankHolidays } from '../../bank-holidays/bank-holidays.repository.ts'
import { inUrlOr404, queryOf } from '../../../web/forms.ts'

const doneText: Record<string, string> = {
  opened: 'Case opened',
  closed:
    'Case closed. Its history stays here, so that a new decision can be taken quickly if the behaviour resumes (F12).',
}
const query = z.object({ done: z.string().max(40).optional().catch(undefined) })

/** The case page: where the case stands (F1–F10), then each warning, proposal, decision, restriction and letter. */
export const casePage = (services: Services) => async (request: FastifyRequest, reply: FastifyReply) => {
  const { db } = services
  const ctx = procedureContext(services)
  const file = await inUrlOr404(request, 'Case', (id) => loadCaseFile(db, id, ctx.today))
  const roles = request.principal?.roles ?? []
  const open = file.case.status === 'open'
  const can = (p: Permission, when = true) => when && allows(p, roles)
  const [holidays, wording] = await Promise.all([bankHolidays(db), restrictionWording(db, file.restrictions)])
  const letterRef = new Map(file.letters.map((l) => [l.id, l.reference]))
  const restriction = (r: (typeof file.restrictions)[number]) => ({
    ...r,
    wording: wording.get(r.id),
    tag: statusTags[r.status],
    actions: [
      can('restrictions.review', open && r.status === 'active') && {
        href: `/restrictions/${r.id}/reviews/new`,
        text: 'Review',
      },
      can('challenges.record', open && ['active', 'approved'].includes(r.status)) && {
        href: `/restrictions/${r.id}/challenges/new`,
        text: 'Record a challenge',
      },
    ].filter(Boolean),
  })
  return reply.page('features/cases/show/view.njk', {
    title: `Case ${file.case.reference}`,
    file,
    kase: file.case,
    person: file.person,
    closedByName: file.staffName(file.case.closed_by),
    done: doneText[query.parse(queryOf(request)).done ?? ''],
    tasks: caseTasks(file, roles, ctx.today, holidays),
    warnings: file.warnings.map((w) => ({
      ...w,
      issuedByName: file.staffName(w.issued_by),
      letterReference: letterRef.get(w.letter_id),
      actions: can('challenges.record', open && !w.withdrawn_on)
        ? [{ href: `/warnings/${w.id}/challenges/new`, text: 'Record a challenge' }]
        : [],
    })),
    proposals: file.proposals.map((p) => ({
      ...p,
      proposedByName: file.staffName(p.proposed_by),
      restrictions: p.restrictions.map(restriction),
      decisions: p.decisions.map((d) => ({ ...d, roleName: decisionRoleNames[d.role] })),
      noticeReference: p.notice_letter_id ? letterRef.get(p.notice_letter_id) : undefined,
      interimReference: p.interim_letter_id ? letterRef.get(p.interim_letter_id) : undefined,
      // F8: an interim restriction must be ratified by both decision-makers within the working days set.
      countdown:
        p.status === 'awaiting_decision' && p.ratify_by
          ? { by: p.ratify_by, left: workingDaysLeft(ctx.today, p.ratify_by, holidays) }
          : undefined,
      actions: [
        can('proposals.decide', p.status === 'awaiting_decision') && {
          href: `/proposals/${p.id}`,
          text: 'Record a decision',
        },
        can(
          'proposals.decide',
          open && p.status === 'awaiting_decision' && !!p.immediate_risk_justification && !p.interim_imposed_on,
        ) && {
          href: `/proposals/${p.id}/interim`,
          text: 'Impose an interim restriction',
        },
        can('letters.issue', open && p.status === 'approved' && !p.notice_issued_on) && {
          href: `/proposals/${p.id}/notice`,
          text: 'Issue the restriction letter',
        },
      ].filter(Boolean),
    })),
    reviews: file.reviews.map((v) => ({
      ...v,
      reviewedByName: file.staffName(v.reviewed_by),
      restriction: wording.get(v.restriction_id),
      letterReference: v.letter_id ? letterRef.get(v.letter_id) : undefined,
    })),
    challenges: file.challenges.map((c) => ({
      ...c,
      about: c.warning_id
        ? 'The warning (on its facts)'
        : (wording.get(c.restriction_id ?? '')?.typeName ?? 'A restriction'),
      recordedByName: file.staffName(c.recorded_by),
      decidedByName: file.staffName(c.decided_by),
      left: c.outcome === null ? workingDaysLeft(ctx.today, c.respond_by, holidays) : undefined,
      letterReference: c.letter_id ? letterRef.get(c.letter_id) : undefined,
      actions: can('challenges.decide', c.outcome === null) ? [{ href: `/challenges/${c.id}`, text: 'Decide' }] : [],
    })),
    letters: file.letters.map((l) => ({
      ...l,
      typeName: letterTypeName(l.type),
      issuedByName: file.staffName(l.issued_by),
      correctsReference: l.corrects ? letterRef.get(l.corrects) : undefined,
    })),
    can: {
      warn: can('warnings.issue', open),
      propose: can('proposals.make', open),
      close: can('cases.close', open),
    },
    backLink: `/people/${file.person.id}`,
  })
}
