import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkHeadOfService, heldService, sameService, serviceList } from './staff-services.ts'

// F1 "the relevant Head of Service": which services are the same, and who may open a case about one.

test('F1: services are the same whatever their case and outer spaces', () => {
  assert.ok(sameService('Waste', '  waste '))
  assert.ok(sameService('Council tax', 'COUNCIL TAX'))
  assert.ok(!sameService('Waste', 'Wastes'))
  assert.equal(heldService(['Council tax', 'Waste'], ' council TAX'), 'Council tax')
  assert.equal(heldService(['Waste'], 'Parking'), undefined)
})

test('F1: a list of services keeps each once, in its first spelling, trimmed, by name', () => {
  assert.deepEqual(serviceList([' Waste', 'housing', 'waste', '', '  ', 'Adult Social Care']), [
    'Adult Social Care',
    'housing',
    'Waste',
  ])
})

test('F1: the Head of Service for the case’s service may open it; another service is refused with who can', () => {
  assert.equal(checkHeadOfService(['Waste'], 'waste'), null)
  assert.deepEqual(checkHeadOfService(['Waste', 'Housing'], ' Parking '), {
    status: 403,
    code: 'not_head_of_service',
    rule: 'F1',
    message:
      'You are Head of Service for Housing and Waste: a case about Parking is opened by the Head of Service for Parking, or an administrator can add Parking to your services',
    field: 'service',
  })
})

test('F1: a Head of Service with no services recorded is refused until an administrator sets them', () => {
  const refusal = checkHeadOfService([], 'Waste')
  assert.equal(refusal?.status, 403)
  assert.equal(refusal?.rule, 'F1')
  assert.equal(refusal?.code, 'no_services')
  assert.match(refusal?.message ?? '', /An administrator must add your services first/)
})
