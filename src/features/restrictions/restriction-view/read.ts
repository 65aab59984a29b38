import type { Executor } from '../../../db/database.ts'
import { describeRestriction } from '../../../domain/letters.ts'
import { necessaryContact, servicesTold, staffResponse } from '../../../domain/restriction-wording.ts'
import {
  describeScope,
  restrictionStatus,
  restrictionTypeNames,
  type RestrictionStatus,
} from '../../../domain/restrictions.ts'
import { restrictionNames } from '../restriction-names.ts'
import { restrictionQuery, toRestriction, type RestrictionRow } from '../restrictions.repository.ts'

// Reads shared by the review, reviews-due, register and challenge pages (F7, F10, K2).

export interface CurrentRestriction extends RestrictionRow {
  status: RestrictionStatus
  personName: string
  caseReference: string
  /** When the person was told (F9), or when an interim restriction was imposed (F8). */
  toldOn: string | null
  typeName: string
  plain: string
  scopeText: string
  servicesTold: string
  necessaryContact: string
  staffResponse: string
}

/**
 * Every restriction that is in force today or approved and still to come (K2, F7), with its person and case, in one
 * query; the status is derived (F7, F9), never stored. Ordered by review date.
 */
export async function currentRestrictions(db: Executor, today: string): Promise<CurrentRestriction[]> {
  const rows = await restrictionQuery(db)
    .innerJoin('person as pe', 'pe.id', 'r.person_id')
    .innerJoin('procedure_case as c', 'c.id', 'r.case_id')
    .select(['pe.full_name as person_name', 'c.reference as case_reference'])
    .where('p.status', '!=', 'rejected')
    .where('r.ends_on', '>=', today)
    .where((eb) => eb.or([eb('r.lifted_on', 'is', null), eb('r.lifted_on', '>', today)]))
    .orderBy('r.review_on')
    .orderBy('pe.full_name')
    .orderBy('r.id')
    .execute()
  const restrictions = rows
    .map((row) => ({
      row: toRestriction(row as Parameters<typeof toRestriction>[0]),
      personName: row.person_name,
      caseReference: row.case_reference,
    }))
    .map((r) => ({ ...r, status: restrictionStatus(r.row.state, today) }))
    .filter((r) => r.status === 'active' || r.status === 'approved')
  const wording = await restrictionNames(
    db,
    restrictions.map((r) => r.row),
  )
  return restrictions.map((r, i) => {
    const words = wording[i] ?? r.row.spec
    const toldOn = r.row.proposal.noticeIssuedOn ?? r.row.proposal.interimImposedOn
    const scopeText = describeScope(r.row.spec.scope)
    return {
      ...r.row,
      status: r.status,
      personName: r.personName,
      caseReference: r.caseReference,
      toldOn,
      typeName: restrictionTypeNames[r.row.spec.type],
      plain: describeRestriction(words),
      scopeText,
      servicesTold: servicesTold(scopeText, toldOn),
      necessaryContact: necessaryContact(words),
      staffResponse: staffResponse(words),
    }
  })
}
