import type { Db } from '../../db/database.ts'
import { addDays } from '../../domain/working-days.ts'
import { longDate } from '../../domain/letter-wording.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { issueLetter } from '../letters/letters.service.ts'
import { endOfRestrictionLetter } from '../letters/procedure-letters.ts'
import type { ProcedureContext } from '../cases/context.ts'

// F8, F9 (issue 11): an interim restriction that both decision-makers have not ratified by its ratify-by date lapses
// (the status is derived: src/domain/restrictions.ts). The person is still written to, automatically: the daily job
// issues the end letter for every lapsed interim restriction that has none yet, once.

const system: Actor = { id: null, label: 'Fair Contact' }

/** F8: interim restrictions past their ratify-by date, still awaiting a decision, with no end letter yet. */
export async function lapsedInterimsToWrite(db: Db, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('proposal')
    .select('id')
    .where('interim_imposed_on', 'is not', null)
    .where('status', '=', 'awaiting_decision')
    .where('ratify_by', '<', today)
    .where('interim_end_letter_id', 'is', null)
    .orderBy('ratify_by')
    .execute()
  return rows.map((r) => r.id)
}

/**
 * F8, F9: write to the person for each lapsed interim restriction, each in its own transaction. The proposal row is
 * locked and re-checked first, and the letter's id is recorded only where none is yet, so two instances running at
 * once (or the job run twice) issue one letter. Returns the letters issued.
 */
export async function writeLapsedInterims(
  db: Db,
  ctx: ProcedureContext,
): Promise<{ proposalId: string; letterId: string }[]> {
  const written: { proposalId: string; letterId: string }[] = []
  const failed: { proposalId: string; error: unknown }[] = []
  for (const proposalId of await lapsedInterimsToWrite(db, ctx.today)) {
    const letterId = await writeOne(db, ctx, proposalId).catch((error: unknown) => {
      // One letter that cannot be issued (e.g. no address recorded) does not hold up the others; it stays due.
      failed.push({ proposalId, error })
      return null
    })
    if (letterId) written.push({ proposalId, letterId })
  }
  if (failed.length) {
    throw new AggregateError(
      failed.map((f) => f.error),
      `end letters not issued for lapsed interim restrictions: ${failed.map((f) => f.proposalId).join(', ')}`,
    )
  }
  return written
}

async function writeOne(db: Db, ctx: ProcedureContext, proposalId: string): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const proposal = await trx
      .selectFrom('proposal')
      .selectAll()
      .where('id', '=', proposalId)
      .where('interim_imposed_on', 'is not', null)
      .where('status', '=', 'awaiting_decision')
      .where('ratify_by', '<', ctx.today)
      .where('interim_end_letter_id', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    // Another instance wrote it, or a decision was recorded, while we were looking.
    if (!proposal?.ratify_by || !proposal.interim_imposed_by) return null
    const ratifyBy = proposal.ratify_by
    // F8, F4: the interim's imposer is a decision-maker; the letter goes out in their name, as the interim letter did.
    const signatory = { id: proposal.interim_imposed_by }
    const content = await endOfRestrictionLetter(trx, ctx, {
      caseId: proposal.case_id,
      personId: proposal.person_id,
      proposalId,
      signatory,
      reason: 'not_ratified',
      endedOn: ratifyBy,
      reasons: `The two senior officers did not both confirm the limits by ${longDate(ratifyBy)}, the last day for them to do so.`,
    })
    // `letter.issued_by` names a member of staff: the signatory; the audit entries below say the service issued it.
    const letter = await issueLetter(
      trx,
      { id: signatory.id, label: 'Fair Contact' },
      { caseId: proposal.case_id, personId: proposal.person_id, content },
      ctx.now,
    )
    const updated = await trx
      .updateTable('proposal')
      .set({ interim_end_letter_id: letter.id })
      .where('id', '=', proposalId)
      .where('interim_end_letter_id', 'is', null)
      .executeTakeFirst()
    // The last line: never two end letters for one interim restriction (the transaction rolls back).
    if (updated.numUpdatedRows !== 1n) throw new Error(`interim end letter already issued for proposal ${proposalId}`)
    await appendAuditEntry(trx, system, {
      action: 'restriction.interim_lapsed',
      objectType: 'proposal',
      objectId: proposalId,
      reason: 'Not ratified by both decision-makers by the ratify-by date (F8)',
      before: { status: proposal.status, ratifyBy },
      after: { letterId: letter.id, endedOn: ratifyBy, outOfForceFrom: addDays(ratifyBy, 1) },
    })
    return letter.id
  })
}
