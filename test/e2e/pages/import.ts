import type { Locator } from 'playwright-core'
import { Layout } from './layout.ts'

/** The import journey: upload, which column holds what, the preview, the report. */
export class ImportPage extends Layout {
  async upload(kind: 'People' | 'Matters' | 'Contacts', file: { name: string; content: string }): Promise<void> {
    await this.page.getByLabel(kind, { exact: true }).check()
    await this.page
      .getByLabel('CSV file')
      .setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.content) })
    await this.submit(this.page.locator('[data-qa="upload-submit"]'))
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true })
  }

  async continueToPreview(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="mapping-submit"]'))
  }

  async counts(): Promise<string> {
    return this.page.locator('[data-qa="counts"]').innerText()
  }

  async rejectedRows(): Promise<string[]> {
    return this.page.locator('[data-qa="rejected"] tbody tr').allInnerTexts()
  }

  async confirm(): Promise<void> {
    await this.submit(this.page.locator('[data-qa="confirm-import"]'))
  }
}
