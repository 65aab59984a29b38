// Page objects for oversight (issue 6): the dashboard, what is due, who may need attention, the report to members,
// and the lists and admin pages behind them.
import type { Locator } from 'playwright-core'
import { navigate } from '../support.ts'
import { Layout } from './layout.ts'

export interface DashboardCard {
  count: number
  title: string
  href: string
  note: string
}

/** The home page as each role's dashboard: counts linked to the lists behind them, then lists and tools. */
export class DashboardPage extends Layout {
  get checkForm(): Locator {
    return this.page.locator('[data-qa="home-check"]')
  }
  get links(): Locator {
    return this.page.locator('[data-qa="home-links"]')
  }

  async cards(): Promise<DashboardCard[]> {
    const result = []
    for (const card of await this.page.locator('[data-qa="dashboard"] > li').all()) {
      const link = card.locator('a')
      const note = card.locator('p')
      result.push({
        count: Number((await link.locator('.fc-dashboard__count').innerText()).trim()),
        title: (await link.locator('.fc-dashboard__title').innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        note: (await note.count()) ? (await note.innerText()).trim() : '',
      })
    }
    return result
  }

  async card(title: string | RegExp): Promise<DashboardCard> {
    const cards = await this.cards()
    const found = cards.find((c) => (typeof title === 'string' ? c.title === title : title.test(c.title)))
    if (!found) throw new Error(`no dashboard card ${title}: ${cards.map((c) => c.title).join(' | ')}`)
    return found
  }

  async openCard(title: string): Promise<void> {
    const link = this.page.locator('[data-qa="dashboard"] a').filter({ hasText: title })
    await navigate(this.page, () => link.click())
  }

  async linkTargets(): Promise<string[]> {
    return Promise.all(
      (await this.links.getByRole('link').all()).map(async (l) => (await l.getAttribute('href')) ?? ''),
    )
  }

  /** The contact check on the home page: a search box that opens the check by phone. */
  async check(q: string): Promise<void> {
    await this.checkForm.getByLabel('Check a contact').fill(q)
    await navigate(this.page, () => this.checkForm.getByRole('button', { name: 'Check' }).click())
  }
}

export interface DueRow {
  title: string
  href: string
  kind: string
  person: string
  state: string
}

/** What is due: one worklist per role, filterable by kind. */
export class WorklistPage extends Layout {
  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/due`)
  }

  async filterBy(kind: string): Promise<void> {
    await this.page.getByLabel('Show', { exact: true }).selectOption({ label: kind })
    await this.submit(this.page.locator('[data-qa="due-filter"] [data-qa="filter"]'))
  }

  /** The role headings of the worklists shown ("As Head of Service", ...). */
  async listHeadings(): Promise<string[]> {
    return (await this.page.locator('section[data-qa^="worklist-"] h2').allInnerTexts()).map((t) => t.trim())
  }

  async rows(): Promise<DueRow[]> {
    const result = []
    for (const row of await this.page.locator('[data-qa="due-item"]').all()) {
      const cells = row.locator('td')
      const what = cells.nth(0)
      const link = what.getByRole('link').first()
      const line = (await what.locator('p').innerText()).trim()
      result.push({
        title: (await link.innerText()).trim(),
        href: (await link.getAttribute('href')) ?? '',
        kind: line.split(' · ')[0]?.trim() ?? '',
        person: line.split(' · ')[1]?.trim() ?? '',
        state: (await cells.nth(3).innerText()).trim(),
      })
    }
    return result
  }

  async follow(row: DueRow): Promise<void> {
    await navigate(this.page, () => this.page.locator(`[data-qa="due-item"] a[href="${row.href}"]`).first().click())
  }
}

export interface AttentionEntry {
  name: string
  why: string[]
  beside: string
  contacts: string
}

/** Who may need attention (P1, P2): a prompt to look, with the counterweights beside each person. */
export class AttentionPage extends Layout {
  get statement(): Locator {
    return this.page.locator('[data-qa="attention-p1"]')
  }
  get thresholds(): Locator {
    return this.page.locator('details').filter({ hasText: 'How people come onto this list' })
  }
  get thresholdTable(): Locator {
    return this.page.locator('[data-qa="attention-thresholds"]')
  }
  get count(): Locator {
    return this.page.locator('[data-qa="attention-count"]')
  }

  async openThresholds(): Promise<void> {
    await this.thresholds.locator('summary').click()
  }

  /** Each threshold's setting name, as listed in the table. */
  async thresholdSettings(): Promise<string[]> {
    return (await this.thresholdTable.locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.trim())
  }

  async entries(): Promise<AttentionEntry[]> {
    const result = []
    const cards = this.page
      .locator('.govuk-summary-card')
      .filter({ has: this.page.locator('[data-qa="attention-entry"]') })
    for (const card of await cards.all()) {
      const value = (key: string) =>
        card
          .locator('.govuk-summary-list__row')
          .filter({ has: this.page.locator('.govuk-summary-list__key', { hasText: key }) })
          .locator('.govuk-summary-list__value')
      result.push({
        name: (await card.locator('.govuk-summary-card__title').innerText()).trim(),
        why: (await value('Why they are listed').locator('li').allInnerTexts()).map((t) => t.trim()),
        beside: (await value('Beside this').innerText()).trim(),
        contacts: (await value('Contacts').innerText()).trim(),
      })
    }
    return result
  }
}

/** The report to members (K5), members' or named version; the period is chosen with two GOV.UK date inputs. */
export class ReportPage extends Layout {
  get period(): Locator {
    return this.page.locator('[data-qa="period"]')
  }
  get disclosureNote(): Locator {
    return this.page.locator('[data-qa="disclosure-note"]')
  }
  get downloads(): Locator {
    return this.page.locator('[data-qa="downloads"]')
  }
  get namedTable(): Locator {
    return this.page.locator('[data-qa="named-restrictions"]')
  }

  table(key: string): Locator {
    return this.page.locator(`[data-qa="table-${key}"]`)
  }

  /** The section headings (each a table of figures). */
  async sectionHeadings(): Promise<string[]> {
    return (await this.page.locator('main h2.govuk-heading-m[id]').allInnerTexts()).map((t) => t.trim())
  }

  async setPeriod(from: [string, string, string], to: [string, string, string]): Promise<void> {
    const form = this.page.locator('[data-qa="period-form"]')
    for (const [prefix, parts] of [
      ['from', from],
      ['to', to],
    ] as const) {
      await form.locator(`#${prefix}-day`).fill(parts[0])
      await form.locator(`#${prefix}-month`).fill(parts[1])
      await form.locator(`#${prefix}-year`).fill(parts[2])
    }
    await this.submit(form.locator('[data-qa="show-figures"]'))
  }
}

/** A page whose main content is one or more GOV.UK tables: the rows of the one marked data-qa. */
export class ListPage extends Layout {
  rows(qa: string): Locator {
    return this.page.locator(`[data-qa="${qa}"] tbody tr`)
  }
  byQa(qa: string): Locator {
    return this.page.locator(`[data-qa="${qa}"]`)
  }
}

/** The decision page of a proposal (F4) or an interim restriction awaiting ratification (F8). */
export class DecisionPage extends Layout {
  get caption(): Locator {
    return this.page.locator('main .govuk-caption-l').first()
  }
  get interim(): Locator {
    return this.page.locator('[data-qa="interim"]')
  }
  get summary(): Locator {
    return this.page.locator('[data-qa="proposal-summary"]')
  }
  get restrictions(): Locator {
    return this.page.locator('[data-qa="restriction"]')
  }
  get decisionForm(): Locator {
    return this.page.locator('[data-qa="decision-form"]')
  }
}

/** A challenge to a warning or restriction (F10). */
export class ChallengePage extends Layout {
  get caption(): Locator {
    return this.page.locator('main .govuk-caption-l').first()
  }
  get decideButton(): Locator {
    return this.page.locator('[data-qa="decide-challenge"]')
  }
  get awaitingDecision(): Locator {
    return this.page.locator('[data-qa="awaiting-decision"]')
  }
}
