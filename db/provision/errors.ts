/** Thrown by onboarding for a code that is not one of the 34 provinces. No Node imports: the Worker catches it. */
export class UnknownProvinceError extends Error {
  readonly validCodes: string[]
  constructor(code: string, validCodes: string[]) {
    super(`Unknown province code "${code}". Valid codes: ${validCodes.join(', ')}`)
    this.validCodes = validCodes
  }
}
