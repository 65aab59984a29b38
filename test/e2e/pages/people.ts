import type { Locator } from 'playwright-core'
import { Layout } from './layout.ts'

export class FindPersonPage extends Layout {
  get searchBox(): Locator {
    return this.page.locator('[data-qa="search-box"]')
  }
  get results(): Locator {
    return this.page.locator('[data-qa="search-results"] tbody tr')
  }

  async search(q: string): Promise<void> {
    await this.searchBox.fill(q)
    await this.submit(this.page.locator('[data-qa="search"]'))
  }

  /** Each result row: name, what matched, how close. The name is the link's text, without the tags beside it. */
  async resultRows(): Promise<string[][]> {
    const rows = []
    for (const row of await this.results.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim())
      rows.push([(await row.locator('td a').first().innerText()).trim(), ...cells.slice(1)])
    }
    return rows
  }

  /** The tags beside a name in the results (issue 13): "Restricted: Parking", "Safety marker". */
  async tagsOf(name: string): Promise<string[]> {
    const row = this.results.filter({ has: this.page.getByRole('link', { name, exact: true }) })
    return (await row.locator('.govuk-tag').allInnerTexts()).map((t) => t.trim())
  }

  async open(name: string): Promise<void> {
    await this.submit(this.page.getByRole('link', { name, exact: true }))
  }
}

export class PersonPage extends Layout {
  get safetyMarkers(): Locator {
    return this.page.locator('[data-qa="safety-marker"]')
  }
  get timelineEntries(): Locator {
    return this.page.locator('.moj-timeline__item')
  }

  async timelineTitles(): Promise<string[]> {
    return (await this.page.locator('.moj-timeline__title').allInnerTexts()).map((t) => t.trim())
  }

  async recordContact(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="record-contact"]'))
  }

  async recordIncident(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="record-incident"]'))
  }
}

export class RecordContactPage extends Layout {
  async record(details: { channel: string; summary: string; minutes?: string }): Promise<void> {
    await this.page
      .getByRole('group', { name: 'How was the contact made?' })
      .getByLabel(details.channel, { exact: true })
      .check()
    await this.page.getByLabel('Summary').fill(details.summary)
    if (details.minutes) await this.page.getByLabel('Staff time spent (optional)').fill(details.minutes)
    await this.submit(this.page.locator('[data-qa="save-contact"]'))
  }
}

export class RecordIncidentPage extends Layout {
  async record(details: { category: string; severity: string; whatHappened: string }): Promise<void> {
    await this.page
      .getByRole('group', { name: 'What kind of behaviour was it?' })
      .getByLabel(details.category, { exact: true })
      .check()
    await this.page
      .getByRole('group', { name: 'How serious was it?' })
      .getByLabel(details.severity, { exact: true })
      .check()
    await this.page.getByLabel('What happened').fill(details.whatHappened)
    await this.submit(this.page.locator('[data-qa="save-incident"]'))
  }
}
