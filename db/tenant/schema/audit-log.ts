import { auditLogTable } from '../../audit/audit-log-table.ts'

/** Person-level reads and writes in this province. */
export const auditLog = auditLogTable()
