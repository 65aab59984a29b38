// Which ways of contacting the council stay open while restrictions are in force (F5, F6, F9). One logic for the
// contact check (restriction-effects.ts asks `channelLimit` whether a restriction touches the channel of a contact)
// and for the letters (restriction-wording.ts words `waysStillOpen` to the person). Pure.
import type { Channel } from './contacts.ts'
import {
  type PhoneWindow,
  type RestrictionChannel,
  type RestrictionSpec,
  type RestrictionTerms,
  restrictionChannels,
  scopeCovers,
} from './restrictions.ts'

/** What one restriction does to contact by one channel. F5e closes one matter, not a channel: it is `open` here. */
export type ChannelLimit =
  /** The restriction does not limit this channel. */
  | { kind: 'open' }
  /** F5a: not one of the ways the person may use. */
  | { kind: 'closed' }
  /** F5c: telephone calls only in these windows (none: no calls). */
  | { kind: 'at_times'; windows: readonly PhoneWindow[]; maxCallMinutes?: number | undefined }
  /** F5b: open, through the named officer (or their deputy). */
  | { kind: 'through_officer' }
  /** F5d: open, as the contact agreement sets out. */
  | { kind: 'as_agreed' }

/** What one restriction (F5a–e) does to contact by `channel`. */
export function channelLimit(terms: RestrictionTerms, channel: Channel): ChannelLimit {
  switch (terms.type) {
    case 'contact_method':
      return (terms.channels as readonly Channel[]).includes(channel) ? { kind: 'open' } : { kind: 'closed' }
    case 'phone_times':
      return channel === 'phone'
        ? { kind: 'at_times', windows: terms.windows, maxCallMinutes: terms.maxCallMinutes }
        : { kind: 'open' }
    case 'named_contact':
      return { kind: 'through_officer' }
    case 'contact_agreement':
      return { kind: 'as_agreed' }
    case 'matter_closed':
      return { kind: 'open' }
  }
}

/** How one channel stays open under every restriction that applies together. */
export type ChannelWay =
  | { open: false }
  /** Open; `times` when calls are limited to set windows (the windows every phone-time restriction allows). */
  | { open: true; times?: { windows: PhoneWindow[]; maxCallMinutes?: number | undefined } | undefined }

/** Contact about some services (or everything else) and how it stays open. */
export interface OpenWays<R extends RestrictionSpec> {
  /** The services this part covers, as the restrictions name them; null: everything not named (or everything). */
  services: string[] | null
  /** The restrictions that apply to this part (F6), closed matters excepted. */
  restrictions: R[]
  channels: Record<RestrictionChannel, ChannelWay>
  /** F5b: contact goes through this named officer. */
  namedContact?: Extract<R, { type: 'named_contact' }> | undefined
  /** F5d: contact follows these agreements. */
  agreements: Extract<R, { type: 'contact_agreement' }>[]
  /** F5a: where the permitted ways go, when the restriction says. */
  addresses: string[]
}

/** The windows allowed by both lists: a call must fall inside a window of every phone-time restriction (F5c). */
export function intersectWindows(a: readonly PhoneWindow[], b: readonly PhoneWindow[]): PhoneWindow[] {
  const both: PhoneWindow[] = []
  for (const x of a) {
    for (const y of b) {
      if (x.day !== y.day) continue
      const from = x.from > y.from ? x.from : y.from
      const to = x.to < y.to ? x.to : y.to
      if (from < to && !both.some((w) => w.day === x.day && w.from === from && w.to === to))
        both.push({ day: x.day, from, to })
    }
  }
  return both
}

function combine(restrictions: readonly RestrictionTerms[], channel: RestrictionChannel): ChannelWay {
  let times: { windows: PhoneWindow[]; maxCallMinutes?: number | undefined } | undefined
  for (const r of restrictions) {
    const limit = channelLimit(r, channel)
    if (limit.kind === 'closed') return { open: false }
    if (limit.kind === 'at_times') {
      const windows = times ? intersectWindows(times.windows, limit.windows) : [...limit.windows]
      const lengths = [times?.maxCallMinutes, limit.maxCallMinutes].filter((m): m is number => m !== undefined)
      times = { windows, maxCallMinutes: lengths.length ? Math.min(...lengths) : undefined }
    }
  }
  if (times && times.windows.length === 0) return { open: false }
  return { open: true, times }
}

function openWaysOf<R extends RestrictionSpec>(services: string[] | null, restrictions: R[]): OpenWays<R> {
  const channels = Object.fromEntries(restrictionChannels.map((c) => [c, combine(restrictions, c)])) as Record<
    RestrictionChannel,
    ChannelWay
  >
  const named = restrictions.find((r): r is Extract<R, { type: 'named_contact' }> => r.type === 'named_contact')
  const agreements = restrictions.filter(
    (r): r is Extract<R, { type: 'contact_agreement' }> => r.type === 'contact_agreement',
  )
  const addresses = [
    ...new Set(
      restrictions.flatMap((r) => (r.type === 'contact_method' && r.address?.trim() ? [r.address.trim()] : [])),
    ),
  ]
  return { services, restrictions, channels, namedContact: named, agreements, addresses }
}

/**
 * F6, F9: the ways still open, worked out from every restriction in force together: for each group of services that
 * the same restrictions cover, then for everything else (only council-wide restrictions apply there, as in the contact
 * check's scopeCovers). Closed matters (F5e) close no channel and are left to the caller.
 */
export function waysStillOpen<R extends RestrictionSpec>(restrictions: readonly R[]): OpenWays<R>[] {
  const limiting = restrictions.filter((r) => r.type !== 'matter_closed')
  const named = new Map<string, string>()
  for (const r of limiting) {
    if ('services' in r.scope) {
      for (const s of r.scope.services) {
        const key = s.trim().toLowerCase()
        if (key && !named.has(key)) named.set(key, s.trim())
      }
    }
  }
  const groups = new Map<string, { services: string[]; restrictions: R[] }>()
  for (const service of named.values()) {
    const applying = limiting.filter((r) => scopeCovers(r.scope, service))
    const key = applying.map((r) => limiting.indexOf(r)).join(',')
    const group = groups.get(key)
    if (group) group.services.push(service)
    else groups.set(key, { services: [service], restrictions: applying })
  }
  const everywhere = limiting.filter((r) => 'councilWide' in r.scope)
  return [...[...groups.values()].map((g) => openWaysOf(g.services, g.restrictions)), openWaysOf(null, everywhere)]
}
