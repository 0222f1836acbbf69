import { useI18n } from '../i18n/i18n.tsx'

export default function NotFound() {
  const { t } = useI18n()
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </section>
  )
}
