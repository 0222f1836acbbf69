// The members of `cloudflare:workers` this suite uses, typed without pulling in @cloudflare/workers-types
// (whose Request/Response clash with the DOM types the rest of the project uses).
declare module 'cloudflare:workers' {
  /** The Worker's bindings (vitest.workerd.config.ts): plain strings here. */
  export const env: Record<string, string | undefined>
  export const exports: {
    default: { fetch(input: string | Request, init?: RequestInit): Promise<Response> }
  }
}
