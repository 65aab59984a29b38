import { classifySearch, normalisePostcode } from '../../../domain/identifiers.ts'
import { contactCheckBody, type ContactCheckBody } from '../schema.ts'

// What the check page's form (or a telephony screen-pop URL such as /check?q=07700900456&channel=phone) asks, turned
// into the body the contact check takes. One search box takes whatever the officer has; classifySearch says what it is.

export interface CheckQuery {
  q: string
  postcode: string
  channel: string
  service: string
  matterId: string
  /** A person chosen from the candidates, or the person already identified: it holds only while `q` is unchanged. */
  personId: string
  personFor: string
  summary: string
  done: string
  /** S2, S3: what the contact is about, when it belongs to another process ('' for anything else). */
  regarding: string
  /** K1, V3: why a redirected attempt is not recorded. */
  notRecordedReason: string
}

const fields = [
  'q',
  'postcode',
  'channel',
  'service',
  'matterId',
  'personId',
  'personFor',
  'summary',
  'done',
  'regarding',
  'notRecordedReason',
] as const
const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

export function readQuery(raw: unknown): CheckQuery {
  const source = (raw ?? {}) as Record<string, unknown>
  const query = Object.fromEntries(fields.map((f) => [f, str(source[f])])) as unknown as CheckQuery
  // A screen-pop may send the field names of the API; the page's are accepted too.
  query.q ||= str(source.phone) || str(source.email) || str(source.reference) || str(source.name)
  query.channel ||= 'phone'
  return query
}

/** The same check again, as a URL: for the candidates' links and for the page after recording. */
export function checkUrl(query: Partial<CheckQuery>): string {
  const params = Object.entries(query).filter(([, v]) => v) as [string, string][]
  return `/check?${new URLSearchParams(params)}`
}

const asked = (q: CheckQuery) => q.q !== '' || q.personId !== ''
export const hasQuestion = asked

// "Gary Hollis NN1 1AA": a name followed by a postcode.
const TRAILING_POSTCODE = /^(.*\S)\s+([A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2})$/

/** Who the officer means, as the contact check's identifiers; or why we cannot tell (against the search box). */
function identifiers(q: CheckQuery): Partial<ContactCheckBody> | string {
  if (q.personId && q.personFor === q.q) return { personId: q.personId }
  if (!q.q) return 'Enter a phone number, email address, name or matter reference'
  let text = q.q
  let postcode = q.postcode
  const split = postcode ? null : TRAILING_POSTCODE.exec(text)
  if (split?.[1] && split[2] && normalisePostcode(split[2])) {
    text = split[1]
    postcode = split[2]
  }
  const terms = classifySearch(text)
  const has = (kind: string) => terms.some((t) => t.kind === kind)
  if (has('email')) return { email: text }
  if (has('phone')) return { phone: text }
  if (has('reference')) return { reference: text }
  if (has('postcode')) return 'A postcode alone is not enough: add the person’s name, for example Gary Hollis NN1 1AA'
  if (has('name')) return { name: text, ...(postcode && { postcode }) }
  return 'Enter a phone number, email address, name or matter reference'
}

// The check's field names, as the fields of this page.
const pageField: Record<string, string> = {
  personId: 'q',
  phone: 'q',
  email: 'q',
  name: 'q',
  reference: 'q',
  postcode: 'postcode',
  channel: 'channel',
  service: 'service',
  regarding: 'regarding',
  matterId: 'matterId',
  summary: 'summary',
}
export const toPageField = (field: string) => pageField[field] ?? 'q'

/** The contact check's body for this query, or the messages by page field. */
export function checkBodyOf(
  q: CheckQuery,
  record = false,
): { ok: true; body: ContactCheckBody } | { ok: false; fields: Record<string, string> } {
  const ids = identifiers(q)
  if (typeof ids === 'string') return { ok: false, fields: { q: ids } }
  // A matter chosen belongs to the person identified for this search; a new search starts without one.
  const samePerson = ids.personId !== undefined
  const parsed = contactCheckBody.safeParse({
    ...ids,
    channel: q.channel,
    ...(q.service && { service: q.service }),
    // "other" (the page's default choice) is anything this procedure deals with: no `regarding`.
    ...(q.regarding && q.regarding !== 'other' && { regarding: q.regarding }),
    ...(samePerson && q.matterId && { matterId: q.matterId }),
    ...(record && { record: true, ...(q.summary && { summary: q.summary }) }),
  })
  if (parsed.success) return { ok: true, body: parsed.data }
  const fields: Record<string, string> = {}
  for (const issue of parsed.error.issues) fields[toPageField(String(issue.path[0] ?? ''))] ??= issue.message
  if (fields.channel) fields.channel = 'Choose how they are contacting the council'
  return { ok: false, fields }
}
