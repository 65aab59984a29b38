import type { Locator } from 'playwright-core'
import { Layout } from './layout.ts'

export class AuditPage extends Layout {
  get action(): Locator {
    return this.page.getByLabel('Action')
  }
  get from(): Locator {
    return this.page.getByLabel('From')
  }
  get table(): Locator {
    return this.page.locator('[data-qa="audit-table"]')
  }
  async actionChoices(): Promise<string[]> {
    return (await this.action.locator('option').allInnerTexts()).map((t) => t.trim())
  }
  async filter(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="filter"]'))
  }
  /** Each entry's "What" cell: the action (its code; the words are beside it), the kind of record and any reason. */
  async entries(): Promise<{ who: string; action: string; what: string }[]> {
    const result = []
    for (const row of await this.table.locator('tbody tr').all()) {
      const cells = row.locator('td')
      result.push({
        who: (await cells.nth(2).innerText()).trim(),
        action: (await cells.nth(3).locator('[data-qa="action"]').innerText()).trim(),
        what: (await cells.nth(3).innerText()).trim(),
      })
    }
    return result
  }
}
