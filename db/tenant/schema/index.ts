export * from './communes.ts'
export * from './commune-mappings.ts'
export * from './tenant-meta.ts'
export * from './audit-log.ts'
