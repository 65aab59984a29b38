#!/usr/bin/env node
// Runs Node's own test runner over the chosen groups, with tsx for TypeScript.
//   unit: src/**/*.test.ts (pure, no database)      db: **/*.db.test.ts (PGlite, or PostgreSQL with DATABASE_URL)
//   e2e:  test/e2e/*.e2e.ts (Chromium)
// Node 20 has no glob for --test, so the files are listed here.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const groups = process.argv.slice(2)
if (groups.length === 0) groups.push('unit', 'db')

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full)
    return [full]
  })
}

const files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'test'))]
const pick = {
  unit: (f) => f.endsWith('.test.ts') && !f.endsWith('.db.test.ts'),
  db: (f) => f.endsWith('.db.test.ts'),
  e2e: (f) => f.endsWith('.e2e.ts'),
}
const chosen = files.filter((f) => groups.some((g) => pick[g]?.(f))).sort()
if (chosen.length === 0) {
  console.error(`No test files for: ${groups.join(', ')}`)
  process.exit(1)
}
const concurrency =
  process.env.TEST_CONCURRENCY ?? String(groups.includes('e2e') ? 1 : Math.max(2, os.availableParallelism()))
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${concurrency}`,
    ...chosen.map((f) => path.relative(root, f)),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
)
process.exit(result.status ?? 1)
