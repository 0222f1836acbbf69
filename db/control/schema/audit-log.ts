import { auditLogTable } from '../../audit/audit-log-table.ts'

/** Platform actions: onboarding, user administration, logins. */
export const auditLog = auditLogTable()
