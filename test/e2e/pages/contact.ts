import type { Locator } from 'playwright-core'
import { navigate } from '../support.ts'
import { Layout } from './layout.ts'

/** The contact check (V1–V5): one search box, the channel, and the answer. */
export class CheckContactPage extends Layout {
  get searchBox(): Locator {
    return this.page.locator('[data-qa="search-box"]').first()
  }
  get verdict(): Locator {
    return this.page.locator('[data-qa="verdict-name"]')
  }
  get script(): Locator {
    return this.page.locator('[data-qa="script"]')
  }
  get reasons(): Locator {
    return this.page.locator('[data-qa="reasons"]')
  }
  get person(): Locator {
    return this.page.locator('[data-qa="person"]')
  }

  async openFromNavigation(): Promise<void> {
    await navigate(this.page, () => this.navigation.getByRole('link', { name: 'Check a contact', exact: true }).click())
  }

  /** Types what the officer has, chooses the channel, and checks. */
  async check(q: string, channel: string): Promise<void> {
    const form = this.page.locator('[data-qa="check-form"]')
    await form.locator('[data-qa="search-box"]').fill(q)
    await form
      .getByRole('group', { name: 'How are they contacting the council?' })
      .getByLabel(channel, { exact: true })
      .check()
    await this.submit(form.locator('[data-qa="check"]'))
  }

  /** Once the person is known: which of their matters it is about, and check again. */
  async chooseMatter(label: string): Promise<void> {
    const form = this.page.locator('[data-qa="check-form"]')
    await form.getByLabel(label).check()
    await this.submit(form.locator('[data-qa="check"]'))
  }

  async recordAttempt(summary: string): Promise<void> {
    await this.page.getByLabel('What they wanted, in a line (optional)').fill(summary)
    await this.submit(this.page.locator('[data-qa="record-attempt"]'))
  }
}

/** The closed-matter queue (F11). */
export class ClosedMatterQueuePage extends Layout {
  /** From the home page's lists (the queue is also on "What is due"). */
  async openFromHome(): Promise<void> {
    await navigate(this.page, () => this.navigation.getByRole('link', { name: 'Home', exact: true }).click())
    await navigate(this.page, () =>
      this.page.getByRole('link', { name: 'Closed-matter queue (F11)', exact: true }).click(),
    )
  }

  /** The names in the "waiting to be read" table, in order. */
  async waiting(): Promise<string[]> {
    const cells = this.page.locator('[data-qa="waiting"] tbody tr th a')
    return (await cells.allInnerTexts()).map((t) => t.split(':')[0]?.trim() ?? '')
  }

  async open(name: string): Promise<void> {
    await this.submit(this.page.locator('[data-qa="waiting"]').getByRole('link', { name }).first())
  }
}

/** One item of correspondence on a closed matter: read it, assess it, act on it (F11, P3). */
export class ClosedMatterItemPage extends Layout {
  get summary(): Locator {
    return this.page.locator('[data-qa="item-summary"]')
  }
  get whatWasDone(): Locator {
    return this.page.locator('[data-qa="what-was-done"]')
  }

  async save(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="save-item"]'))
  }

  async assess(details: { read: boolean; freshEvidence: 'Yes' | 'No'; safeguarding: 'Yes' | 'No'; action: string }) {
    if (details.read) await this.page.getByLabel('I have read this').check()
    await this.page
      .getByRole('group', { name: 'Does it hold fresh evidence that could affect the decision?' })
      .getByLabel(details.freshEvidence, { exact: true })
      .check()
    await this.page
      .getByRole('group', { name: 'Does it raise a safeguarding concern?' })
      .getByLabel(details.safeguarding, { exact: true })
      .check()
    await this.page.getByLabel(details.action, { exact: true }).check()
    await this.save()
  }
}
