import assert from 'node:assert/strict'
import { test } from 'node:test'
import { guessMapping } from '../../domain/import.ts'
import { parseCsv } from './csv.ts'
import { planImport, type Lookup } from './plan.ts'

const now = new Date('2026-11-29T12:00:00Z')

function fakeLookup(record: {
  people?: Record<string, string>
  matters?: Record<string, { id: string; personId: string }>
  staff?: Record<string, string>
}) {
  const asked: string[][] = []
  const pick = <T>(entries: Record<string, T> | undefined, keys: string[]) =>
    new Map(Object.entries(entries ?? {}).filter(([k]) => keys.includes(k)))
  const lookup: Lookup = {
    people: async (refs) => {
      asked.push(refs)
      return pick(record.people, refs)
    },
    matters: async (refs) => pick(record.matters, refs),
    staff: async (emails) => pick(record.staff, emails),
  }
  return { lookup, asked }
}

async function plan(kind: 'people' | 'matters' | 'contacts', csv: string, lookup: Lookup) {
  const parsed = await parseCsv(csv)
  assert.ok(parsed.ok)
  return planImport(kind, parsed, guessMapping(kind, parsed.header), now, lookup)
}

test('people: every row sharing an external reference is rejected, and so is one already on the record', async () => {
  const { lookup, asked } = fakeLookup({ people: { 'C-9': 'id-9' } })
  const result = await plan('people', 'Ref,Name\nC-1,Ann\nC-2,Bob\nC-2,Bobby\nC-9,Already\n,No ref\n', lookup)
  assert.deepEqual(
    result.valid.map((v) => v.row),
    [2, 6],
  )
  assert.deepEqual(result.rejected, [
    { row: 3, reasons: ['External reference: “C-2” is also on row 4. Each person needs their own'] },
    { row: 4, reasons: ['External reference: “C-2” is also on row 3. Each person needs their own'] },
    { row: 5, reasons: ['External reference: a person with “C-9” is already on the record'] },
  ])
  assert.deepEqual(asked, [['C-1', 'C-2', 'C-9']], 'one lookup for the whole file, each reference once')
})

test('a row with more or fewer values than the header is rejected: an unquoted comma would shift every value', async () => {
  const { lookup } = fakeLookup({})
  const result = await plan('people', 'Ref,Name,Email\nC-1,Smith, Jane,jane@example.org\nC-2,Bob\n', lookup)
  assert.equal(result.valid.length, 0)
  assert.deepEqual(
    result.rejected.map((r) => r.reasons[0]),
    [
      'The row has 4 values but the header names 3 columns: check for a comma that is not inside quotes',
      'The row has 2 values but the header names 3 columns: check for a comma that is not inside quotes',
    ],
  )
})

test('matters: the person must be on the record', async () => {
  const { lookup } = fakeLookup({ people: { 'P-1': 'person-1' } })
  const result = await plan(
    'matters',
    'Case Ref,Customer ID,Type,Subject,Service\nM-1,P-1,Enquiry,Bins,Waste\nM-2,P-2,Enquiry,Bins,Waste\n',
    lookup,
  )
  assert.equal(result.kind, 'matters')
  assert.deepEqual(
    result.valid.map((v) => [v.row, v.value.personId]),
    [[2, 'person-1']],
  )
  assert.deepEqual(result.rejected, [
    { row: 3, reasons: ['Person’s external reference: no person on the record has “P-2”'] },
  ])
})

test('contacts: the matter must be the person’s own; the staff member must be a staff user', async () => {
  const { lookup } = fakeLookup({
    people: { 'P-1': 'person-1', 'P-2': 'person-2' },
    matters: { 'M-1': { id: 'matter-1', personId: 'person-1' } },
    staff: { 'officer@council.example': 'staff-1' },
  })
  const header = 'Customer ID,Case Ref,Channel,Direction,Date,Notes,Staff email'
  const result = await plan(
    'contacts',
    [
      header,
      'P-1,M-1,Phone,Inbound,01/06/2026 10:00,Fine,officer@council.example',
      'P-2,M-1,Phone,Inbound,01/06/2026 10:00,Not theirs,',
      'P-1,M-9,Phone,Inbound,01/06/2026 10:00,No such matter,',
      'P-1,,Phone,Inbound,01/06/2026 10:00,Unknown officer,someone@council.example',
    ].join('\n'),
    lookup,
  )
  assert.equal(result.kind, 'contacts')
  assert.deepEqual(
    result.valid.map((v) => [v.value.personId, v.value.matterId, v.value.staffUserId]),
    [['person-1', 'matter-1', 'staff-1']],
  )
  assert.deepEqual(
    result.rejected.map((r) => r.reasons),
    [
      ['Matter’s external reference: “M-1” is not one of this person’s matters'],
      ['Matter’s external reference: no matter on the record has “M-9”'],
      ['Staff member’s email: no staff user has “someone@council.example”'],
    ],
  )
})

test('issue 12, item 2: checking a large file lets other work run between its rows', async () => {
  const parsed = await parseCsv(`Ref,Name\n${Array.from({ length: 2_000 }, (_, i) => `C-${i},Someone`).join('\n')}\n`)
  assert.ok(parsed.ok)
  let checked = false
  const planning = planImport('people', parsed, guessMapping('people', parsed.header), now, fakeLookup({}).lookup).then(
    (result) => {
      checked = true
      return result
    },
  )
  const turned = await new Promise<boolean>((resolve) => setImmediate(() => resolve(!checked)))
  assert.equal(turned, true, 'a callback queued after checking began ran before the checking ended')
  assert.equal((await planning).valid.length, 2_000)
})
