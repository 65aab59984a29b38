import type { ContactCheckAnswer } from './contact-check.service.ts'

const verdictWords: Record<ContactCheckAnswer['verdict'], string> = {
  proceed: 'PROCEED',
  proceed_with_conditions: 'PROCEED WITH CONDITIONS',
  redirect: 'REDIRECT',
  read_and_file: 'READ AND FILE',
  not_this_procedure: 'NOT THIS PROCEDURE',
}

/** The contact check's answer as plain text (the CLI): the verdict first, then what to say and why. */
export function describeAnswer(answer: ContactCheckAnswer): string {
  const lines = [verdictWords[answer.verdict]]
  // F6: no service given, a restriction for some service: the question first, then what applies to each.
  if (answer.serviceNeeded) {
    lines.push('ASK WHICH SERVICE THIS IS ABOUT FIRST')
    for (const s of answer.byService ?? []) lines.push(`  about ${s.service}: ${verdictWords[s.verdict]}`)
    if (answer.otherServicesVerdict) lines.push(`  about anything else: ${verdictWords[answer.otherServicesVerdict]}`)
  }
  if (answer.identityUncertain) lines.push('NOT SURE WHO THIS IS: the verdict is the most restrictive of the matches')
  lines.push(answer.person ? `Person: ${answer.person.fullName} (${answer.identification})` : answer.identification)
  for (const c of answer.candidates) {
    const apart = [
      c.postcodeArea,
      c.birthYear && `born ${c.birthYear}`,
      c.lastContactOn && `last contact ${c.lastContactOn}`,
    ]
      .filter(Boolean)
      .join(', ')
    lines.push(`  possible match: ${c.fullName} (${c.matchedOn}${apart ? `; ${apart}` : ''}) ${c.id}`)
  }
  for (const m of answer.safetyMarkers) lines.push(`SAFETY MARKER: ${m.precautions}`)
  lines.push('', `Say: ${answer.script}`)
  if (answer.conditions.length) lines.push('', 'Conditions:', ...answer.conditions.map((c) => `  - ${c}`))
  if (answer.howToContact.length)
    lines.push('', 'How they may contact us:', ...answer.howToContact.map((c) => `  - ${c}`))
  if (answer.nextWindow) {
    const w = answer.nextWindow
    lines.push('', `Next permitted call time: ${w.date} ${w.from}–${w.to}${w.bankHoliday ? ` (${w.bankHoliday})` : ''}`)
  }
  lines.push('', 'Why:', ...answer.reasons.map((r) => `  [${r.rule}] ${r.text}`))
  return `${lines.join('\n')}\n`
}
