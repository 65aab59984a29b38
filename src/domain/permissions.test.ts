import assert from 'node:assert/strict'
import { test } from 'node:test'
import { allows, isAccess, permissions } from './permissions.ts'
import { inRoleOrder, roles } from './roles.ts'

test('K6: only administrators manage staff; auditors and administrators read the audit trail', () => {
  assert.deepEqual(
    roles.filter((r) => allows('staff.manage', [r])),
    ['admin'],
  )
  assert.deepEqual(
    roles.filter((r) => allows('audit.read', [r])),
    ['admin', 'auditor'],
  )
})

test('holding several roles allows what any of them allows', () => {
  assert.equal(allows('staff.manage', ['frontline', 'admin']), true)
  assert.equal(allows('staff.manage', ['frontline', 'auditor']), false)
})

test('public and signed_in are open to any role, even none', () => {
  assert.equal(allows('public', []), true)
  assert.equal(allows('signed_in', []), true)
})

test('isAccess knows every declared permission and nothing else', () => {
  for (const p of Object.keys(permissions)) assert.equal(isAccess(p), true)
  assert.equal(isAccess('staff.delete'), false)
  assert.equal(isAccess(undefined), false)
})

test('roles are listed in the order of the procedure, not alphabetically', () => {
  assert.deepEqual(inRoleOrder(['auditor', 'frontline', 'case_officer', 'frontline']), [
    'frontline',
    'case_officer',
    'auditor',
  ])
})
