import { useLocation } from 'preact-iso'
import { useState } from 'preact/hooks'
import { useActor, useMe } from '../auth.tsx'
import { communeScope } from '../../../kernel/policy.ts'
import { formatNumber, useI18n } from '../i18n/i18n.tsx'
import { navFor } from '../lib/navigation.ts'
import { IconGlobe, IconMenu } from './icons.tsx'
import { SignOutButton, SyncIndicator } from './sync-status.tsx'

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n()
  return (
    // The accessible name starts with the visible text (WCAG 2.5.3 "label in name"), then says what it does.
    <button type="button" class="link" onClick={() => setLocale(locale === 'vi' ? 'en' : 'vi')}>
      <IconGlobe /> <span lang={locale === 'vi' ? 'en' : 'vi'}>{t('lang.switch')}</span>
      <span class="visually-hidden"> ({t('lang.switchLabel')})</span>
    </button>
  )
}

/** Who and where: the role, the province and (for commune officers) the communes in scope. */
export function Header() {
  const me = useMe()
  const actor = useActor()
  const { t } = useI18n()
  const { path, route } = useLocation()
  const [menuOpen, setMenuOpen] = useState(false)
  const context =
    me.province === null
      ? t('header.central')
      : communeScope(actor) !== null
        ? `${me.province.name} · ${me.communes.length === 1 ? me.communes[0]!.name : t('header.communes', { count: formatNumber(me.communes.length) })}`
        : me.province.name
  return (
    <header class="header">
      <div class="header__bar">
        <a href="/" class="header__brand">
          {t('app.name')}
        </a>
        <SyncIndicator />
        <button type="button" class="header__menu link" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
          <IconMenu /> {t('nav.menu')}
        </button>
      </div>
      <p class="header__context">
        <strong>{me.displayName}</strong> · {t(`role.${me.role}`)} · <span data-testid="context">{context}</span>
      </p>
      <nav id="main-nav" class={`nav${menuOpen ? ' nav--open' : ''}`} aria-label={t('nav.label')}>
        <ul>
          {navFor(actor).map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={path === item.href ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
        <div class="nav__tools">
          <LanguageSwitch />
          <SignOutButton onSignedOut={() => route('/login')} />
        </div>
      </nav>
    </header>
  )
}
