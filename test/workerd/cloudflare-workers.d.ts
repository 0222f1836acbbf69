// The one member of `cloudflare:workers` this suite uses, typed without pulling in @cloudflare/workers-types
// (whose Request/Response clash with the DOM types the rest of the project uses).
declare module 'cloudflare:workers' {
  export const exports: {
    default: { fetch(input: string | Request, init?: RequestInit): Promise<Response> }
  }
}
