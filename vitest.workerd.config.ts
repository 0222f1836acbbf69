import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

// Workers suite: the real Worker entry (worker/index.ts, wrangler.toml) inside workerd, reaching real
// embedded databases over the libSQL HTTP protocol through the local endpoint started by global-setup.ts.
export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => {
      const libsqlUrl = inject<string>('libsqlUrl')
      return {
        main: './worker/index.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            ENVIRONMENT: 'test',
            LOG_LEVEL: 'silent',
            AUDIT_SALT: 'workerd-test-audit-salt',
            PUBLIC_ORIGIN: 'https://binhan.example',
            CONTROL_DB_URL: `${libsqlUrl}/control/`,
            LOCAL_LIBSQL_URL: libsqlUrl,
            MAIL_API_URL: inject<string>('mailApiUrl'),
            MAIL_API_TOKEN: inject<string>('mailApiToken'),
            MAIL_FROM: 'Bình An <no-reply@example.test>',
            TURSO_ORG: 'binhan-test',
            TURSO_GROUP: 'binhan-test',
            TURSO_LOCATION: 'aws-ap-south-1',
            TURSO_API_URL: inject<string>('tursoApiUrl'),
            TURSO_API_TOKEN: inject<string>('tursoApiToken'),
          },
        },
      }
    }),
  ],
  test: {
    include: ['test/workerd/**/*.test.ts'],
    globalSetup: ['test/workerd/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
