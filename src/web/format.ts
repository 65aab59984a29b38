// Dates as GOV.UK writes them ("7 January 2027", "7 January 2027 at 2:05pm"), always in UK time.
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
})

export function formatDate(value: Date): string {
  return dateFormat.format(value)
}

export function formatDateTime(value: Date): string {
  const time = timeFormat.format(value).replace(/\s/g, '').toLowerCase()
  return `${formatDate(value)} at ${time}`
}
