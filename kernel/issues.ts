/** A problem with one input field, named as the API names it (`json.birthDate`, `query.limit`, `param.personId`). */
export interface FieldIssue {
  field: string
  message: string
}

/** The one message of a refusal naming fields: "Invalid json.birthDate: must not be in the future". */
export function issuesMessage(issues: readonly FieldIssue[], fallback = 'Invalid input'): string {
  const first = issues[0]
  return first ? `Invalid ${first.field}: ${first.message}` : fallback
}
