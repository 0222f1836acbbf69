import { render } from 'preact'
import { App } from './app.tsx'
import { initialLocale, loadLocale } from './i18n/i18n.tsx'
import { registerServiceWorker } from './sw-register.ts'
import './styles.css'

const locale = initialLocale()
document.documentElement.lang = locale
// An English reader waits for their catalogue (one small request) rather than seeing the page switch language.
void loadLocale(locale)
  .catch(() => {})
  .then(() => {
    const root = document.getElementById('app')
    if (root) render(<App />, root)
  })
registerServiceWorker()
