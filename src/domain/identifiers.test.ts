import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { classifySearch, formatPhone, nameKey, normalisePhone, normalisePostcode } from './identifiers.ts'

describe('phone numbers are stored as E.164 with a UK default', () => {
  test('the three ways of writing one mobile number are one number', () => {
    for (const written of ['07700 900123', '+44 7700 900123', '(07700) 900-123', '07700900123', '0044 7700 900123']) {
      assert.equal(normalisePhone(written), '+447700900123', written)
    }
  })
  test('landlines and international numbers', () => {
    assert.equal(normalisePhone('01604 123456'), '+441604123456')
    assert.equal(normalisePhone('+353 1 234 5678'), '+35312345678')
  })
  test('what is not a phone number is refused, not guessed', () => {
    for (const bad of ['', 'call me', '123', '07700 90012', '<script>', '0770090012345678901', 'NN1 2AB']) {
      assert.equal(normalisePhone(bad), null, bad)
    }
  })
  test('shown back in the national format for UK numbers', () => {
    assert.equal(formatPhone('+447700900123'), '07700 900123')
    assert.equal(formatPhone('+35312345678'), '+353 1 234 5678')
  })
})

describe('postcodes', () => {
  test('case and spacing do not matter', () => {
    for (const written of ['nn1 2ab', 'NN12AB', ' nn1   2ab ', 'Nn1 2Ab'])
      assert.equal(normalisePostcode(written), 'NN1 2AB')
    assert.equal(normalisePostcode('sw1a1aa'), 'SW1A 1AA')
    assert.equal(normalisePostcode('EC1A 1BB'), 'EC1A 1BB')
  })
  test('what is not shaped like a postcode is refused', () => {
    for (const bad of ['', 'NN1', '12345', 'NN1 2ABC', 'hello']) assert.equal(normalisePostcode(bad), null, bad)
  })
})

describe('names', () => {
  test('case, accents, punctuation and spacing do not matter', () => {
    assert.equal(nameKey("  Zoë  O'Brien-Smith "), 'zoe o brien smith')
    assert.equal(nameKey('ZOE OBRIEN'), 'zoe obrien')
  })
})

describe('one search box', () => {
  test('recognises an email, a phone number, a postcode, a reference, or a name', () => {
    assert.deepEqual(classifySearch(' Jo@Example.org '), [{ kind: 'email', value: 'jo@example.org' }])
    assert.deepEqual(classifySearch('07700 900123'), [{ kind: 'phone', value: '+447700900123' }])
    assert.deepEqual(classifySearch('nn1 2ab'), [
      { kind: 'postcode', value: 'NN1 2AB' },
      { kind: 'name', value: 'nn1 2ab' },
    ])
    assert.deepEqual(classifySearch('CMP-2026-000123'), [
      { kind: 'reference', value: 'CMP-2026-000123' },
      { kind: 'name', value: 'cmp 2026 000123' },
    ])
    assert.deepEqual(classifySearch('jon smyth'), [{ kind: 'name', value: 'jon smyth' }])
  })
})
