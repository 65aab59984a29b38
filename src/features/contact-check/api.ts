import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { verdicts } from '../../domain/contact-check.ts'
import { allows } from '../../domain/permissions.ts'
import { weekdays } from '../../domain/restrictions.ts'
import { Refusal } from '../../domain/refusal.ts'
import type { Services } from '../../services.ts'
import { staffActorOf } from '../../web/identity.ts'
import { endpoint } from '../api/endpoint.ts'
import { errors } from '../api/schemas.ts'
import { runContactCheck } from './contact-check.service.ts'
import { contactCheckBody } from './schema.ts'

// The contract's answer, then what the engine adds for screens (conditions, how to contact, the next window).
export const contactCheckAnswer = z.object({
  verdict: z.enum(verdicts),
  person: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
  candidates: z.array(
    z.object({
      id: z.uuid(),
      fullName: z.string(),
      matchedOn: z.string(),
      postcodeArea: z.string().optional().describe('P4: the outward part of a postcode on their record, e.g. NN1'),
      birthYear: z.number().int().optional(),
      lastContactOn: z.string().optional().describe('The day of their last recorded contact'),
      tag: z
        .object({
          services: z.union([z.array(z.string()), z.literal('council')]),
          safetyMarker: z.boolean(),
        })
        .optional()
        .describe("What is in force for them: the services restricted ('council': the whole council), and a marker"),
    }),
  ),
  reasons: z.array(z.object({ rule: z.string(), restrictionId: z.uuid().optional(), text: z.string() })),
  script: z.string(),
  safetyMarkers: z.array(z.object({ precautions: z.string(), reviewOn: z.string() })),
  identification: z.string(),
  conditions: z.array(z.string()),
  howToContact: z.array(z.string()),
  namedOfficer: z.object({ id: z.uuid(), name: z.string() }).optional(),
  deputy: z.object({ id: z.uuid(), name: z.string() }).optional(),
  permittedCallTimes: z.array(z.object({ day: z.enum(weekdays), from: z.string(), to: z.string() })).optional(),
  nextWindow: z
    .object({ date: z.string(), from: z.string(), to: z.string(), bankHoliday: z.string().optional() })
    .optional(),
  reply: z.enum(['acknowledge', 'file_without_acknowledgement']).optional(),
  serviceNeeded: z
    .boolean()
    .optional()
    .describe('F6: no service was given and a restriction covers some service: ask which, then check again'),
  byService: z
    .array(
      z.object({
        service: z.string(),
        verdict: z.enum(verdicts),
        script: z.string(),
        howToContact: z.array(z.string()),
      }),
    )
    .optional()
    .describe('F6: what applies for each service a restriction in force covers'),
  otherServicesVerdict: z.enum(verdicts).optional().describe('F6: what applies to contact about anything else'),
  identityUncertain: z
    .boolean()
    .describe('P4: several people match: verdict and safetyMarkers are the most restrictive and every candidate’s'),
  matterId: z.uuid().nullable().describe('The matter the contact is about, when a matter reference identified it'),
  contactId: z.uuid().nullable(),
  queued: z.boolean(),
})

export const contactCheckApi =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/contact-checks',
      endpoint('contacts.check', {
        tags: ['The contact check'],
        summary:
          'May staff deal with this contact, and how? (V1–V5) For telephony screen-pop and CRM; with record: true the attempt is logged as a contact',
        body: contactCheckBody,
        response: { 200: contactCheckAnswer, ...errors },
      }),
      async (request) => {
        const actor = staffActorOf(request)
        if (request.body.record && !allows('contacts.record', actor.roles)) {
          throw new Refusal(403, 'forbidden', 'Your role can check a contact but not record it')
        }
        return runContactCheck(services.db, actor, request.body, services.now())
      },
    )
  }
