import assert from 'node:assert/strict'
import type { Locator } from 'playwright-core'
import { Layout } from './layout.ts'
import { summaryList } from './auth.ts'

export class StaffListPage extends Layout {
  get table(): Locator {
    return this.page.locator('[data-qa="staff-table"]')
  }
  async caption(): Promise<string> {
    return (await this.table.locator('caption').innerText()).trim()
  }
  /** Each row as its cells' text. */
  async rows(): Promise<{ name: string; email: string; roles: string[]; signsInWith: string; status: string }[]> {
    const rows = []
    for (const row of await this.table.locator('tbody tr').all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim())
      rows.push({
        name: cells[0] ?? '',
        email: cells[1] ?? '',
        roles: (cells[2] ?? '').split('\n').map((r) => r.trim()),
        signsInWith: cells[3] ?? '',
        status: cells[4] ?? '',
      })
    }
    return rows
  }
  async addStaffUser(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="add-staff"]'))
  }
  async openStaffUser(name: string): Promise<void> {
    await this.submit(this.table.getByRole('link', { name, exact: true }))
  }
}

export class NewStaffPage extends Layout {
  get name(): Locator {
    return this.page.getByLabel('Full name')
  }
  get email(): Locator {
    return this.page.getByLabel('Work email address')
  }
  role(name: string): Locator {
    return this.page.getByRole('group', { name: 'Roles' }).getByRole('checkbox', { name, exact: true })
  }
  get addButton(): Locator {
    return this.page.locator('[data-qa="add-staff-submit"]')
  }

  async add(details: { name: string; email: string; roles: string[] }): Promise<void> {
    await this.name.fill(details.name)
    await this.email.fill(details.email)
    for (const role of details.roles) await this.role(role).check()
    for (const role of details.roles) assert.ok(await this.role(role).isChecked(), `${role} is ticked`)
    await this.submit(this.addButton)
  }
}

/** The confirmation after adding a staff user or issuing a link: the one-time link, shown once. */
export class LinkIssuedPage extends Layout {
  async panelTitle(): Promise<string> {
    return (await this.page.locator('.govuk-panel__title').innerText()).trim()
  }
  async link(): Promise<string> {
    return (await this.page.locator('[data-qa="one-time-link"]').innerText()).trim()
  }
  async goToStaffUser(name: string): Promise<void> {
    await this.submit(this.page.getByRole('link', { name: `Go to ${name}` }))
  }
}

export class StaffUserPage extends Layout {
  async summary(): Promise<Record<string, string>> {
    return summaryList(this.page.locator('.govuk-summary-list'))
  }
  async roles(): Promise<string[]> {
    return ((await this.summary())['Roles'] ?? '').split('\n').map((r) => r.trim())
  }
  async changeRoles(): Promise<void> {
    // The link reads "Change roles" to assistive technology ("roles" is visually hidden).
    await this.submit(this.page.getByRole('link', { name: 'Change roles' }))
  }
  async createApiToken(): Promise<void> {
    await this.submit(this.page.getByRole('button', { name: 'Create an API token' }))
  }
  async tokenLabels(): Promise<string[]> {
    return (
      await this.page.getByRole('table', { name: 'API tokens' }).locator('tbody tr td:first-child').allInnerTexts()
    ).map((t) => t.trim())
  }
}

export class RolesPage extends Layout {
  role(name: string): Locator {
    return this.page.getByRole('checkbox', { name, exact: true })
  }
  get reason(): Locator {
    return this.page.getByLabel('Why are the roles changing?')
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save roles' })
  }
  async checkedRoles(): Promise<string[]> {
    const checked = []
    for (const box of await this.page.getByRole('checkbox').all())
      if (await box.isChecked())
        checked.push((await this.page.locator(`label[for="${await box.getAttribute('id')}"]`).innerText()).trim())
    return checked
  }
  async setRoles(roles: string[], reason: string): Promise<void> {
    for (const box of await this.page.getByRole('checkbox').all()) await box.uncheck()
    for (const role of roles) await this.role(role).check()
    await this.reason.fill(reason)
    await this.submit(this.saveButton)
  }
}

export class NewTokenPage extends Layout {
  get label(): Locator {
    return this.page.getByLabel('Label')
  }
  get createButton(): Locator {
    return this.page.getByRole('button', { name: 'Create token' })
  }
  async create(label: string): Promise<void> {
    await this.label.fill(label)
    await this.submit(this.createButton)
  }
}

export class TokenCreatedPage extends Layout {
  async panelTitle(): Promise<string> {
    return (await this.page.locator('.govuk-panel__title').innerText()).trim()
  }
  async token(): Promise<string> {
    return (await this.page.locator('[data-qa="api-token"]').innerText()).trim()
  }
  async backTo(name: string): Promise<void> {
    await this.submit(this.page.getByRole('link', { name: `Back to ${name}` }))
  }
}
