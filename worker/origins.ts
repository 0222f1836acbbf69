/** Comma-separated origins such as https://binhan.example.gov.vn; each must be a bare origin. */
export function parseOrigins(value: string | undefined): string[] {
  const origins = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  for (const origin of origins) {
    let parsed: URL
    try {
      parsed = new URL(origin)
    } catch {
      throw new Error(`Invalid configuration:\n  TRUSTED_ORIGINS: "${origin}" is not a URL`)
    }
    if (parsed.origin !== origin) throw new Error(`Invalid configuration:\n  TRUSTED_ORIGINS: "${origin}" must be a bare origin like ${parsed.origin}`)
  }
  return origins
}
