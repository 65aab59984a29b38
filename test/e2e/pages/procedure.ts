// The formal procedure's pages (issue 4): opening a case, the case page and its task list, the warning, the
// proposal, the decision page, the restriction letter, the letter page and the register.
import type { Locator } from 'playwright-core'
import { navigate } from '../support.ts'
import { Layout } from './layout.ts'

/** A date as the three boxes of a GOV.UK date input expect it. */
export interface DateParts {
  day: string
  month: string
  year: string
}

export function dateParts(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year }
}

/** Fills a GOV.UK date input, found by its legend. */
async function fillDate(group: Locator, date: DateParts): Promise<void> {
  await group.getByLabel('Day', { exact: true }).fill(date.day)
  await group.getByLabel('Month', { exact: true }).fill(date.month)
  await group.getByLabel('Year', { exact: true }).fill(date.year)
}

/** The person page, from the procedure's side: their cases and the button to open one (F1). */
export class PersonCasesPage extends Layout {
  get openCaseButton(): Locator {
    return this.page.locator('[data-qa="open-case"]')
  }
  get cases(): Locator {
    return this.page.locator('[data-qa="cases"] tbody tr')
  }

  async openCase(): Promise<void> {
    await this.submit(this.openCaseButton)
  }
}

export class OpenCasePage extends Layout {
  async open(details: {
    service: string
    reason: string
    incident: RegExp
    contact?: RegExp
    measures: string
    adjustmentsConsidered: string
  }): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Service', exact: true })
      .getByLabel(details.service, { exact: true })
      .check()
    await this.page.getByLabel('Why the formal procedure is needed').fill(details.reason)
    await this.page.getByLabel('Describe the measures tried and why they did not work').fill(details.measures)
    await this.page.getByRole('group', { name: 'Incidents' }).getByLabel(details.incident).check()
    if (details.contact) await this.page.getByRole('group', { name: 'Contacts' }).getByLabel(details.contact).check()
    await this.page.getByLabel('How reasonable adjustments were considered').fill(details.adjustmentsConsidered)
    await this.submit(this.page.locator('form [data-qa="open-case"]'))
  }
}

/** The case page: where the case stands, as a GOV.UK task list (F1–F10). */
export class CasePage extends Layout {
  get reference(): Locator {
    return this.page.locator('[data-qa="case-reference"]')
  }
  get tasks(): Locator {
    return this.page.locator('[data-qa="tasks"] .govuk-task-list__item')
  }
  get proposals(): Locator {
    return this.page.locator('[data-qa="proposal"]')
  }
  get letters(): Locator {
    return this.page.locator('[data-qa="letters"] tbody tr')
  }

  /** Each step of the task list: its title (the action, for a role that may take it), hint and status. */
  async taskList(): Promise<{ title: string; status: string; hint: string; link: boolean }[]> {
    const rows = []
    for (const item of await this.tasks.all()) {
      const name = item.locator('.govuk-task-list__name-and-hint')
      const hint = name.locator('.govuk-task-list__hint')
      rows.push({
        title: (await name.locator(':scope > a, :scope > div:not(.govuk-task-list__hint)').first().innerText()).trim(),
        hint: (await hint.count()) ? (await hint.innerText()).trim() : '',
        status: (await item.locator('.govuk-task-list__status').innerText()).trim(),
        link: (await name.locator('a').count()) > 0,
      })
    }
    return rows
  }

  async task(title: string): Promise<{ title: string; status: string; hint: string; link: boolean }> {
    const found = (await this.taskList()).find((t) => t.title === title)
    if (!found) throw new Error(`no task "${title}" on the case page`)
    return found
  }

  async startTask(action: string): Promise<void> {
    await this.submit(this.page.locator('[data-qa="tasks"]').getByRole('link', { name: action, exact: true }))
  }

  /** The tags of the restrictions in the proposals' cards ("Awaiting decision", "Active"...). */
  async restrictionTags(): Promise<string[]> {
    return (await this.proposals.locator('.govuk-summary-list__value .govuk-tag').allInnerTexts()).map((t) => t.trim())
  }
}

export class WarningPage extends Layout {
  async issue(details: {
    behaviour: string
    whyUnacceptable: string
    changeRequested: string
    consequences: string
    monitoringWeeks: string
  }): Promise<void> {
    await this.page.getByLabel('The behaviour, with dates or examples').fill(details.behaviour)
    await this.page.getByLabel('Why it is unacceptable').fill(details.whyUnacceptable)
    await this.page.getByLabel('The change you are asking for').fill(details.changeRequested)
    await this.page.getByLabel('What may happen if it continues').fill(details.consequences)
    await this.page.getByLabel('How long behaviour will be monitored').fill(details.monitoringWeeks)
    await this.submit(this.page.locator('[data-qa="issue-warning"]'))
    await issueFromPreview(this)
  }
}

/**
 * F9: the letter as it will be sent, shown before it is issued: it is read (it names the person it goes to), then
 * issued from there.
 */
async function issueFromPreview(page: Layout): Promise<void> {
  const heading = await page.headingText()
  if (heading !== 'Check the letter before you issue it')
    throw new Error(`expected the letter to check, got: ${heading}`)
  await page.submit(page.page.locator('[data-qa="issue-letter"]'))
}

/** A letter as issued: its downloads and its text (F9). */
export class LetterPage extends Layout {
  get doneBanner(): Locator {
    return this.page.locator('[data-qa="done"]')
  }
  get letter(): Locator {
    return this.page.locator('[data-qa="letter"]')
  }
  get downloads(): Locator {
    return this.page.locator('[data-qa="downloads"]')
  }

  /** The address of a download link ("PDF", "Word document", "Large-print PDF"...), absolute. */
  async downloadUrl(name: string): Promise<string> {
    const href = await this.downloads
      .getByRole('link', { name: new RegExp(`^${name} of `) })
      .first()
      .getAttribute('href')
    if (!href) throw new Error(`no ${name} download`)
    return new URL(href, this.page.url()).href
  }

  async sectionHeadings(): Promise<string[]> {
    return (await this.letter.locator('h4').allInnerTexts()).map((t) => t.trim())
  }
}

export interface RestrictionDates {
  startsOn: DateParts
  endsOn: DateParts
  reviewOn: DateParts
}

/** Propose restrictions: first choose the types, then one fieldset per type (F5–F8, P5, P6). */
export class ProposePage extends Layout {
  async chooseTypes(types: string[]): Promise<void> {
    const group = this.page.getByRole('group', { name: 'Which restrictions do you want to propose?' })
    for (const type of types) await group.getByLabel(type, { exact: true }).check()
    await this.submit(this.page.locator('[data-qa="choose-types"]'))
  }

  get contactMethod(): Locator {
    return this.page.locator('[data-qa="restriction-contact_method"]')
  }

  /** Contact by one method only (F5a): the channels the person may still use. */
  async limitTo(channels: string[]): Promise<void> {
    const group = this.contactMethod.getByRole('group', { name: 'How may the person still contact the council?' })
    for (const channel of channels) await group.getByLabel(channel, { exact: true }).check()
  }

  /** The scope of one restriction, as the form shows it: the radio chosen and the services typed. */
  async scopeOf(fieldset: Locator): Promise<{ onlyServices: boolean; services: string }> {
    const group = fieldset.getByRole('group', { name: 'Who does this restriction cover?' })
    return {
      onlyServices: await group.getByLabel('Only these services', { exact: true }).isChecked(),
      services: await fieldset.getByLabel('Services', { exact: true }).inputValue(),
    }
  }

  async fillReasons(details: {
    rationale: string
    letter: string
    alternatives: string
    adjustments: string
  }): Promise<void> {
    await this.page.getByLabel('Why is restriction needed?').fill(details.rationale)
    await this.page.getByLabel(/Why, as the letter will tell /).fill(details.letter)
    await this.page.getByLabel('Alternatives considered', { exact: true }).fill(details.alternatives)
    await this.page.getByLabel('How were reasonable adjustments considered?').fill(details.adjustments)
  }

  async fillDates(dates: RestrictionDates): Promise<void> {
    await fillDate(this.page.getByRole('group', { name: 'Start date' }), dates.startsOn)
    await fillDate(this.page.getByRole('group', { name: 'End date' }), dates.endsOn)
    await fillDate(this.page.getByRole('group', { name: 'First review date' }), dates.reviewOn)
  }

  async send(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="propose"]'))
  }
}

/** The decision page (F4): the proposal, the evidence, the decisions so far, and the form for a decision-maker. */
export class DecisionPage extends Layout {
  get doneBanner(): Locator {
    return this.page.locator('[data-qa="done"]')
  }
  get decisionForm(): Locator {
    return this.page.locator('[data-qa="decision-form"]')
  }
  get whyNot(): Locator {
    return this.page.locator('[data-qa="why-not"]')
  }
  get decisions(): Locator {
    return this.page.locator('[data-qa="decision"]')
  }
  get restrictions(): Locator {
    return this.page.locator('[data-qa="restriction"]')
  }
  get issueNoticeLink(): Locator {
    return this.page.locator('[data-qa="issue-notice-link"]')
  }

  async decide(
    decision: 'Approve the restrictions' | 'Reject the proposal',
    reasons: string,
    counterweights = 'Weighed the matters they raised and the complaints upheld against the abuse of staff.',
  ): Promise<void> {
    await this.decisionForm.getByLabel(decision, { exact: true }).check()
    await this.decisionForm
      .getByLabel('How you weighed the matters raised and complaints upheld (P2)')
      .fill(counterweights)
    await this.decisionForm.getByLabel('Your reasons').fill(reasons)
    await this.submit(this.page.locator('[data-qa="decide"]'))
  }

  async status(): Promise<string> {
    return (await this.page.locator('[data-qa="proposal-summary"] .govuk-tag').innerText()).trim()
  }
}

/** Issue the restriction letter (F9). */
export class NoticePage extends Layout {
  get facts(): Locator {
    return this.page.locator('[data-qa="notice-facts"]')
  }
  get restrictions(): Locator {
    return this.page.locator('[data-qa="restrictions"] li')
  }

  async issue(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="issue-notice"]'))
    await issueFromPreview(this)
  }
}

/** The register of restricted people (K2). */
export class RegisterPage extends Layout {
  get entries(): Locator {
    return this.page.locator('[data-qa="register-entry"]')
  }
  get count(): Locator {
    return this.page.locator('[data-qa="register-count"]')
  }

  async openFromNavigation(): Promise<void> {
    await navigate(this.page, () => this.navigation.getByRole('link', { name: 'Register', exact: true }).click())
  }

  async filterByName(name: string): Promise<void> {
    await this.page.getByLabel('Name', { exact: true }).fill(name)
    await this.submit(this.page.locator('[data-qa="apply-filters"]'))
  }
}
