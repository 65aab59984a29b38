import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// The parts of src/ and which may import which (ARCHITECTURE.md). Imports are relative, so a part is recognised by
// its folder's name after the `../` that climb to src/: `../features/...`, `../../db/...`. Tests are left out: a test of one part may
// build the whole app.
const part = (names) => `^(\\.\\./)+(${names.join('|')})(/|\\.ts$)`
const boundary = (files, forbidden, why) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ regex: part(forbidden), message: why }] }],
  },
})

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  boundary(
    ['src/domain/**/*.ts'],
    ['db', 'web', 'features', 'audit', 'app', 'services', 'config', 'cli', 'main'],
    'src/domain holds the pure rules: it imports only src/domain (no database, no web, no feature).',
  ),
  boundary(
    ['src/db/**/*.ts'],
    ['web', 'features', 'audit', 'app', 'services', 'cli', 'main'],
    'src/db (connection, migrations, table types) imports only src/domain and the config, never a feature or the web.',
  ),
  boundary(
    ['src/audit/**/*.ts'],
    ['web', 'features', 'app', 'services', 'cli', 'main'],
    'src/audit (the audit trail) sits below the web and the features: it imports src/db and src/domain only.',
  ),
  boundary(
    ['src/web/**/*.ts'],
    ['features', 'app', 'cli', 'main'],
    'src/web is the frame (layout, security, identity, forms): it imports no feature. Move what both need below.',
  ),
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
)
