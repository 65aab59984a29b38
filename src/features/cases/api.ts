import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { notFound } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { endpoint } from '../api/endpoint.ts'
import { errors, idParams } from '../api/schemas.ts'
import { presentRestriction } from '../restrictions/present-api.ts'
import { loadCaseFile } from './case-file.ts'
import { closeCase, issueWarning, openCase } from './cases.service.ts'
import { postStep, procedureContext, procedureStep, procedureTags } from './context.ts'
import { closeCase as closeCaseBody, newCase, newWarning } from './schema.ts'

// The case through the API (F1-F3, F12): open it, read it, warn, close.
export const casesApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = services

    postStep(app, services, '/cases', {
      access: 'cases.open',
      schema: {
        summary:
          "Open a case (F1): only for one of the Head of Service's own services (403 otherwise); refused for a councillor (S2) or a case resting only on FOI/EIR requests (S3)",
        body: newCase,
      },
      created: z.object({ id: z.uuid(), reference: z.string(), status: z.enum(['open', 'closed']) }),
      step: (request, trx, actor, ctx) => openCase(trx, actor, request.body, ctx),
    })

    app.get(
      '/cases/:id',
      endpoint('cases.read', {
        tags: procedureTags,
        summary: 'A case: warnings, proposals, decisions, restrictions, challenges, letters',
        params: idParams,
      }),
      async (request) => {
        const ctx = procedureContext(services)
        const file = await loadCaseFile(db, request.params.id, ctx.today)
        if (!file) throw notFound('Case')
        return {
          id: file.case.id,
          reference: file.case.reference,
          personId: file.case.person_id,
          service: file.case.service,
          status: file.case.status,
          openedAt: file.case.opened_at,
          warnings: file.warnings.map((w) => ({
            id: w.id,
            issuedOn: w.issued_on,
            monitoringEndsOn: w.monitoring_ends_on,
            letterId: w.letter_id,
            withdrawnOn: w.withdrawn_on,
          })),
          proposals: file.proposals.map((p) => ({
            id: p.id,
            status: p.status,
            restrictionIds: p.restrictions.map((r) => r.id),
            decisions: p.decisions.map((d) => ({ role: d.role, decision: d.decision, decidedAt: d.decided_at })),
            noticeLetterId: p.notice_letter_id,
            interim: p.interim_imposed_on ? { imposedOn: p.interim_imposed_on, ratifyBy: p.ratify_by } : null,
          })),
          restrictions: file.restrictions.map(presentRestriction),
          challenges: file.challenges.map((c) => ({
            id: c.id,
            restrictionId: c.restriction_id,
            warningId: c.warning_id,
            receivedOn: c.received_on,
            respondBy: c.respond_by,
            inTime: c.in_time,
            outcome: c.outcome,
          })),
          letters: file.letters.map((l) => ({ id: l.id, type: l.type, reference: l.reference, issuedAt: l.issued_at })),
        }
      },
    )

    app.post(
      '/cases/:id/close',
      endpoint('cases.close', {
        tags: procedureTags,
        summary: 'Close a case once nothing in it is in force',
        params: idParams,
        body: closeCaseBody,
        response: { 200: z.object({ id: z.uuid(), status: z.literal('closed') }), ...errors },
      }),
      async (request) => {
        return procedureStep(services, request, (trx, actor, ctx) =>
          closeCase(trx, actor, request.params.id, request.body.reason, ctx),
        )
      },
    )

    postStep(app, services, '/cases/:id/warnings', {
      access: 'warnings.issue',
      schema: {
        summary: 'Warn the person in writing (F2, F3); issues the warning letter',
        params: idParams,
        body: newWarning,
      },
      created: z.object({ id: z.uuid(), letterId: z.uuid(), monitoringEndsOn: z.string(), challengeBy: z.string() }),
      step: (request, trx, actor, ctx) => issueWarning(trx, actor, request.params.id, request.body, ctx),
    })
  }
