import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'turso',
  schema: './db/control/schema/*.ts',
  out: './db/control/migrations',
  dbCredentials: { url: 'file:./data/control.db' },
})
