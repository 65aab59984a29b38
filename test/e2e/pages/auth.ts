import type { Locator } from 'playwright-core'
import { Layout } from './layout.ts'

export class FirstAdministratorPage extends Layout {
  get name(): Locator {
    return this.page.getByLabel('Full name')
  }
  get email(): Locator {
    return this.page.getByLabel('Email address')
  }
  get password(): Locator {
    return this.page.getByLabel('Password', { exact: true })
  }
  get confirmPassword(): Locator {
    return this.page.getByLabel('Confirm password')
  }
  get createButton(): Locator {
    return this.page.locator('[data-qa="create-first-administrator"]')
  }

  async create(details: { name: string; email: string; password: string; confirm?: string }): Promise<void> {
    await this.name.fill(details.name)
    await this.email.fill(details.email)
    await this.password.fill(details.password)
    await this.confirmPassword.fill(details.confirm ?? details.password)
    await this.submit(this.createButton)
  }
}

export class SignInPage extends Layout {
  get email(): Locator {
    return this.page.getByLabel('Email address')
  }
  get password(): Locator {
    return this.page.getByLabel('Password', { exact: true })
  }
  get signInButton(): Locator {
    return this.page.locator('[data-qa="sign-in"]')
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/sign-in`)
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email)
    await this.password.fill(password)
    await this.submit(this.signInButton)
  }
}

export class SetPasswordPage extends Layout {
  get password(): Locator {
    return this.page.getByLabel('Password', { exact: true })
  }
  get confirmPassword(): Locator {
    return this.page.getByLabel('Confirm password')
  }

  async setPassword(password: string): Promise<void> {
    await this.password.fill(password)
    await this.confirmPassword.fill(password)
    await this.submit(this.page.locator('[data-qa="set-password"]'))
  }
}

export class HomePage extends Layout {
  /** The names of the roles listed under "Your roles". */
  async roles(): Promise<string[]> {
    return (await this.page.locator('[data-qa="roles"] dt').allInnerTexts()).map((t) => t.trim())
  }
}

export class AccountPage extends Layout {
  async summary(): Promise<Record<string, string>> {
    return summaryList(this.page.locator('.govuk-summary-list'))
  }
  async sessionCount(): Promise<number> {
    return this.page.getByRole('table', { name: 'Your sessions' }).locator('tbody tr').count()
  }
  async signOutEverywhere(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="sign-out-everywhere"]'))
  }
}

/** A GOV.UK summary list as key -> value text (each line of a value kept, "Change" links left out). */
export async function summaryList(list: Locator): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const row of await list.locator('.govuk-summary-list__row').all()) {
    const key = (await row.locator('.govuk-summary-list__key').innerText()).trim()
    result[key] = (await row.locator('.govuk-summary-list__value').innerText()).trim()
  }
  return result
}
