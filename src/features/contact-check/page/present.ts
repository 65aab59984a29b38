import type { Verdict } from '../../../domain/contact-check.ts'
import { replyNames } from '../../../domain/closed-matters.ts'
import { weekdayName } from '../../../domain/restrictions.ts'
import { formatDate } from '../../../web/format.ts'
import type { ContactCheckAnswer } from '../contact-check.service.ts'
import { checkUrl, type CheckQuery } from './query.ts'
import { tagTexts } from '../../people/restriction-tags.ts'

// The contact check's answer as the page shows it: one verdict, in words a front-line officer acts on (V1–V5).

const verdictText: Record<Verdict, { name: string; meaning: string }> = {
  proceed: { name: 'Proceed', meaning: 'No restriction applies to this contact. Deal with it in the usual way.' },
  proceed_with_conditions: {
    name: 'Proceed with conditions',
    meaning: 'You may deal with this contact, under the conditions below.',
  },
  redirect: {
    name: 'Redirect',
    meaning: 'Do not deal with the substance. Explain politely how they may contact the council.',
  },
  read_and_file: {
    name: 'Read and file',
    meaning: 'This is about a closed matter. It will be read for fresh evidence and safeguarding concerns.',
  },
  not_this_procedure: {
    name: 'Not this procedure',
    meaning: 'This contact belongs to another process. Pass it on as shown below.',
  },
}

const longDay = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`))

export function presentAnswer(answer: ContactCheckAnswer, query: CheckQuery) {
  const uncertain = answer.person === null && answer.candidates.length > 0
  const words = verdictText[answer.verdict]
  const window = answer.nextWindow
  // F6: with no service given and a restriction for some service, the question comes first.
  const byService = answer.serviceNeeded
    ? [
        ...(answer.byService ?? []).map((s) => ({
          about: `About ${s.service}`,
          verdictName: verdictText[s.verdict].name,
          script: s.script,
          href: checkUrl({ ...query, service: s.service, summary: '', done: '' }),
          service: s.service,
        })),
        ...(answer.otherServicesVerdict
          ? [
              {
                about: 'About anything else',
                verdictName: verdictText[answer.otherServicesVerdict].name,
                script: '',
                href: '',
                service: '',
              },
            ]
          : []),
      ]
    : []
  const services = (answer.byService ?? []).map((s) => s.service)
  const restrictedMeaning =
    uncertain && answer.verdict !== 'proceed' && answer.verdict !== 'proceed_with_conditions'
      ? ` At least one of them has restrictions in force: until you know, treat the contact as "${words.name}".`
      : ''
  return {
    uncertain,
    serviceNeeded: answer.serviceNeeded === true,
    byService,
    verdict: answer.verdict,
    verdictName: uncertain
      ? 'We are not sure who this is'
      : answer.serviceNeeded
        ? 'Which service is this about?'
        : words.name,
    verdictMeaning: uncertain
      ? `Do not deal with the substance until you know who this is.${restrictedMeaning}`
      : answer.serviceNeeded
        ? `A restriction covers contact about ${services.join(' and ')}. Ask what it is about, then follow what applies below.`
        : words.meaning,
    person: answer.person,
    identification: answer.identification === 'Identified by id' ? 'Chosen from the record' : answer.identification,
    candidates: answer.candidates.map((c) => ({
      ...c,
      tags: tagTexts(c.tag),
      tellApart: [
        c.postcodeArea && `Postcode ${c.postcodeArea}`,
        c.birthYear && `born ${c.birthYear}`,
        c.lastContactOn && `last contact ${formatDate(new Date(`${c.lastContactOn}T12:00:00Z`))}`,
      ]
        .filter(Boolean)
        .join(', '),
      href: checkUrl({ ...query, matterId: '', summary: '', done: '', personId: c.id, personFor: query.q }),
    })),
    script: answer.script,
    safetyMarkers: answer.safetyMarkers.map((m) => ({
      ...m,
      reviewOn: formatDate(new Date(`${m.reviewOn}T12:00:00Z`)),
    })),
    conditions: answer.conditions,
    howToContact: answer.howToContact,
    namedOfficer: answer.namedOfficer?.name,
    deputy: answer.deputy?.name,
    callTimes: (answer.permittedCallTimes ?? []).map((w) => `${weekdayName(w.day)}, ${w.from} to ${w.to}`),
    nextWindow: window && {
      text: `${longDay(window.date)} ${formatDate(new Date(`${window.date}T12:00:00Z`))}, ${window.from} to ${window.to}`,
      bankHoliday: window.bankHoliday,
    },
    reply: answer.reply && replyNames[answer.reply],
    reasons: answer.reasons,
  }
}
export type PresentedAnswer = ReturnType<typeof presentAnswer>
