// Importing a CRM export (issue 3): what each kind of file fills, field by field, and the column names CRM exports
// use for each field. Pure data.
import { channelNames } from './contacts.ts'
import { matterTypeNames } from './matters.ts'

export const importKinds = ['people', 'matters', 'contacts'] as const
export type ImportKind = (typeof importKinds)[number]

export const importKindNames: Record<ImportKind, { name: string; description: string }> = {
  people: { name: 'People', description: 'Members of the public, with their identifiers and the CRM’s own reference' },
  matters: {
    name: 'Matters',
    description: 'Complaints, FOI and EIR requests, subject access requests, service requests and enquiries',
  },
  contacts: { name: 'Contacts', description: 'Calls, emails, letters, visits and messages, with the staff time spent' },
}

export interface TargetField {
  key: string
  label: string
  required: boolean
  hint?: string
  /** Values every row can be given when the file has no column for this field (e.g. every row is inbound). */
  fixedValues?: readonly { value: string; text: string }[]
  /** Column names that mean this field, as CRM exports write them. Matched ignoring case, spaces and punctuation. */
  synonyms: readonly string[]
}

/** The values a field can be fixed to, with the names staff know them by (`{ phone: 'Phone' }`). */
const fixedValuesOf = (names: Record<string, string>) => Object.entries(names).map(([value, text]) => ({ value, text }))

const DATE_HINT = 'UK dates (31/01/2026) or ISO 8601 (2026-01-31); times are UK time unless an offset is given'

// Names CRMs give a person's reference and a matter's, used by more than one field (in the order they are tried).
const customerReferenceNames = ['customer id', 'customer ref', 'customer reference', 'customer number', 'contact id']
const matterReferenceNames = [
  'matter reference',
  'case id',
  'case ref',
  'case reference',
  'case number',
  'complaint id',
  'complaint ref',
  'complaint reference',
]

/** Which person a matter or a contact is of: matters and contacts files both name the person this way. */
const personRef: TargetField = {
  key: 'personRef',
  label: 'Person’s external reference',
  required: true,
  hint: 'The external reference the person was imported with',
  synonyms: [
    'person ref',
    'person id',
    'person external ref',
    ...customerReferenceNames,
    'client id',
    'crm id',
    'customer',
  ],
}

export const targetFields: Record<ImportKind, readonly TargetField[]> = {
  people: [
    {
      key: 'externalRef',
      label: 'External reference',
      required: false,
      hint: 'The CRM’s own identifier for the person: matters and contacts files use it to say whose they are',
      synonyms: [
        'external ref',
        'external reference',
        'external id',
        'crm id',
        'crm ref',
        ...customerReferenceNames,
        'person id',
        'person ref',
        'client id',
        'urn',
        'id',
        'ref',
        'reference',
      ],
    },
    {
      key: 'fullName',
      label: 'Full name',
      required: true,
      hint: 'Or map the first name and last name below',
      synonyms: ['full name', 'name', 'customer name', 'contact name', 'person name', 'display name', 'fullname'],
    },
    {
      key: 'firstName',
      label: 'First name',
      required: false,
      synonyms: ['first name', 'forename', 'forenames', 'given name'],
    },
    { key: 'lastName', label: 'Last name', required: false, synonyms: ['last name', 'surname', 'family name'] },
    {
      key: 'alias',
      label: 'Other name',
      required: false,
      hint: 'An alias or previous name',
      synonyms: ['alias', 'other name', 'also known as', 'aka', 'known as', 'previous name', 'maiden name'],
    },
    {
      key: 'email',
      label: 'Email address',
      required: false,
      synonyms: ['email', 'email address', 'e-mail', 'e-mail address', 'emailaddress1'],
    },
    {
      key: 'phone',
      label: 'Phone number',
      required: false,
      synonyms: [
        'phone',
        'phone number',
        'telephone',
        'telephone number',
        'tel',
        'mobile',
        'mobile number',
        'telephone1',
      ],
    },
    {
      key: 'line1',
      label: 'Address line 1',
      required: false,
      hint: 'An address needs its first line and its postcode',
      synonyms: ['address line 1', 'address 1', 'line 1', 'address', 'street', 'address1 line1'],
    },
    {
      key: 'line2',
      label: 'Address line 2',
      required: false,
      synonyms: ['address line 2', 'address 2', 'line 2', 'address1 line2'],
    },
    {
      key: 'town',
      label: 'Town',
      required: false,
      synonyms: ['town', 'city', 'town or city', 'post town', 'locality', 'address1 city'],
    },
    {
      key: 'postcode',
      label: 'Postcode',
      required: false,
      synonyms: ['postcode', 'post code', 'postal code', 'zip', 'zip code', 'address1 postalcode'],
    },
    {
      key: 'dateOfBirth',
      label: 'Date of birth',
      required: false,
      hint: 'UK dates (27/03/1961) or ISO 8601 (1961-03-27)',
      synonyms: ['date of birth', 'dob', 'birth date', 'birthdate', 'born'],
    },
  ],
  matters: [
    {
      key: 'externalRef',
      label: 'External reference',
      required: false,
      hint: 'The CRM’s own reference for the matter: a contacts file uses it to say which matter a contact was about',
      synonyms: [
        'external ref',
        'external reference',
        'matter id',
        'matter ref',
        ...matterReferenceNames,
        'ticket id',
        'reference',
        'ref',
        'id',
      ],
    },
    personRef,
    {
      key: 'type',
      label: 'Type',
      required: true,
      hint: 'Complaint, FOI, EIR, SAR, service request or enquiry',
      fixedValues: fixedValuesOf(matterTypeNames),
      synonyms: ['type', 'matter type', 'case type', 'category'],
    },
    {
      key: 'subject',
      label: 'Subject',
      required: true,
      synonyms: ['subject', 'title', 'summary', 'about', 'matter subject', 'description', 'details'],
    },
    {
      key: 'service',
      label: 'Service',
      required: true,
      synonyms: ['service', 'service area', 'department', 'directorate', 'team'],
    },
    {
      key: 'status',
      label: 'Status',
      required: false,
      hint: 'Open or closed; a closed matter needs its closed date and outcome',
      fixedValues: fixedValuesOf({ open: 'Open', closed: 'Closed' }),
      synonyms: ['status', 'state', 'matter status', 'case status'],
    },
    {
      key: 'openedAt',
      label: 'Date opened',
      required: false,
      hint: `${DATE_HINT}. Today when not given`,
      synonyms: [
        'opened',
        'opened on',
        'date opened',
        'opened date',
        'date received',
        'received',
        'created',
        'created on',
        'start date',
      ],
    },
    {
      key: 'closedAt',
      label: 'Date closed',
      required: false,
      hint: DATE_HINT,
      synonyms: ['closed', 'closed on', 'date closed', 'closed date', 'resolved on', 'end date'],
    },
    {
      key: 'outcome',
      label: 'Outcome',
      required: false,
      hint: 'Upheld, partly upheld, not upheld (complaints), resolved or withdrawn',
      synonyms: ['outcome', 'result', 'resolution', 'decision'],
    },
    {
      key: 'processExhausted',
      label: 'Complaints process exhausted',
      required: false,
      hint: 'Yes or no (F11: only a closed complaint)',
      synonyms: ['process exhausted', 'complaints process exhausted', 'exhausted'],
    },
    {
      key: 'complaintStage',
      label: 'Complaint stage',
      required: false,
      hint: 'Stage 1, stage 2 or ombudsman, for open complaints. Stage 1 when not given',
      synonyms: ['stage', 'complaint stage'],
    },
  ],
  contacts: [
    personRef,
    {
      key: 'matterRef',
      label: 'Matter’s external reference',
      required: false,
      hint: 'The external reference the matter was imported with; it must be one of the person’s matters',
      synonyms: ['matter ref', 'matter id', ...matterReferenceNames],
    },
    {
      key: 'channel',
      label: 'Channel',
      required: true,
      hint: 'Phone, email, letter, in person, web or social media',
      fixedValues: fixedValuesOf(channelNames),
      synonyms: ['channel', 'contact channel', 'method', 'contact method', 'medium', 'via', 'contact type'],
    },
    {
      key: 'direction',
      label: 'Direction',
      required: true,
      hint: 'Inbound (from the person) or outbound (from the council)',
      fixedValues: fixedValuesOf({ inbound: 'Inbound', outbound: 'Outbound' }),
      synonyms: ['direction', 'in or out', 'inbound or outbound', 'in out'],
    },
    {
      key: 'at',
      label: 'Date and time',
      required: true,
      hint: 'UK 31/01/2026 14:05 or ISO 8601 (2026-01-31T14:05:00Z); UK time unless an offset is given',
      synonyms: [
        'date and time',
        'date time',
        'datetime',
        'date',
        'when',
        'at',
        'timestamp',
        'contact date',
        'created on',
        'created',
        'received',
      ],
    },
    {
      key: 'summary',
      label: 'Summary',
      required: true,
      synonyms: ['summary', 'notes', 'note', 'details', 'description', 'subject', 'comments', 'body', 'text'],
    },
    {
      key: 'minutes',
      label: 'Minutes of staff time',
      required: false,
      hint: 'A whole number from 0 to 1440',
      synonyms: ['minutes', 'minutes spent', 'mins', 'duration', 'duration minutes', 'time spent', 'staff time'],
    },
    {
      key: 'staffEmail',
      label: 'Staff member’s email',
      required: false,
      hint: 'The email address of a staff user of Fair Contact who dealt with it',
      synonyms: ['staff email', 'officer email', 'owner email', 'user email', 'agent email', 'handled by email'],
    },
  ],
}
