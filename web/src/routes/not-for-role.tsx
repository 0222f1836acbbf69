import { useI18n } from '../i18n/i18n.tsx'

/** A screen the user's role may not use (the kernel's policy): said plainly, and nothing of it is loaded. */
export default function NotForRole() {
  const { t } = useI18n()
  return (
    <section>
      <h1>{t('notForRole.title')}</h1>
      <p>{t('notForRole.body')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </section>
  )
}
