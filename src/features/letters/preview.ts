import type { FastifyReply } from 'fastify'
import { endOfLetter, greeting, longDate, signOff, type LetterContent } from '../../domain/letters.ts'

// F9: before a page issues a letter, the officer sees it exactly as it will be sent and can go back and change what
// they entered. The form posts three times at most: to see the letter ("preview"), to go back to the form with
// everything as typed ("change"), and to issue it ("issue"). The page that issues runs the same step twice, first
// in preview (previewLetter in letters.service.ts, rolled back), then for real.

const view = 'features/letters/preview/view.njk'

/** What the letter's partial needs to show it as it reads. */
export function letterBody(content: LetterContent) {
  return { content, letterDate: longDate(content.date), greeting: greeting(content), signOff, endOfLetter }
}

export type LetterChoice = 'preview' | 'change' | 'issue'

/** What the officer chose on the preview page; a form posted from its own page asks to see the letter first. */
export function letterChoice(body: Record<string, unknown>): LetterChoice {
  const choice = body['letter']
  return choice === 'issue' || choice === 'change' ? choice : 'preview'
}

/** The form as posted, to carry through the preview page in hidden fields: all but the CSRF token and the choice. */
function carried(body: Record<string, unknown>) {
  return Object.entries(body).flatMap(([name, value]) =>
    name === '_csrf' || name === 'letter'
      ? []
      : [value]
          .flat()
          .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
          .map((v) => ({ name, value: String(v) })),
  )
}

/** The page that shows the letter before it is issued, with the buttons to issue it or to go back and change. */
export function letterPreviewPage(
  reply: FastifyReply,
  page: {
    /** What is being done, for the title: "Issue a warning". */
    doing: string
    caption: string
    content: LetterContent
    body: Record<string, unknown>
    backLink: string
  },
) {
  const recipient = page.content.recipient
  return reply.page(view, {
    title: `Check the letter: ${page.doing}`,
    caption: page.caption,
    doing: page.doing,
    sentTo: recipient.method === 'email' ? `by email to ${recipient.email}` : 'by post',
    ...letterBody(page.content),
    letterLabel: 'The letter as it will be sent',
    hidden: carried(page.body),
    backLink: page.backLink,
  })
}
