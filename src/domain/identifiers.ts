import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

// How people are identified when they get in touch: phone numbers, email addresses, postcodes and names are
// normalised the same way when stored and when searched, so `07700 900123` finds `+44 7700 900123`.

/** E.164 with a UK default (`07700 900123`, `+44 7700 900123` and `(07700) 900-123` are one number), or null. */
export function normalisePhone(input: string): string | null {
  const trimmed = input.trim()
  if (!/^[+\d\s().-]{6,30}$/.test(trimmed) || (trimmed.match(/\d/g) ?? []).length < 6) return null
  const parsed = parsePhoneNumberFromString(trimmed, 'GB')
  if (!parsed) return null
  return parsed.isValid() || OFCOM_DRAMA_RANGES.test(parsed.number) ? parsed.number : null
}

// Ofcom keeps these UK ranges unallocated for drama, demos and training; libphonenumber (rightly) calls them invalid,
// but a council's training data and our examples use them.
const OFCOM_DRAMA_RANGES =
  /^\+44(7700900\d{3}|1632960\d{3}|20794600\d{2}|1134960\d{3}|1174960\d{3}|1314960\d{3}|1514960\d{3}|1614960\d{3}|1914980\d{3}|2890180\d{3}|2920180\d{3})$/

/** A phone number as UK staff read it: national format for UK numbers, international otherwise. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return e164
  return parsed.countryCallingCode === '44' ? parsed.formatNational() : parsed.formatInternational()
}

export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase()
}

// The shape of a UK postcode (outward code, then a digit and two letters), tolerant of case and spacing.
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/

/** `nn1 2ab` -> `NN1 2AB`; null when it is not shaped like a UK postcode. */
export function normalisePostcode(input: string): string | null {
  const match = input.trim().toUpperCase().replace(/\s+/g, ' ').match(POSTCODE)
  return match ? `${match[1]} ${match[2]}` : null
}

/** Lower case, accents and punctuation dropped, spaces collapsed: what name matching compares. */
export function nameKey(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export type SearchKind = 'email' | 'phone' | 'postcode' | 'reference' | 'name'

export interface SearchTerm {
  kind: SearchKind
  /** The value in the form it is stored in. */
  value: string
}

const REFERENCE = /^[A-Z]{2,4}-?\d{2,4}-?\d{3,8}$/i

/**
 * What a search box entry most likely is. A name is always searched too, so a misread guess costs nothing: this
 * only adds an exact lookup on the identifier.
 */
export function classifySearch(input: string): SearchTerm[] {
  const q = input.trim()
  const terms: SearchTerm[] = []
  if (q.includes('@')) terms.push({ kind: 'email', value: normaliseEmail(q) })
  const phone = normalisePhone(q)
  if (phone) terms.push({ kind: 'phone', value: phone })
  const postcode = normalisePostcode(q)
  if (postcode) terms.push({ kind: 'postcode', value: postcode })
  if (REFERENCE.test(q)) terms.push({ kind: 'reference', value: q.toUpperCase() })
  const key = nameKey(q)
  if (key.length >= 2 && !phone && !q.includes('@')) terms.push({ kind: 'name', value: key })
  return terms
}
