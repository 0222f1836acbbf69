import { useMe } from '../auth.tsx'
import { useI18n } from '../i18n/i18n.tsx'

export default function Home() {
  const me = useMe()
  const { t } = useI18n()
  return (
    <section>
      <h1>{t('home.title', { name: me.displayName })}</h1>
      <p>{t(`role.${me.role}`)}</p>
      {me.province ? <p>{t('home.province', { name: me.province.name })}</p> : <p>{t('home.central')}</p>}
      {me.communes.length > 0 && (
        <>
          <h2>{t('home.communes')}</h2>
          <ul>
            {me.communes.map((c) => (
              <li key={c.code}>
                {c.name} ({c.code})
              </li>
            ))}
          </ul>
        </>
      )}
      {me.province && <p class="muted">{t('home.next')}</p>}
    </section>
  )
}
