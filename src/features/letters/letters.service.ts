import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database, Executor } from '../../db/database.ts'
import { checkLetter, letterText, type LetterContent } from '../../domain/letters.ts'
import { notFound, Refusal } from '../../domain/refusal.ts'
import { appendAuditEntry, type Actor } from '../../audit/audit.ts'
import { renderLetterDocx } from './render-docx.ts'
import { renderLetterPdf } from './render-pdf.ts'
import { letterRecipient, nextLetterReference } from './letters.repository.ts'
import { createDelivery, deliveryOf } from './delivery.ts'

type Trx = Transaction<Database>

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

/** The rule each letter type carries out, for refusals. */
const letterRules: Record<LetterContent['type'], string> = {
  warning: 'F3',
  restriction: 'F9',
  interim_restriction: 'F8',
  review_outcome: 'F7',
  challenge_outcome: 'F10',
  end_of_restriction: 'F9',
}

/** The settings that give a letter the council's own details (src/config.ts), by the problem checkLetter finds. */
const councilSettings: Partial<Record<string, string>> = {
  return_address: "the council's return address (an administrator sets it under Settings, or COUNCIL_ADDRESS)",
  contact_route: 'how people can contact the council (an administrator sets it under Settings, or COUNCIL_CONTACT)',
}

/** Set while a step runs only to show its letter: `issueLetter` stops there, and the step's transaction rolls back. */
const previewing = new AsyncLocalStorage<true>()

/** Thrown by `issueLetter` in a preview, carrying the letter the step would have issued. */
class LetterPreviewed extends Error {
  constructor(readonly content: LetterContent) {
    super('the letter was previewed, and nothing was stored')
  }
}

/**
 * F9: the letter a step would issue, exactly as it would be issued (the same code composes it from the same record),
 * without issuing it: the step runs in its transaction up to the letter, then everything it did is rolled back. The
 * letter's reference is given only when it is issued. A refusal of the step is thrown as it would be.
 */
export async function previewLetter(step: () => Promise<unknown>): Promise<LetterContent> {
  try {
    await previewing.run(true, step)
  } catch (error) {
    if (error instanceof LetterPreviewed) return error.content
    throw error
  }
  throw new Error('the step issued no letter to preview')
}

/**
 * Issues a letter (F9): checks it has every required section, renders the PDF and the Word file (standard and large
 * print), and stores content and files with their hashes. An issued letter is fixed (a database trigger refuses any
 * change); a correction is a new letter that names the one it corrects.
 */
export async function issueLetter(
  trx: Trx,
  actor: Actor & { id: string },
  letter: { caseId: string; personId: string; content: LetterContent; corrects?: string | null },
  now: Date,
): Promise<{ id: string; reference: string }> {
  const { content } = letter
  const problems = checkLetter(content)
  // F9: the council's own details come from settings; a letter is never issued with a placeholder for them.
  const unset = problems.flatMap((p) => councilSettings[p.key] ?? [])
  if (unset.length > 0) {
    const message = `${unset.join(' and ')} before letters can be issued`
    throw new Refusal(422, 'council_details_not_set', `Set ${message}`, {}, letterRules[content.type])
  }
  if (problems.length > 0) {
    const address = problems.some((p) => p.key === 'recipient_address')
    const message = address
      ? 'Record the person’s postal address or email address before a letter can be issued'
      : `The letter is missing: ${problems.map((p) => p.heading).join(', ')}`
    throw new Refusal(422, 'letter_incomplete', message, {}, letterRules[content.type])
  }
  if (previewing.getStore()) throw new LetterPreviewed(content)
  const files: { format: 'pdf' | 'docx'; large_print: boolean; bytes: Uint8Array; sha256: string }[] = []
  for (const largePrint of [false, true]) {
    const version = { ...content, largePrint }
    const [pdf, docx] = await Promise.all([renderLetterPdf(version), renderLetterDocx(version)])
    files.push({ format: 'pdf', large_print: largePrint, bytes: pdf, sha256: sha256(pdf) })
    files.push({ format: 'docx', large_print: largePrint, bytes: docx, sha256: sha256(docx) })
  }
  const reference = await nextLetterReference(trx, now.getUTCFullYear())
  const text = letterText(content)
  const hash = sha256([sha256(text), ...files.map((f) => f.sha256)].join('\n'))
  const { id } = await trx
    .insertInto('letter')
    .values({
      case_id: letter.caseId,
      person_id: letter.personId,
      type: content.type,
      reference,
      content: JSON.stringify(content),
      large_print: content.largePrint,
      sha256: hash,
      corrects: letter.corrects ?? null,
      issued_by: actor.id,
      issued_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('letter_file')
    .values(files.map((f) => ({ ...f, letter_id: id })))
    .execute()
  // F9 (issue 14): how it goes to the person, pending until the sending job (after this transaction) sends it.
  await createDelivery(trx, id, content, now)
  await appendAuditEntry(trx, actor, {
    action: 'letter.issued',
    objectType: 'letter',
    objectId: id,
    after: { type: content.type, reference, caseReference: content.reference, caseId: letter.caseId, sha256: hash },
  })
  return { id, reference }
}

export interface LetterView {
  id: string
  caseId: string
  personId: string
  type: LetterContent['type']
  reference: string
  content: LetterContent
  largePrint: boolean
  sha256: string
  corrects: string | null
  issuedAt: Date
  issuedBy: string
  issuedByName: string
}

export async function findLetter(db: Executor, id: string): Promise<LetterView | undefined> {
  const row = await db
    .selectFrom('letter as l')
    .innerJoin('staff_user as s', 's.id', 'l.issued_by')
    .select([
      'l.id',
      'l.case_id',
      'l.person_id',
      'l.type',
      'l.reference',
      'l.content',
      'l.large_print',
      'l.sha256',
      'l.corrects',
      'l.issued_at',
      'l.issued_by',
      's.name',
    ])
    .where('l.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    caseId: row.case_id,
    personId: row.person_id,
    type: row.type as LetterContent['type'],
    reference: row.reference,
    content: row.content as LetterContent,
    largePrint: row.large_print,
    sha256: row.sha256,
    corrects: row.corrects,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    issuedByName: row.name,
  }
}

export async function lettersOfCase(db: Executor, caseId: string) {
  return db
    .selectFrom('letter')
    .select(['id', 'type', 'reference', 'issued_at', 'large_print', 'corrects'])
    .where('case_id', '=', caseId)
    .orderBy('issued_at')
    .execute()
}

export async function letterFile(db: Executor, id: string, format: 'pdf' | 'docx', largePrint: boolean) {
  const file = await db
    .selectFrom('letter_file')
    .select(['bytes', 'sha256'])
    .where('letter_id', '=', id)
    .where('format', '=', format)
    .where('large_print', '=', largePrint)
    .executeTakeFirst()
  if (!file) throw notFound('Letter')
  return file
}

export interface LetterCorrection {
  reason: string
  /** The sections to change, by key: their new paragraphs (bullets stay unless given). */
  sections: { key: string; paragraphs: string[]; bullets?: string[] | undefined }[]
  largePrint?: boolean | undefined
}

/**
 * An issued letter is fixed; a correction is a new letter that names the one it corrects (letters guidance). It keeps
 * the original's type, recipient and signatories, dated today, with the sections staff corrected; it is checked for its
 * required sections like any letter, and issued with its own files and hash.
 */
export async function correctLetter(
  trx: Trx,
  actor: Actor & { id: string },
  letterId: string,
  correction: LetterCorrection,
  today: string,
  now: Date,
): Promise<{ id: string; reference: string }> {
  const original = await findLetter(trx, letterId)
  if (!original) throw notFound('Letter')
  const keys = new Set(original.content.sections.map((s) => s.key))
  const unknown = correction.sections.filter((s) => !keys.has(s.key))
  if (unknown.length > 0) {
    const message = `This letter has no section ${unknown.map((s) => s.key).join(', ')}`
    throw new Refusal(422, 'unknown_section', message, { sections: message })
  }
  const sections = original.content.sections.map((section) => {
    const edit = correction.sections.find((s) => s.key === section.key)
    if (!edit) return section
    const paragraphs = edit.paragraphs.map((p) => p.trim()).filter(Boolean)
    const bullets = (edit.bullets ?? section.bullets ?? []).map((b) => b.trim()).filter(Boolean)
    return { ...section, paragraphs, ...(bullets.length ? { bullets } : { bullets: [] }) }
  })
  const unchanged = JSON.stringify(sections) === JSON.stringify(original.content.sections)
  if (unchanged && (correction.largePrint === undefined || correction.largePrint === original.largePrint)) {
    const message = 'Change at least one section: the corrected letter would be the same as the original'
    throw new Refusal(422, 'nothing_corrected', message, { sections: message })
  }
  // F9 (issue 14): a letter that did not reach the person is written again to them as the record now has them (an
  // address corrected since, or an email address), not to the address it was returned from.
  const delivery = await deliveryOf(trx, original.id)
  const undelivered = delivery?.status === 'returned' || delivery?.status === 'failed'
  const content = {
    ...original.content,
    ...(undelivered && { recipient: await letterRecipient(trx, original.personId) }),
    date: today,
    sections,
    largePrint: correction.largePrint ?? original.largePrint,
  }
  const issued = await issueLetter(
    trx,
    actor,
    { caseId: original.caseId, personId: original.personId, content, corrects: original.id },
    now,
  )
  await appendAuditEntry(trx, actor, {
    action: 'letter.corrected',
    objectType: 'letter',
    objectId: original.id,
    reason: correction.reason,
    after: { correctedBy: issued.id, reference: issued.reference, sections: correction.sections.map((s) => s.key) },
  })
  return issued
}
