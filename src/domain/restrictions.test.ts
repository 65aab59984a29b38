import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { restrictionStatus, scopeCovers, type RestrictionState } from './restrictions.ts'

const base: RestrictionState = {
  proposalStatus: 'approved',
  noticeIssuedOn: '2027-01-04',
  interim: null,
  startsOn: '2027-01-04',
  endsOn: '2027-06-30',
  liftedOn: null,
}

describe('restriction status (F4, F7, F8, F9)', () => {
  test('F4: awaiting decision until both approve; rejected never comes into force', () => {
    assert.equal(
      restrictionStatus({ ...base, proposalStatus: 'awaiting_decision', noticeIssuedOn: null }, '2027-01-05'),
      'awaiting_decision',
    )
    assert.equal(restrictionStatus({ ...base, proposalStatus: 'rejected' }, '2027-01-05'), 'rejected')
  })

  test('F9: approved is not in force until the letter is issued, and then only from the start date', () => {
    assert.equal(restrictionStatus({ ...base, noticeIssuedOn: null }, '2027-01-05'), 'approved')
    assert.equal(restrictionStatus({ ...base, startsOn: '2027-02-01' }, '2027-01-05'), 'approved')
    assert.equal(restrictionStatus({ ...base, startsOn: '2027-02-01' }, '2027-02-01'), 'active')
    assert.equal(restrictionStatus(base, '2027-01-04'), 'active')
  })

  test('F7: in force on its end date, lapsed the day after, with nothing having run', () => {
    assert.equal(restrictionStatus(base, '2027-06-30'), 'active')
    assert.equal(restrictionStatus(base, '2027-07-01'), 'lapsed')
    assert.equal(restrictionStatus({ ...base, noticeIssuedOn: null }, '2027-07-01'), 'lapsed')
  })

  test('F7: lifted from the day it is lifted', () => {
    assert.equal(restrictionStatus({ ...base, liftedOn: '2027-03-01' }, '2027-02-28'), 'active')
    assert.equal(restrictionStatus({ ...base, liftedOn: '2027-03-01' }, '2027-03-01'), 'lifted')
  })

  test('F8: an interim restriction is in force from imposition until ratified, or lapses after the deadline', () => {
    const interim: RestrictionState = {
      ...base,
      proposalStatus: 'awaiting_decision',
      noticeIssuedOn: null,
      interim: { imposedOn: '2027-01-04', ratifyBy: '2027-01-18' },
    }
    assert.equal(restrictionStatus(interim, '2027-01-04'), 'active')
    assert.equal(restrictionStatus(interim, '2027-01-18'), 'active')
    assert.equal(restrictionStatus(interim, '2027-01-19'), 'lapsed')
    assert.equal(restrictionStatus({ ...interim, proposalStatus: 'approved' }, '2027-01-19'), 'active', 'ratified')
    assert.equal(restrictionStatus({ ...interim, proposalStatus: 'rejected' }, '2027-01-10'), 'rejected')
  })

  test('F6: scope covers a service by name, whatever the case; council-wide covers everything', () => {
    assert.equal(scopeCovers({ councilWide: true }, undefined), true)
    assert.equal(scopeCovers({ services: ['Housing'] }, 'housing '), true)
    assert.equal(scopeCovers({ services: ['Housing'] }, 'Adult Social Care'), false)
    assert.equal(scopeCovers({ services: ['Housing'] }, null), false)
  })
})
