/**
 * The audit actions that only read. They are what floods a trail (a phone pulls every few minutes, a page
 * reads a person in several requests), so the grouped listing collapses their repeats (decision 0020), and a
 * person's access log lists them. An action is a read when it ends in one of the suffixes or is listed.
 */
export const READ_SUFFIXES = ['.read', '.list'] as const
export const READ_ACTIONS = ['person.timeline', 'person.caseload', 'person.work', 'person.access_log', 'sync.pull'] as const

export function isReadAction(action: string): boolean {
  return READ_SUFFIXES.some((suffix) => action.endsWith(suffix)) || (READ_ACTIONS as readonly string[]).includes(action)
}
