import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import { ConfigError, loadConfig } from '../config.ts'
import { AuditKeyError, loadAuditKey } from './key.ts'

// Issue 12 item 3, K4: the audit key is kept outside the database: required in production (AUDIT_KEY or
// AUDIT_KEY_FILE), otherwise created in the data directory on first start, readable by its owner only.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fair-contact-key-'))
after(() => fs.rmSync(dir, { recursive: true, force: true }))

const production = {
  NODE_ENV: 'production',
  BASE_URL: 'https://contact.council.example',
  COUNCIL_ADDRESS: 'County Hall, Testtown',
}

describe('K4: the audit key (issue 12 item 3)', () => {
  test('production will not start without one, nor with both settings, nor with a short key', () => {
    assert.throws(
      () => loadConfig(production),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(error.message, /AUDIT_KEY or AUDIT_KEY_FILE must be set in production/)
        return true
      },
    )
    assert.throws(
      () => loadConfig({ ...production, AUDIT_KEY: 'k'.repeat(40), AUDIT_KEY_FILE: '/run/secrets/audit' }),
      /set AUDIT_KEY or AUDIT_KEY_FILE, not both/,
    )
    assert.throws(() => loadConfig({ ...production, AUDIT_KEY: 'too short' }), /AUDIT_KEY: must be at least 32/)
    const config = loadConfig({ ...production, AUDIT_KEY_FILE: '/run/secrets/audit' })
    assert.deepEqual(
      { keyFile: config.audit.keyFile, generateKey: config.audit.generateKey },
      { keyFile: '/run/secrets/audit', generateKey: false },
    )
  })

  test('outside production, audit.key is created in the data directory on first start, owner-only, then reused', () => {
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dir })
    assert.equal(config.audit.keyFile, path.join(dir, 'audit.key'))
    assert.equal(config.audit.checkpointDir, dir)
    const settings = { key: config.audit.key, keyFile: config.audit.keyFile, generate: config.audit.generateKey }
    const first = loadAuditKey(settings)
    assert.equal(first.created, true)
    assert.equal(fs.statSync(config.audit.keyFile).mode & 0o777, 0o600)
    const again = loadAuditKey(settings)
    assert.equal(again.created, false)
    assert.deepEqual(again.key, first.key)
  })

  test('reading the trail never creates a key: a missing key file is a clear error', () => {
    assert.throws(
      () => loadAuditKey({ key: undefined, keyFile: path.join(dir, 'none', 'audit.key'), generate: false }),
      (error: unknown) =>
        error instanceof AuditKeyError && /does not exist\. Set AUDIT_KEY or AUDIT_KEY_FILE/.test(error.message),
    )
  })
})
