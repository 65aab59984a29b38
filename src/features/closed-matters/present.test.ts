import assert from 'node:assert/strict'
import { test } from 'node:test'
import { whatItSays } from './present.ts'

// Issue 13: the closed-matter queue shows what each item says (F11).

test('F11: a short summary is shown whole, on one line', () => {
  assert.deepEqual(whatItSays('  Second email\n about the bins  '), {
    excerpt: 'Second email about the bins',
    paragraphs: [],
  })
})

test('F11: a long summary is cut at a word with "…", and the whole of it is kept paragraph by paragraph', () => {
  const long = `${'The bin was missed again on Tuesday. '.repeat(5)}\n\nI have a photograph, taken at 7am.`
  const says = whatItSays(long, 60)
  assert.equal(says.excerpt, 'The bin was missed again on Tuesday. The bin was missed…')
  assert.deepEqual(says.paragraphs, [
    'The bin was missed again on Tuesday. '.repeat(5).trim(),
    'I have a photograph, taken at 7am.',
  ])
})

test('F11: one very long word is cut at the length', () => {
  assert.equal(whatItSays('x'.repeat(100), 10).excerpt, `${'x'.repeat(10)}…`)
})
