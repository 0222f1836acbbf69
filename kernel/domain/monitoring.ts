// Electronic monitoring (Law 120/2025/QH15): the commune police chief may order it for a person in voluntary
// community/home rehab, on substitution treatment, or under post-rehab management (decision 0029).

/** The day the 2025 law came into force: an order dated before it has no legal basis. */
export const LAW_120_2025_IN_FORCE = '2026-07-01'

export const monitoringContexts = ['community_rehab', 'substitution', 'post_rehab'] as const
export type MonitoringContext = (typeof monitoringContexts)[number]

export const monitoringStatuses = ['active', 'ended'] as const
