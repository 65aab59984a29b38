import { channelNames, incidentCategoryNames, severityNames } from '../../../domain/contacts.ts'
import { formatDate, formatDateTime } from '../../../web/format.ts'
import type { CaseFile } from '../case-file.ts'
import { decisionRoleNames } from '../../../domain/procedure.ts'
import { letterTypeName, statusTags, type RestrictionWording } from '../../restrictions/wording.ts'

// The case file's chronology (F1–F12): everything that happened in the case, in date order, in plain words. The same
// entries make the printable page and the PDF "the council would send the Ombudsman".

export interface Entry {
  /** For sorting: an ISO timestamp, or a date at the start of its day. */
  sortKey: string
  when: string
  title: string
  lines: string[]
}

const isoDay = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`))
const at = (date: Date) => ({ sortKey: date.toISOString(), when: formatDateTime(date) })
const on = (iso: string) => ({ sortKey: `${iso}T00:00:00.000Z`, when: isoDay(iso) })

const reviewOutcomes = { continue: 'continued', vary: 'varied', lift: 'lifted' } as const
const challengeOutcomes = { upheld: 'upheld', varied: 'varied', not_upheld: 'not upheld' } as const

export function chronology(
  file: CaseFile,
  wording: ReadonlyMap<string, RestrictionWording>,
  closedByName: string,
): Entry[] {
  const entries: Entry[] = []
  const letterRef = new Map(file.letters.map((l) => [l.id, l.reference]))
  const ref = (id: string | null | undefined) => (id ? (letterRef.get(id) ?? '') : '')
  // A step that issued a letter is dated by the letter, so it sorts after the decisions that led to it.
  const issued = (id: string | null, day: string) => {
    const letter = file.letters.find((l) => l.id === id)
    return letter ? at(letter.issued_at) : on(day)
  }
  const push = (time: { sortKey: string; when: string }, title: string, lines: (string | false | null | undefined)[]) =>
    entries.push({ ...time, title, lines: lines.filter((l): l is string => typeof l === 'string' && l !== '') })

  // The evidence the case relies on (F1, K1).
  for (const a of file.evidence.arrangements)
    push(on(a.started_on), a.kind === 'informal_warning' ? 'Informal warning (S4)' : 'Operational arrangement (S4)', [
      `${a.service}: ${a.description}`,
      a.ended_on && `Ended on ${isoDay(a.ended_on)}.`,
      a.outcome && `Outcome: ${a.outcome}`,
    ])
  for (const c of file.evidence.contacts)
    push(
      at(c.at),
      `Contact: ${channelNames[c.channel]} ${c.direction === 'inbound' ? 'from the person' : 'to the person'}`,
      [
        c.reference && `Matter ${c.reference}.`,
        c.summary,
        c.minutes_spent ? `${c.minutes_spent} minutes of staff time.` : '',
      ],
    )
  for (const i of file.evidence.incidents)
    push(at(i.at), `Incident: ${incidentCategoryNames[i.category]} (${severityNames[i.severity].toLowerCase()})`, [
      i.description,
      i.police_reference && `Police reference ${i.police_reference}.`,
    ])

  const k = file.case
  push(at(k.opened_at), `Case ${k.reference} opened by ${file.staffName(k.opened_by)} (F1)`, [
    `Service: ${k.service}.`,
    `Reason: ${k.reason}`,
    `Business-as-usual measures tried: ${k.business_as_usual_measures}`,
    `How reasonable adjustments were considered (P5): ${k.adjustments_considered}`,
  ])

  for (const w of file.warnings)
    push(at(w.issued_at), `Warning issued by ${file.staffName(w.issued_by)} (F2, F3)`, [
      `Behaviour: ${w.behaviour}`,
      `Why it is unacceptable: ${w.why_unacceptable}`,
      `Change asked for: ${w.change_requested}`,
      `What may happen: ${w.consequences}`,
      `Monitoring: ${w.monitoring_weeks} weeks, ending on ${isoDay(w.monitoring_ends_on)}.`,
      `Letter ${ref(w.letter_id)}.`,
      w.withdrawn_on && `Withdrawn on ${isoDay(w.withdrawn_on)}: ${w.withdrawn_reason ?? ''}`,
    ])

  for (const p of file.proposals) {
    push(at(p.proposed_at), `Restrictions proposed by ${file.staffName(p.proposed_by)} (F5, F6)`, [
      ...p.restrictions.map((r) => {
        const w = wording.get(r.id)
        return `${w?.typeName ?? r.spec.type} (${w?.rule ?? ''}): ${w?.description ?? ''} ${w?.scope ?? ''} From ${isoDay(r.startsOn)} to ${isoDay(r.endsOn)}; review by ${isoDay(r.reviewOn)}. Now: ${statusTags[r.status].text.toLowerCase()}.`
      }),
      `Why restriction is needed: ${p.rationale}`,
      p.letter_reasons && `What the letter tells the person (F9): ${p.letter_reasons}`,
      `Alternatives considered (P6): ${p.alternatives_considered}`,
      `Reasonable adjustments considered (P5): ${p.adjustments_considered}`,
      p.since_warning_justification &&
        `Why needed though nothing was recorded since the warning (F2): ${p.since_warning_justification}`,
      p.adjustment_conflict_justification &&
        `Why justified despite an agreed adjustment: ${p.adjustment_conflict_justification}`,
      p.immediate_risk_justification && `Immediate risk to staff (F8): ${p.immediate_risk_justification}`,
      p.police_reference && `Police reference ${p.police_reference}.`,
      p.legal_action && `Legal action: ${p.legal_action}`,
    ])
    if (p.interim_imposed_on)
      push(
        issued(p.interim_letter_id, p.interim_imposed_on),
        `Interim restriction imposed by ${file.staffName(p.interim_imposed_by)} (F8)`,
        [
          p.ratify_by && `To be ratified by both decision-makers by ${isoDay(p.ratify_by)}.`,
          p.interim_letter_id && `Letter ${ref(p.interim_letter_id)}.`,
        ],
      )
    for (const d of p.decisions)
      push(
        at(d.decided_at),
        `Decision: the ${decisionRoleNames[d.role]}, ${d.decided_by_name}, ${d.decision === 'approve' ? 'approved' : 'rejected'} the proposal (F4)`,
        [
          `Reasons: ${d.reasons}`,
          `How the matters raised and complaints upheld were weighed (P2): ${d.counterweights_considered ?? 'not recorded'}`,
        ],
      )
    if (p.notice_issued_on)
      push(
        issued(p.notice_letter_id, p.notice_issued_on),
        'Restriction letter issued: the restrictions are in force from their start date (F9)',
        [p.notice_letter_id && `Letter ${ref(p.notice_letter_id)}.`],
      )
  }

  for (const v of file.reviews)
    push(
      at(v.reviewed_at),
      `Review by ${file.staffName(v.reviewed_by)}: restriction ${reviewOutcomes[v.outcome]} (F7)`,
      [
        wording.get(v.restriction_id)?.typeName,
        `Reasons: ${v.reasons}`,
        v.next_review_on && `Next review by ${isoDay(v.next_review_on)}.`,
        `Letter ${ref(v.letter_id)}.`,
      ],
    )

  for (const c of file.challenges) {
    const about = c.warning_id
      ? 'the warning'
      : `a restriction (${wording.get(c.restriction_id ?? '')?.typeName ?? ''})`
    push(on(c.received_on), `Challenge to ${about} received (F10)`, [
      `Grounds: ${c.grounds}`,
      `Respond by ${isoDay(c.respond_by)}${c.in_time ? '.' : '. Received after the 10 working days.'}`,
      `Recorded by ${file.staffName(c.recorded_by)}.`,
    ])
    if (c.outcome && c.decided_at)
      push(at(c.decided_at), `Challenge ${challengeOutcomes[c.outcome]} by ${file.staffName(c.decided_by)} (F10)`, [
        `Reasons: ${c.reasons ?? ''}`,
        c.letter_id && `Letter ${ref(c.letter_id)}.`,
      ])
  }

  for (const l of file.letters)
    push(at(l.issued_at), `${letterTypeName(l.type)} ${l.reference} issued by ${file.staffName(l.issued_by)}`, [
      l.corrects && `Corrects letter ${ref(l.corrects)}.`,
      l.large_print ? 'Sent in large print.' : '',
      `SHA-256: ${l.sha256}`,
    ])

  if (k.closed_at)
    push(at(k.closed_at), `Case closed by ${closedByName}`, [
      `Reason: ${k.closed_reason ?? ''}`,
      'The history stays on record so that a new decision can be taken quickly if the behaviour resumes (F12).',
    ])

  return entries.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
}
