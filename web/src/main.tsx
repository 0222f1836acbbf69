import { render } from 'preact'
import { App } from './app.tsx'
import { initialLocale } from './i18n/i18n.tsx'
import { registerServiceWorker } from './sw-register.ts'
import './styles.css'

document.documentElement.lang = initialLocale()
const root = document.getElementById('app')
if (root) render(<App />, root)
registerServiceWorker()
