import type { LegalDecision } from '../../../kernel/domain/legal-decision.ts'
import { formatDate, useI18n, type MessageKey } from '../i18n/i18n.tsx'

/** A decision on one line: number, date, signer and role, issuing body. */
export function DecisionLine({ decision }: { decision: LegalDecision }) {
  const { t } = useI18n()
  return (
    <>
      {t('decision.summary', {
        number: decision.number,
        date: formatDate(decision.date),
        signer: decision.signer,
        role: t(`decision.role.${decision.signerRole}` as MessageKey),
        body: decision.body,
      })}
    </>
  )
}
