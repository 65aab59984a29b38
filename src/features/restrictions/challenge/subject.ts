import type { Executor } from '../../../db/database.ts'
import { describeRestriction, longDate } from '../../../domain/letters.ts'
import { describeScope, restrictionTypeNames } from '../../../domain/restrictions.ts'
import { restrictionNames } from '../restriction-names.ts'
import { findRestriction } from '../restrictions.repository.ts'
import { caseReference, findWarningWithPerson } from '../../cases/cases.repository.ts'
import { personName } from '../../people/people.repository.ts'

// What a challenge is about (F10): a restriction, or a warning (on its facts), with its person, case and letter date.

export type Target = { restrictionId: string } | { warningId: string }

export interface Subject {
  kind: 'restriction' | 'warning'
  caseId: string
  caseReference: string
  person: { id: string; fullName: string }
  /** The date of the letter being challenged (F9, F3); null when the person has not been written to. */
  issuedOn: string | null
  rows: { key: { text: string }; value: { text: string } }[]
}

export async function subjectOf(db: Executor, target: Target): Promise<Subject | undefined> {
  let caseId: string
  let personId: string
  let issuedOn: string | null
  let rows: Subject['rows']
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } })
  if ('restrictionId' in target) {
    const restriction = await findRestriction(db, target.restrictionId)
    if (!restriction) return undefined
    const [wording] = await restrictionNames(db, [restriction])
    caseId = restriction.caseId
    personId = restriction.personId
    issuedOn = restriction.proposal.noticeIssuedOn ?? restriction.proposal.interimImposedOn
    rows = [
      row('Restriction', restrictionTypeNames[restriction.spec.type]),
      row('What it says', describeRestriction(wording ?? restriction.spec)),
      row('Applies to', describeScope(restriction.spec.scope)),
    ]
  } else {
    const warning = await findWarningWithPerson(db, target.warningId)
    if (!warning) return undefined
    caseId = warning.case_id
    personId = warning.person_id
    issuedOn = warning.issued_on
    rows = [
      row('Warning', 'A written warning (F3): it can be challenged on its facts'),
      row('Behaviour', warning.behaviour),
    ]
    if (warning.withdrawn_on) rows.push(row('Withdrawn', longDate(warning.withdrawn_on)))
  }
  const [kase, person] = await Promise.all([caseReference(db, caseId), personName(db, personId)])
  return {
    kind: 'restrictionId' in target ? 'restriction' : 'warning',
    caseId,
    caseReference: kase.reference,
    person: { id: person.id, fullName: person.full_name },
    issuedOn,
    rows,
  }
}
