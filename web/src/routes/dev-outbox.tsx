import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, useI18n } from '../i18n/i18n.tsx'
import { ApiError } from '../api.ts'
import { endpoint } from '../api.ts'
import { useResource } from '../lib/use-resource.ts'

/**
 * Development only (decision 0018): the messages the local outbox wrote instead of sending them, so a demo can
 * follow an invite without a mail server. Open to anyone, like the mailboxes it stands in for. In production
 * the API has no such route and this page says so.
 */
export default function DevOutbox() {
  const { t } = useI18n()
  const [messages, reload] = useResource(endpoint('GET /api/dev/outbox'))
  return (
    <section>
      <h1>{t('outbox.title')}</h1>
      <p class="muted">{t('outbox.intro')}</p>
      {messages.status === 'loading' && <Loading />}
      {messages.status === 'error' &&
        (messages.error instanceof ApiError && messages.error.status === 404 ? (
          <Empty>{t('outbox.unavailable')}</Empty>
        ) : (
          <ErrorState error={messages.error} onRetry={reload} />
        ))}
      {messages.status === 'ready' && messages.data.data.length === 0 && <Empty>{t('outbox.empty')}</Empty>}
      {messages.status === 'ready' && messages.data.data.length > 0 && (
        <ul class="cards">
          {messages.data.data.map((message) => (
            <li key={message.id} class="card">
              <p>
                <strong>{message.subject}</strong>
              </p>
              <p>{t('outbox.to', { address: message.to })}</p>
              <p class="muted">{t('outbox.sentAt', { date: formatDateTime(message.sentAt) })}</p>
              <p>
                <a href={message.link}>{t('outbox.open')}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
