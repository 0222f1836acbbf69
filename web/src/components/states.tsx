import type { ComponentChildren } from 'preact'
import { ApiError } from '../api.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { completionRefusal } from '../lib/completion-refusal.ts'

export function Loading() {
  const { t } = useI18n()
  return (
    <p class="state" role="status">
      {t('common.loading')}
    </p>
  )
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state state--empty">{children}</p>
}

/** An error with what the user can do about it; unexpected ones show the request id to quote. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n()
  const api = error instanceof ApiError ? error : undefined
  const message =
    completionRefusal(api?.code, api?.details, t) ??
    (api?.code === 'network'
      ? t('error.network')
      : api?.code === 'mail_not_configured' ||
          api?.code === 'mail_failed' ||
          api?.code === 'onboarding_not_configured' ||
          api?.code === 'tenant_schema_outdated' ||
          api?.code === 'write_contention' ||
          api?.code === 'determination_required' ||
          api?.code === 'law_not_in_force'
        ? t(`error.${api.code}`)
        : api?.code === 'tenant_database_unavailable'
          ? t('error.tenantDatabaseUnavailable')
          : api?.status === 403
            ? t('error.forbidden')
            : api?.status === 404
              ? t('error.notFound')
              : t('error.generic'))
  return (
    <div class="state state--error" role="alert">
      <p>{message}</p>
      {api?.requestId && <p class="muted">{t('error.requestId', { id: api.requestId })}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  )
}
