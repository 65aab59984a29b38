import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Transaction } from 'kysely'
import type { z } from 'zod'
import type { Actor } from '../../audit/audit.ts'
import type { Database } from '../../db/database.ts'
import { bankHolidayDivisions, divisionNames, nationNames, nations, ombudsmen } from '../../domain/nations.ts'
import { roleNames, type Role } from '../../domain/roles.ts'
import type { Services } from '../../services.ts'
import { bodyOf, inUrlOr404, parseForm, queryOf, type FormErrors } from '../../web/forms.ts'
import { actorOf } from '../../web/identity.ts'
import { formPage } from '../../web/routes.ts'
import {
  attentionForm,
  contactForm,
  councilNameForm,
  jobTitleForm,
  nationForm,
  procedureForm,
  returnAddressForm,
  serviceContactForm,
} from './schema.ts'
import {
  changeCouncilSetting,
  changeJobTitle,
  councilSettings,
  forgetCouncilSettings,
  storedSetting,
  type CouncilSettings,
} from './settings.service.ts'
import { sameService } from '../../domain/staff-services.ts'

// Issue 14: the council's settings, for administrators: what is in force (a GOV.UK summary list) and a page to change
// each. Every change is audited in its own transaction (K4); letters issued before keep what they said.

const access = 'settings.manage' as const
const summaryView = 'features/settings/summary.njk'
const changeView = 'features/settings/change.njk'

/** Every request reads the settings in force first (at most every few seconds), so pages and letters read them. */
export function readSettingsFirst(app: FastifyInstance, services: Services): void {
  app.addHook('preHandler', async () => {
    await councilSettings(services)
  })
}

interface Field {
  name: string
  label: string
  hint?: string
  kind: 'text' | 'textarea' | 'number' | 'radios'
  suffix?: string
  items?: { value: string; text: string; hint?: { text: string } }[]
}

interface SettingPage {
  slug: string
  title: string
  intro?: string
  fields: Field[]
  form: z.ZodType
  values: (s: CouncilSettings) => Record<string, string>
  save: (trx: Transaction<Database>, actor: Actor, value: never) => Promise<void>
  done: string
}

const number = (name: string, label: string, suffix: string, hint?: string): Field => ({
  name,
  label,
  kind: 'number',
  suffix,
  ...(hint ? { hint } : {}),
})

const pages: SettingPage[] = [
  {
    slug: 'council-name',
    title: 'The council’s name',
    fields: [
      {
        name: 'councilName',
        label: 'The council’s name',
        kind: 'text',
        hint: 'As it is written on letters and at the top of every page',
      },
    ],
    form: councilNameForm,
    values: (s) => ({ councilName: s.councilName }),
    save: (trx, actor, v: z.output<typeof councilNameForm>) =>
      changeCouncilSetting(trx, actor, 'council_name', v.councilName),
    done: 'The council’s name has been changed',
  },
  {
    slug: 'return-address',
    title: 'Return address',
    fields: [
      {
        name: 'returnAddress',
        label: 'Return address',
        kind: 'textarea',
        hint: 'Where letters come from, one line of the address a line, up to 8 lines',
      },
    ],
    form: returnAddressForm,
    values: (s) => ({ returnAddress: s.councilAddress.join('\n') }),
    save: (trx, actor, v: z.output<typeof returnAddressForm>) =>
      changeCouncilSetting(trx, actor, 'return_address', v.returnAddress),
    done: 'The return address has been changed',
  },
  {
    slug: 'contact',
    title: 'Contact details',
    fields: [
      {
        name: 'contact',
        label: 'How people can contact the council',
        kind: 'textarea',
        hint: 'A way every letter can offer, for example: Customer Relations, PO Box 1, Northtown NN1 1AA, or 01234 567890',
      },
    ],
    form: contactForm,
    values: (s) => ({ contact: s.councilContact }),
    save: (trx, actor, v: z.output<typeof contactForm>) => changeCouncilSetting(trx, actor, 'contact', v.contact),
    done: 'The contact details have been changed',
  },
  {
    slug: 'nation',
    title: 'Nation',
    intro:
      'The nation names the Ombudsman that letters tell people about, and which of GOV.UK’s bank holidays deadlines in working days skip. After changing it, load GOV.UK’s bank holidays file again.',
    fields: [
      {
        name: 'nation',
        label: 'Which nation is the council in?',
        kind: 'radios',
        items: nations.map((nation) => ({
          value: nation,
          text: nationNames[nation],
          hint: { text: `${ombudsmen[nation].name}; ${divisionNames[bankHolidayDivisions[nation]]} bank holidays` },
        })),
      },
    ],
    form: nationForm,
    values: (s) => ({ nation: s.nation }),
    save: (trx, actor, v: z.output<typeof nationForm>) => changeCouncilSetting(trx, actor, 'nation', v.nation),
    done: 'The nation has been changed',
  },
  {
    slug: 'procedure',
    title: 'The procedure’s settings',
    fields: [
      number('monitoringWeeks', 'How long a warning is kept under review (F3)', 'weeks'),
      number('maxRestrictionMonths', 'The longest a restriction may last (F7)', 'months'),
      number('firstReviewWithinMonths', 'When a restriction is first reviewed, at the latest (F7)', 'months'),
      number('ratificationWorkingDays', 'Time to ratify an interim restriction (F8)', 'working days'),
      number('challengeWorkingDays', 'Time a person has to challenge a decision (F10)', 'working days'),
    ],
    form: procedureForm,
    values: (s) => Object.fromEntries(Object.entries(s.procedure).map(([k, v]) => [k, String(v)])),
    save: (trx, actor, v: z.output<typeof procedureForm>) => changeCouncilSetting(trx, actor, 'procedure', v),
    done: 'The procedure’s settings have been changed',
  },
  {
    slug: 'attention',
    title: 'Who may need attention',
    intro:
      'A person is listed when any of these is reached. The list only prompts someone to look: it restricts no one (P1).',
    fields: [
      number('contacts7Days', 'Contacts in 7 days', 'contacts'),
      number('contacts30Days', 'Contacts in 30 days', 'contacts'),
      number(
        'ratioToHistory',
        'How many times their usual rate',
        'times',
        'Contacts in the last 30 days against their usual month',
      ),
      number('closedMatterContacts90Days', 'Contacts on closed matters in 90 days', 'contacts'),
      number('channels7Days', 'Ways of contact in 7 days', 'ways'),
      number('staff30Days', 'Staff contacted in 30 days', 'staff'),
      number('staffMinutes30Days', 'Staff time in 30 days', 'minutes'),
    ],
    form: attentionForm,
    values: (s) => Object.fromEntries(Object.entries(s.attention).map(([k, v]) => [k, String(v)])),
    save: (trx, actor, v: z.output<typeof attentionForm>) => changeCouncilSetting(trx, actor, 'attention', v),
    done: 'The attention thresholds have been changed',
  },
]

const otherDone: Record<string, string> = {
  signatory: 'The job title has been changed',
  'service-contact': 'The service’s contact details have been changed',
}

/** The roles whose holders sign letters (F3, F4, F7, F9, F10). */
const signingRoles: Role[] = [
  'case_officer',
  'head_of_service',
  'chief_executive',
  'monitoring_officer',
  'senior_reviewer',
]

async function signatories(services: Services) {
  const rows = await services.db
    .selectFrom('staff_user')
    .innerJoin('staff_role', 'staff_role.staff_user_id', 'staff_user.id')
    .select(['staff_user.id', 'staff_user.name', 'staff_user.job_title', 'staff_role.role'])
    .where('staff_role.role', 'in', signingRoles)
    .where('staff_user.disabled_at', 'is', null)
    .orderBy('staff_user.name')
    .execute()
  const byId = new Map<string, { id: string; name: string; jobTitle: string | null; roles: string[] }>()
  for (const row of rows) {
    const held = byId.get(row.id) ?? { id: row.id, name: row.name, jobTitle: row.job_title, roles: [] }
    held.roles.push(roleNames[row.role].name)
    byId.set(row.id, held)
  }
  return [...byId.values()]
}

function findSignatory(services: Services, id: string) {
  return services.db
    .selectFrom('staff_user')
    .select(['id', 'name', 'job_title'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export const settingsRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const { db } = services

    app.get('/settings', { config: { access } }, async (request, reply) => {
      const settings = await councilSettings(services)
      const done = queryOf(request).done
      const page = pages.find((p) => p.slug === done)
      return reply.page(summaryView, {
        title: 'The council’s settings',
        settings,
        nationName: nationNames[settings.nation],
        ombudsman: ombudsmen[settings.nation],
        division: divisionNames[bankHolidayDivisions[settings.nation]],
        signatoryRows: (await signatories(services)).map((s) => ({
          key: { text: s.name },
          value: { text: `${s.jobTitle ?? 'No job title'} (${s.roles.join(', ')})` },
          actions: {
            items: [
              {
                href: `/settings/signatories/${s.id}`,
                text: 'Change',
                visuallyHiddenText: `the job title of ${s.name}`,
              },
            ],
          },
        })),
        serviceContactRows: settings.serviceContacts.map((s) => ({
          key: { text: s.service },
          value: { text: s.contact },
          actions: {
            items: [
              {
                href: `/settings/service-contact?${new URLSearchParams({ service: s.service })}`,
                text: 'Change',
                visuallyHiddenText: `the contact details for ${s.service}`,
              },
            ],
          },
        })),
        done: page ? page.done : otherDone[done ?? ''],
      })
    })

    for (const page of pages) {
      const render = (reply: FastifyReply, values: Record<string, string>, errors?: FormErrors) =>
        reply.code(errors ? 422 : 200).page(changeView, {
          title: page.title,
          page,
          values,
          errors,
          backLink: '/settings',
        })
      formPage(app, `/settings/${page.slug}`, access, {
        show: async (_request: FastifyRequest, reply: FastifyReply) =>
          render(reply, page.values(await councilSettings(services))),
        submit: async (request: FastifyRequest, reply: FastifyReply) => {
          const actor = actorOf(request)
          const body = bodyOf(request)
          const values = Object.fromEntries(
            page.fields.map((f) => [f.name, typeof body[f.name] === 'string' ? (body[f.name] as string) : '']),
          )
          const form = parseForm(
            page.form,
            values,
            page.fields.map((f) => f.name),
          )
          if (!form.ok) return render(reply, values, form.errors)
          await db.transaction().execute((trx) => page.save(trx, actor, form.value as never))
          forgetCouncilSettings(db)
          return reply.redirect(`/settings?done=${page.slug}`, 303)
        },
      })
    }

    // Issue 14: a service's own contact details, where they differ from the council's; left empty, removed.
    const serviceContactView = 'features/settings/service-contact.njk'
    formPage(app, '/settings/service-contact', access, {
      show: async (request: FastifyRequest, reply: FastifyReply) => {
        const service = queryOf(request).service ?? ''
        const held = (await councilSettings(services)).serviceContacts.find((s) => sameService(s.service, service))
        return reply.page(serviceContactView, {
          title: 'Contact details for a service',
          values: { service: held?.service ?? service, contact: held?.contact ?? '' },
          backLink: '/settings',
        })
      },
      submit: async (request: FastifyRequest, reply: FastifyReply) => {
        const actor = actorOf(request)
        const body = bodyOf(request)
        const values = {
          service: typeof body.service === 'string' ? body.service : '',
          contact: typeof body.contact === 'string' ? body.contact : '',
        }
        const form = parseForm(serviceContactForm, values, ['service', 'contact'])
        if (!form.ok) {
          return reply.code(422).page(serviceContactView, {
            title: 'Contact details for a service',
            values,
            errors: form.errors,
            backLink: '/settings',
          })
        }
        const { service, contact } = form.value
        await db.transaction().execute(async (trx) => {
          const held = (await storedSetting(trx, 'service_contacts')) ?? []
          const others = held.filter((s) => !sameService(s.service, service))
          const list = contact ? [...others, { service, contact }] : others
          list.sort((a, b) => a.service.localeCompare(b.service, 'en-GB', { sensitivity: 'base' }))
          await changeCouncilSetting(trx, actor, 'service_contacts', list)
        })
        forgetCouncilSettings(db)
        return reply.redirect('/settings?done=service-contact', 303)
      },
    })

    const signatoryPage = (request: FastifyRequest) =>
      inUrlOr404(request, 'Staff user', (id) => findSignatory(services, id))
    formPage(app, '/settings/signatories/:id', access, {
      show: async (request: FastifyRequest, reply: FastifyReply) => {
        const user = await signatoryPage(request)
        return reply.page('features/settings/job-title.njk', {
          title: `Job title of ${user.name}`,
          user,
          values: { jobTitle: user.job_title ?? '' },
          backLink: '/settings',
        })
      },
      submit: async (request: FastifyRequest, reply: FastifyReply) => {
        const actor = actorOf(request)
        const user = await signatoryPage(request)
        const values = {
          jobTitle: typeof bodyOf(request).jobTitle === 'string' ? String(bodyOf(request).jobTitle) : '',
        }
        const form = parseForm(jobTitleForm, values, ['jobTitle'])
        if (!form.ok) {
          return reply.code(422).page('features/settings/job-title.njk', {
            title: `Job title of ${user.name}`,
            user,
            values,
            errors: form.errors,
            backLink: '/settings',
          })
        }
        await db.transaction().execute((trx) => changeJobTitle(trx, actor, user.id, form.value.jobTitle))
        return reply.redirect('/settings?done=signatory', 303)
      },
    })
  }
