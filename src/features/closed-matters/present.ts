// How the closed-matter queue shows what each item says (F11, issue 13): enough to read it from the list, the whole of
// it a click away, without opening every record.

/** Characters of the summary shown in the list before "Read all of it". */
export const EXCERPT_LENGTH = 200

export interface WhatItSays {
  /** The start of it on one line: all of it when short, otherwise cut at a word and ended with "…". */
  excerpt: string
  /** The whole of it, paragraph by paragraph as it was written; empty when the excerpt is all of it. */
  paragraphs: string[]
}

export function whatItSays(summary: string, length = EXCERPT_LENGTH): WhatItSays {
  const paragraphs = summary
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
  const oneLine = paragraphs.join(' ')
  if (oneLine.length <= length) return { excerpt: oneLine, paragraphs: [] }
  const cut = oneLine.slice(0, length + 1)
  const atWord = cut.lastIndexOf(' ')
  // Cut at the last space, unless that leaves too little (one very long word): then at the length.
  const head = (atWord >= length / 2 ? cut.slice(0, atWord) : oneLine.slice(0, length)).replace(/[\s,;:.–-]+$/, '')
  return { excerpt: `${head}…`, paragraphs }
}
