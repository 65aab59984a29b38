// K1: how contacts and incidents are described.
export const channels = ['phone', 'email', 'letter', 'in_person', 'web', 'social_media'] as const
export type Channel = (typeof channels)[number]

export const directions = ['inbound', 'outbound'] as const
export type Direction = (typeof directions)[number]

export const incidentCategories = [
  'aggressive_or_abusive',
  'unreasonable_demands',
  'unreasonable_levels_of_contact',
  'refusal_to_cooperate',
  'misuse_of_process',
] as const
export type IncidentCategory = (typeof incidentCategories)[number]

export const severities = ['low', 'medium', 'high', 'immediate_risk'] as const
export type Severity = (typeof severities)[number]

export const channelNames: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  letter: 'Letter',
  in_person: 'In person',
  web: 'Web form',
  social_media: 'Social media',
}

export const incidentCategoryNames: Record<IncidentCategory, string> = {
  aggressive_or_abusive: 'Aggressive or abusive behaviour',
  unreasonable_demands: 'Unreasonable demands',
  unreasonable_levels_of_contact: 'Unreasonable levels of contact',
  refusal_to_cooperate: 'Unreasonable refusal to co-operate',
  misuse_of_process: 'Unreasonable use of the complaints process',
}

export const severityNames: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  immediate_risk: 'Immediate risk to safety',
}
