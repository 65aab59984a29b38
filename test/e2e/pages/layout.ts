import assert from 'node:assert/strict'
import type { Locator, Page } from 'playwright-core'
import { COUNCIL_NAME, navigate } from '../support.ts'

/** What every page shares: the header (council name, service navigation, sign out), phase banner, errors, footer. */
export class Layout {
  constructor(readonly page: Page) {}

  get banner(): Locator {
    return this.page.getByRole('banner')
  }
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 })
  }
  get navigation(): Locator {
    return this.banner.getByRole('navigation', { name: 'Menu' })
  }
  get signOutButton(): Locator {
    return this.page.locator('[data-qa="sign-out"]')
  }
  get errorSummary(): Locator {
    return this.page.locator('.govuk-error-summary')
  }
  get successBanner(): Locator {
    return this.page.locator('.govuk-notification-banner--success')
  }

  async headingText(): Promise<string> {
    return (await this.heading.innerText()).trim()
  }

  async title(): Promise<string> {
    return this.page.title()
  }

  path(): string {
    const url = new URL(this.page.url())
    return url.pathname + url.search
  }

  /** The service's frame, the same on every page. */
  async assertChrome(): Promise<void> {
    const banner = this.banner
    assert.equal(await banner.count(), 1, 'one header')
    assert.equal((await banner.locator('.govuk-generic-header__homepage-link').innerText()).trim(), COUNCIL_NAME)
    assert.equal(
      (await banner.locator('.govuk-service-navigation__service-name').innerText()).trim(),
      'Fair Contact',
      'service name in the service navigation',
    )
    const phase = this.page.locator('.govuk-phase-banner')
    assert.equal((await phase.locator('.govuk-tag').innerText()).trim(), 'Beta')
    assert.match(await phase.innerText(), /This is a new service/)
    const footer = this.page.getByRole('contentinfo')
    for (const name of ['Accessibility statement', 'Privacy notice'])
      assert.equal(await footer.getByRole('link', { name }).count(), 1, `footer link ${name}`)
    assert.match(await footer.innerText(), new RegExp(`Fair Contact, run by ${COUNCIL_NAME}`))
    assert.equal(await footer.locator('.govuk-footer__crown, .govuk-footer__copyright-logo').count(), 0, 'no crown')
    assert.match(await this.title(), new RegExp(`– Fair Contact – ${COUNCIL_NAME}$`))
    const icons = await this.page.locator('head link[rel~="icon"], head link[rel="apple-touch-icon"]').all()
    for (const icon of icons)
      assert.doesNotMatch((await icon.getAttribute('href')) ?? '', /govuk|favicon/, 'no GOV.UK crown icon')
  }

  async navigationLinks(): Promise<string[]> {
    return (await this.navigation.getByRole('link').allInnerTexts()).map((t) => t.trim())
  }

  async currentNavigationItem(): Promise<string> {
    return (await this.navigation.locator('[aria-current]').innerText()).trim()
  }

  async goTo(section: 'Home' | 'Staff' | 'Audit trail' | 'Your account'): Promise<void> {
    await navigate(this.page, () => this.navigation.getByRole('link', { name: section, exact: true }).click())
  }

  async signOut(): Promise<void> {
    await navigate(this.page, () => this.signOutButton.click())
  }

  /** The error summary's messages, each a link to its field. */
  async errorSummaryMessages(): Promise<{ text: string; href: string | null }[]> {
    const links = this.errorSummary.getByRole('link')
    const result = []
    for (const link of await links.all())
      result.push({ text: (await link.innerText()).trim(), href: await link.getAttribute('href') })
    return result
  }

  /** The message shown against a field (the GOV.UK error message, without its hidden "Error:" prefix). */
  async fieldError(id: string): Promise<string> {
    const text = await this.page.locator(`#${id}-error`).innerText()
    return text.replace(/^Error:\s*/, '').trim()
  }

  async submit(button: Locator): Promise<void> {
    await navigate(this.page, () => button.click())
  }
}
