import type { Verdict } from '../../../domain/contact-check.ts'
import { replyNames } from '../../../domain/closed-matters.ts'
import { weekdayName } from '../../../domain/restrictions.ts'
import { formatDate } from '../../../web/format.ts'
import type { ContactCheckAnswer } from '../contact-check.service.ts'
import { checkUrl, type CheckQuery } from './query.ts'

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
  return {
    uncertain,
    verdict: answer.verdict,
    verdictName: uncertain ? 'We are not sure who this is' : words.name,
    verdictMeaning: uncertain ? 'Do not deal with the substance until you know who this is.' : words.meaning,
    person: answer.person,
    identification: answer.identification === 'Identified by id' ? 'Chosen from the record' : answer.identification,
    candidates: answer.candidates.map((c) => ({
      ...c,
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
