import { describe, expect, it } from 'vitest'
import { locateTenantDbForWorkers, readWorkerConfig } from '../../worker/workers-config.ts'

const SALT = 'a-long-random-test-salt'
/** Production also needs mail (test/worker/mail/mail-config.test.ts). */
const MAIL = { MAIL_API_URL: 'https://api.resend.com/emails', MAIL_FROM: 'no-reply@example.test' }

const PUBLIC = 'https://binhan.example.gov.vn'

describe('Worker configuration', () => {
  it('requires an audit salt and an https public origin in production, and checks trusted origins', () => {
    expect(() => readWorkerConfig({ CONTROL_DB_URL: 'libsql://x', PUBLIC_ORIGIN: PUBLIC })).toThrow(/AUDIT_SALT is required in production/)
    expect(() => readWorkerConfig({ CONTROL_DB_URL: 'libsql://x', AUDIT_SALT: SALT, ...MAIL })).toThrow(/PUBLIC_ORIGIN is required in production/)
    expect(() => readWorkerConfig({ CONTROL_DB_URL: 'libsql://x', AUDIT_SALT: SALT, ...MAIL, PUBLIC_ORIGIN: 'http://binhan.example.gov.vn' })).toThrow(/https/)
    expect(() => readWorkerConfig({ CONTROL_DB_URL: 'libsql://x', AUDIT_SALT: SALT, ...MAIL, PUBLIC_ORIGIN: `${PUBLIC}/app` })).toThrow(
      /PUBLIC_ORIGIN: must be a bare origin/,
    )
    expect(() =>
      readWorkerConfig({ CONTROL_DB_URL: 'libsql://x', AUDIT_SALT: SALT, ...MAIL, PUBLIC_ORIGIN: PUBLIC, TRUSTED_ORIGINS: 'https://a.example/path' }),
    ).toThrow(/bare origin/)
    const config = readWorkerConfig({
      CONTROL_DB_URL: 'libsql://x',
      AUDIT_SALT: SALT,
      ...MAIL,
      PUBLIC_ORIGIN: PUBLIC,
      TRUSTED_ORIGINS: 'https://a.example, https://b.example',
    })
    expect(config.app.publicOrigin).toBe(PUBLIC)
    expect(config.app.trustedOrigins).toEqual(['https://a.example', 'https://b.example'])
  })

  it('reads vars and secrets with production defaults', () => {
    const config = readWorkerConfig({
      CONTROL_DB_URL: 'libsql://binhan-control-acme.turso.io',
      CONTROL_DB_AUTH_TOKEN: 't0k',
      AUDIT_SALT: SALT,
      ...MAIL,
      PUBLIC_ORIGIN: PUBLIC,
    })
    expect(config.app).toEqual({
      environment: 'production',
      maxBodyBytes: 1_048_576,
      publicOrigin: PUBLIC,
      trustedOrigins: [],
      auditSalt: SALT,
      central: { k: 5, staleAfterMs: 36 * 3_600_000 },
    })
    expect(config.controlDb).toEqual({ url: 'libsql://binhan-control-acme.turso.io', authToken: 't0k' })
    expect(config.tenantCacheTtlMs).toBe(30_000)
  })

  it('defaults the public origin to wrangler dev on this machine outside production', () => {
    const dev = readWorkerConfig({ CONTROL_DB_URL: 'http://127.0.0.1:8788/control/', ENVIRONMENT: 'development' })
    expect(dev.app.publicOrigin).toBe('http://localhost:8787')
    expect(dev.app.trustedOrigins).toEqual(['http://127.0.0.1:8787', 'http://[::1]:8787'])
  })

  it('names a missing or malformed variable without echoing secret values', () => {
    expect(() => readWorkerConfig({})).toThrow(/CONTROL_DB_URL/)
    expect(() => readWorkerConfig({ CONTROL_DB_URL: 'libsql://x', TENANT_CACHE_TTL_MS: 'soon' })).toThrow(/TENANT_CACHE_TTL_MS: must be a whole number/)
    try {
      readWorkerConfig({ CONTROL_DB_URL: 'ftp://secret-host-name' })
      expect.unreachable()
    } catch (err) {
      expect(String(err)).toContain('CONTROL_DB_URL')
      expect(String(err)).not.toContain('secret-host-name')
    }
  })

  it('refuses the local libSQL endpoint in production', () => {
    expect(() =>
      readWorkerConfig({ CONTROL_DB_URL: 'libsql://x', AUDIT_SALT: SALT, ...MAIL, PUBLIC_ORIGIN: PUBLIC, LOCAL_LIBSQL_URL: 'http://127.0.0.1:8788' }),
    ).toThrow(/refused in production/)
    const dev = readWorkerConfig({ CONTROL_DB_URL: 'http://127.0.0.1:8788/control/', LOCAL_LIBSQL_URL: 'http://127.0.0.1:8788/', ENVIRONMENT: 'development' })
    expect(dev.localLibsqlUrl).toBe('http://127.0.0.1:8788/')
  })
})

describe('locating province databases from Workers', () => {
  it('uses the registered Turso URL with the group token', () => {
    const locate = locateTenantDbForWorkers({ tursoGroupAuthToken: 'group-token', localLibsqlUrl: undefined })
    expect(locate({ provider: 'turso', dbName: 'binhan-p82', dbLocation: 'libsql://binhan-p82-acme.turso.io' })).toEqual({
      url: 'libsql://binhan-p82-acme.turso.io',
      authToken: 'group-token',
    })
  })

  it('maps embedded files to the local endpoint in development, and refuses them otherwise', () => {
    const dev = locateTenantDbForWorkers({ tursoGroupAuthToken: undefined, localLibsqlUrl: 'http://127.0.0.1:8788/' })
    expect(dev({ provider: 'embedded', dbName: 'binhan-p82', dbLocation: 'tenants/binhan-p82.db' })).toEqual({ url: 'http://127.0.0.1:8788/binhan-p82/' })
    const prod = locateTenantDbForWorkers({ tursoGroupAuthToken: 'x', localLibsqlUrl: undefined })
    expect(() => prod({ provider: 'embedded', dbName: 'binhan-p82', dbLocation: 'tenants/binhan-p82.db' })).toThrow(/LOCAL_LIBSQL_URL/)
  })
})
