import nodemailer from 'nodemailer'
import type { Config } from '../../config.ts'

export interface Email {
  to: string
  subject: string
  text: string
  html: string
  /** Files sent with it (a letter's PDF, F9). */
  attachments?: { filename: string; content: Buffer; contentType: string }[]
}

export type Delivery = { status: 'sent' } | { status: 'not_sent'; error: string }

export interface Mailer {
  send(email: Email): Promise<Delivery>
  close(): void
}

export const NO_SMTP = 'not sent: no SMTP configured'

/** Email through the SMTP server in the settings; without SMTP_HOST, nothing is sent and the reminder says so. */
export function createMailer(smtp: Config['smtp']): Mailer {
  const { host } = smtp
  if (!host) return { send: async () => ({ status: 'not_sent', error: NO_SMTP }), close: () => undefined }
  const transport = nodemailer.createTransport({
    host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user && { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
  })
  return {
    send: async (email) => {
      await transport.sendMail({ from: smtp.from, ...email })
      return { status: 'sent' }
    },
    close: () => transport.close(),
  }
}
