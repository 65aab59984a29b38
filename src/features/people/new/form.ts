import { fieldMessages, errorsInOrder, type FormErrors } from '../../../web/forms.ts'
import { newPerson, type NewPerson } from '../schema.ts'

// The add-a-person form: free text lines for several emails, phones and other names, one address, and the date of
// birth as the GOV.UK date input. It maps onto the same `newPerson` schema the API validates with.

const lines = (value: unknown) =>
  String(value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

const str = (value: unknown) => (typeof value === 'string' ? value : '')

export function parsePersonForm(
  body: Record<string, unknown>,
): { ok: true; value: NewPerson } | { ok: false; errors: FormErrors } {
  const messages: Record<string, string> = {}
  const address = {
    line1: str(body.line1).trim(),
    line2: str(body.line2).trim(),
    town: str(body.town).trim(),
    postcode: str(body.postcode).trim(),
  }
  const hasAddress = Object.values(address).some(Boolean)
  const [day, month, year] = [str(body['dob-day']).trim(), str(body['dob-month']).trim(), str(body['dob-year']).trim()]
  let dateOfBirth: string | undefined
  if (day || month || year) {
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
      messages.dob = 'Date of birth must be a real date, like 27 3 1980'
    } else {
      dateOfBirth = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
    }
  }
  const input = {
    fullName: str(body.fullName),
    aliases: lines(body.aliases),
    emails: lines(body.emails),
    phones: lines(body.phones),
    addresses: hasAddress
      ? [
          {
            line1: address.line1,
            ...(address.line2 && { line2: address.line2 }),
            ...(address.town && { town: address.town }),
            postcode: address.postcode,
          },
        ]
      : [],
    ...(dateOfBirth && { dateOfBirth }),
    isCouncillor: body.isCouncillor === 'yes',
  }
  const parsed = newPerson.safeParse(input)
  if (parsed.success && Object.keys(messages).length === 0) return { ok: true, value: parsed.data }
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldMessages(parsed.error))) {
      const [field, index, sub] = path.split('.')
      const line = index !== undefined && sub === undefined ? `Line ${Number(index) + 1}: ` : ''
      const target = field === 'addresses' ? (sub ?? 'line1') : field === 'dateOfBirth' ? 'dob' : (field ?? 'form')
      messages[target] ??= `${line}${message}`
    }
  }
  return { ok: false, errors: errorsInOrder(messages) }
}
