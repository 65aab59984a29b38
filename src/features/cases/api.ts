import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { letterTypes } from '../../domain/letters.ts'
import { notFound } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { staffActorOf } from '../../web/identity.ts'
import { errors, idParams } from '../api/schemas.ts'
import { correctLetter, findLetter, letterFile } from '../letters/letters.service.ts'
import { loadCaseFile } from './case-file.ts'
import { findRestriction } from './cases.repository.ts'
import { closeCase, issueWarning, openCase } from './cases.service.ts'
import { procedureContext } from './context.ts'
import { decide, imposeInterim, issueNotice, propose } from './proposals.service.ts'
import { presentRestriction, restrictionResponse } from './present-api.ts'
import { decideChallenge, recordChallenge, reviewRestriction } from './restrictions.service.ts'
import {
  challengeDecision,
  closeCase as closeCaseBody,
  letterCorrection,
  newCase,
  newChallenge,
  newDecision,
  newProposal,
  newReview,
  newWarning,
  noticeOptions,
} from './schema.ts'
import { restrictionStatus } from '../../domain/restrictions.ts'

const tags = ['The formal procedure']
const letterQuery = z.object({ largePrint: z.enum(['true', 'false']).optional() })

export const casesApi =
  (services: Services): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>()
    const { db } = services

    app.post(
      '/cases',
      {
        config: { access: 'cases.open' },
        schema: {
          tags,
          summary: 'Open a case (F1): refused for a councillor (S2) or a case resting only on FOI/EIR requests (S3)',
          body: newCase,
          response: {
            201: z.object({ id: z.uuid(), reference: z.string(), status: z.enum(['open', 'closed']) }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db.transaction().execute((trx) => openCase(trx, actor, request.body, ctx))
        return reply.code(201).send(created)
      },
    )

    app.get(
      '/cases/:id',
      {
        config: { access: 'cases.read' },
        schema: {
          tags,
          summary: 'A case: warnings, proposals, decisions, restrictions, challenges, letters',
          params: idParams,
        },
      },
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
      {
        config: { access: 'cases.close' },
        schema: {
          tags,
          summary: 'Close a case once nothing in it is in force',
          params: idParams,
          body: closeCaseBody,
          response: { 200: z.object({ id: z.uuid(), status: z.literal('closed') }), ...errors },
        },
      },
      async (request) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        return db.transaction().execute((trx) => closeCase(trx, actor, request.params.id, request.body.reason, ctx))
      },
    )

    app.post(
      '/cases/:id/warnings',
      {
        config: { access: 'warnings.issue' },
        schema: {
          tags,
          summary: 'Warn the person in writing (F2, F3); issues the warning letter',
          params: idParams,
          body: newWarning,
          response: {
            201: z.object({ id: z.uuid(), letterId: z.uuid(), monitoringEndsOn: z.string(), challengeBy: z.string() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => issueWarning(trx, actor, request.params.id, request.body, ctx))
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/cases/:id/proposals',
      {
        config: { access: 'proposals.make' },
        schema: {
          tags,
          summary: 'Propose restrictions (F5–F8, P5, P6): after a warning, or with an immediate risk',
          params: idParams,
          body: newProposal,
          response: {
            201: z.object({
              id: z.uuid(),
              status: z.literal('awaiting_decision'),
              restrictionIds: z.array(z.uuid()),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => propose(trx, actor, request.params.id, request.body, ctx))
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/proposals/:id/decisions',
      {
        config: { access: 'proposals.decide' },
        schema: {
          tags,
          summary:
            'The Chief Executive’s or the Monitoring Officer’s decision (F4); ratifies an interim restriction (F8)',
          params: idParams,
          body: newDecision,
          response: {
            201: z.object({
              id: z.uuid(),
              proposalId: z.uuid(),
              role: z.enum(['chief_executive', 'monitoring_officer']),
              decision: z.enum(['approve', 'reject']),
              proposalStatus: z.enum(['awaiting_decision', 'approved', 'rejected']),
              letterId: z.uuid().nullable(),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => decide(trx, actor, request.params.id, request.body, ctx))
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/proposals/:id/notice',
      {
        config: { access: 'letters.issue' },
        schema: {
          tags,
          summary: 'Issue the restriction letter (F9) once both have approved; the restrictions then come into force',
          params: idParams,
          body: noticeOptions,
          response: { 201: z.object({ letterId: z.uuid(), inForceFrom: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => issueNotice(trx, actor, request.params.id, request.body ?? {}, ctx))
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/proposals/:id/interim',
      {
        config: { access: 'proposals.decide' },
        schema: {
          tags,
          summary: 'Impose an immediate-risk restriction at once (F8); both decision-makers must ratify it in time',
          params: idParams,
          body: noticeOptions,
          response: { 201: z.object({ letterId: z.uuid(), ratifyBy: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => imposeInterim(trx, actor, request.params.id, request.body ?? {}, ctx))
        return reply.code(201).send(created)
      },
    )

    app.get(
      '/restrictions/:id',
      {
        config: { access: 'cases.read' },
        schema: {
          tags,
          summary: 'A restriction and its status today (a restriction past its end date reads lapsed: F7)',
          params: idParams,
          response: { 200: restrictionResponse, ...errors },
        },
      },
      async (request) => {
        const ctx = procedureContext(services)
        const restriction = await findRestriction(db, request.params.id)
        if (!restriction) throw notFound('Restriction')
        return presentRestriction({ ...restriction, status: restrictionStatus(restriction.state, ctx.today) })
      },
    )

    app.post(
      '/restrictions/:id/reviews',
      {
        config: { access: 'restrictions.review' },
        schema: {
          tags,
          summary: 'Review a restriction (F7): continue, vary (by a new decision) or lift',
          params: idParams,
          body: newReview,
          response: {
            201: z.object({
              id: z.uuid(),
              restrictionId: z.uuid(),
              outcome: z.enum(['continue', 'vary', 'lift']),
              nextReviewOn: z.string().nullable(),
              letterId: z.uuid(),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => reviewRestriction(trx, actor, request.params.id, request.body, ctx))
        return reply.code(201).send(created)
      },
    )

    const challengeCreated = z.object({ id: z.uuid(), respondBy: z.string(), inTime: z.boolean() })
    app.post(
      '/restrictions/:id/challenges',
      {
        config: { access: 'challenges.record' },
        schema: {
          tags,
          summary: 'Record a challenge to a restriction (F10); the answer is due within the working-day limit',
          params: idParams,
          body: newChallenge,
          response: { 201: challengeCreated, ...errors },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => recordChallenge(trx, actor, { restrictionId: request.params.id }, request.body, ctx))
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/warnings/:id/challenges',
      {
        config: { access: 'challenges.record' },
        schema: {
          tags,
          summary: 'Record a challenge to a warning on its facts (F3, F10)',
          params: idParams,
          body: newChallenge,
          response: { 201: challengeCreated, ...errors },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => recordChallenge(trx, actor, { warningId: request.params.id }, request.body, ctx))
        return reply.code(201).send(created)
      },
    )

    app.post(
      '/challenges/:id/decision',
      {
        config: { access: 'challenges.decide' },
        schema: {
          tags,
          summary: 'Decide a challenge (F10): a senior reviewer who took no part in the case',
          params: idParams,
          body: challengeDecision,
          response: {
            201: z.object({ id: z.uuid(), outcome: z.enum(['upheld', 'varied', 'not_upheld']), letterId: z.uuid() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const created = await db
          .transaction()
          .execute((trx) => decideChallenge(trx, actor, request.params.id, request.body, ctx))
        return reply.code(201).send(created)
      },
    )

    app.get(
      '/letters/:id',
      {
        config: { access: 'cases.read' },
        schema: {
          tags,
          summary: 'A letter as issued: its content and hash (fixed once issued)',
          params: idParams,
          response: {
            200: z.object({
              id: z.uuid(),
              type: z.enum(letterTypes),
              reference: z.string(),
              caseId: z.uuid(),
              personId: z.uuid(),
              issuedAt: z.date(),
              largePrint: z.boolean(),
              sha256: z.string(),
              corrects: z.uuid().nullable(),
              title: z.string(),
              sections: z.array(
                z.object({
                  key: z.string(),
                  heading: z.string(),
                  paragraphs: z.array(z.string()),
                  bullets: z.array(z.string()).optional(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const letter = await findLetter(db, request.params.id)
        if (!letter) throw notFound('Letter')
        return {
          id: letter.id,
          type: letter.type,
          reference: letter.reference,
          caseId: letter.caseId,
          personId: letter.personId,
          issuedAt: letter.issuedAt,
          largePrint: letter.largePrint,
          sha256: letter.sha256,
          corrects: letter.corrects,
          title: letter.content.title,
          sections: letter.content.sections,
        }
      },
    )

    app.post(
      '/letters/:id/corrections',
      {
        config: { access: 'letters.issue' },
        schema: {
          tags,
          summary: 'Correct an issued letter: a new letter naming the one it corrects (an issued letter never changes)',
          params: idParams,
          body: letterCorrection,
          response: { 201: z.object({ id: z.uuid(), reference: z.string(), corrects: z.uuid() }), ...errors },
        },
      },
      async (request, reply) => {
        const actor = staffActorOf(request)
        const ctx = procedureContext(services)
        const issued = await db
          .transaction()
          .execute((trx) => correctLetter(trx, actor, request.params.id, request.body, ctx.today, ctx.now))
        return reply.code(201).send({ ...issued, corrects: request.params.id })
      },
    )

    for (const format of ['pdf', 'docx'] as const) {
      app.get(
        `/letters/:id/${format}`,
        {
          config: { access: 'cases.read' },
          schema: {
            tags,
            summary: format === 'pdf' ? 'The letter as issued, as an accessible PDF' : 'The letter as a Word document',
            params: idParams,
            querystring: letterQuery,
          },
        },
        async (request, reply) => {
          const letter = await findLetter(db, request.params.id)
          if (!letter) throw notFound('Letter')
          const largePrint =
            request.query.largePrint === undefined ? letter.largePrint : request.query.largePrint === 'true'
          const file = await letterFile(db, letter.id, format, largePrint)
          const type =
            format === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
          const name = `${letter.reference}${largePrint ? '-large-print' : ''}.${format}`
          return reply
            .header('content-type', type)
            .header('content-disposition', `attachment; filename="${name}"`)
            .header('x-content-sha256', file.sha256)
            .send(Buffer.from(file.bytes))
        },
      )
    }
  }
