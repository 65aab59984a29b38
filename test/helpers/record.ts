import type { Api } from './app.ts'

// Steps on the record that many tests take through the API, each returning the response as it came.

/** A staff member opens a matter for a person. */
export function openMatter(api: Api, personId: string, type: string, subject: string, service: string) {
  return api.post('/api/v1/matters', { personId, type, subject, service })
}

/** A staff member closes a matter with its outcome, saying whether the complaints process is exhausted. */
export function closeMatter(api: Api, matterId: string, outcome: string, processExhausted: boolean) {
  return api.post(`/api/v1/matters/${matterId}/close`, { outcome, processExhausted })
}
