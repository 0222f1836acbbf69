import type { ComponentType, FunctionComponent } from 'preact'
import { ErrorBoundary, lazy, LocationProvider, Route, Router, useLocation } from 'preact-iso'
import { useEffect } from 'preact/hooks'
import { AuthProvider, useActor, useAuth } from './auth.tsx'
import { OfflineBanner, UpdateBanner } from './components/banners.tsx'
import { Header, LanguageSwitch } from './components/header.tsx'
import { Loading } from './components/states.tsx'
import { I18nProvider, useI18n } from './i18n/i18n.tsx'
import { LoginForm, LoginPage } from './routes/login.tsx'
import { Dialog } from './components/dialog.tsx'
import { ForeignChangesDialog } from './components/sync-status.tsx'
import { mayOpen, screenAt } from './lib/navigation.ts'

const NotForRole = lazy(() => import('./routes/not-for-role.tsx'))

/**
 * A screen behind the kernel's policy (web/src/lib/navigation.ts): a role that may not use it gets the "not for
 * your role" page, and the screen's chunk is not even loaded, so none of its API calls is made.
 */
function guarded<P extends object>(path: string, Page: ComponentType<P>): FunctionComponent<P> {
  const screen = screenAt(path)
  return function Guarded(props: P) {
    return mayOpen(useActor(), screen) ? <Page {...props} /> : <NotForRole />
  }
}

// One chunk per screen, loaded on first visit (and precached by the service worker for offline use).
const AcceptInvite = lazy(() => import('./routes/accept-invite.tsx'))
const NotFound = lazy(() => import('./routes/not-found.tsx'))
const Home = guarded(
  '/',
  lazy(() => import('./routes/home.tsx')),
)
const ChangePassword = guarded(
  '/account/password',
  lazy(() => import('./routes/change-password.tsx')),
)
const ProvinceUsers = guarded(
  '/province/users',
  lazy(() => import('./routes/province-users.tsx')),
)
const AuditTrail = lazy(() => import('./routes/audit-trail.tsx'))
const ProvinceAudit = guarded('/province/audit', AuditTrail)
const PlatformAudit = guarded('/admin/audit', AuditTrail)
const ProvinceSettings = guarded(
  '/province/settings',
  lazy(() => import('./routes/province-settings.tsx')),
)
const AdminProvinces = guarded(
  '/admin/provinces',
  lazy(() => import('./routes/admin-provinces.tsx')),
)
const AdminProvince = guarded(
  '/admin/provinces/:code',
  lazy(() => import('./routes/admin-province.tsx')),
)
const Caseload = guarded(
  '/caseload',
  lazy(() => import('./routes/caseload.tsx')),
)
const PersonsList = guarded(
  '/persons',
  lazy(() => import('./routes/persons-list.tsx')),
)
const RegisterPerson = guarded(
  '/persons/new',
  lazy(() => import('./routes/register-person.tsx')),
)
const PersonPage = guarded(
  '/persons/:id',
  lazy(() => import('./routes/person.tsx')),
)
const PersonAccess = guarded(
  '/persons/:id/access',
  lazy(() => import('./routes/person-access.tsx')),
)
const Reports = guarded(
  '/reports',
  lazy(() => import('./routes/reports.tsx')),
)
const Targets = guarded(
  '/targets',
  lazy(() => import('./routes/targets.tsx')),
)
const ProvinceOverview = guarded(
  '/province/overview',
  lazy(() => import('./routes/province-overview.tsx')),
)
const ImportPage = guarded(
  '/import',
  lazy(() => import('./routes/import.tsx')),
)
const SyncPage = guarded(
  '/sync',
  lazy(() => import('./routes/sync.tsx')),
)
const Handovers = guarded(
  '/handovers',
  lazy(() => import('./routes/handovers.tsx')),
)
const Activities = guarded(
  '/activities',
  lazy(() => import('./routes/activities.tsx')),
)
const Models = guarded(
  '/models',
  lazy(() => import('./routes/models.tsx')),
)
const ModelPage = guarded(
  '/models/:id',
  lazy(() => import('./routes/model.tsx')),
)
// Drug-free communes (decision 0037): one chunk for the list, the dossier and the criteria.
const CertificationPage = lazy(() => import('./routes/certification.tsx'))
const Certification = guarded('/certification', CertificationPage)
const CertificationDetail = guarded('/certification/:rest*', CertificationPage)
const DevOutbox = lazy(() => import('./routes/dev-outbox.tsx'))

/** Pages anyone may open, signed in or not. The development outbox stands in for the recipients' mailboxes. */
const PUBLIC_PATHS = ['/login', '/accept-invite', '/dev/outbox']

function Shell() {
  const { state } = useAuth()
  const { path, route } = useLocation()
  const { t } = useI18n()
  const isPublic = PUBLIC_PATHS.includes(path)

  useEffect(() => {
    if (state.status === 'signed_out' && !isPublic) route(`/login${state.reason === 'expired' ? '?expired=1' : ''}`, true)
    if (state.status === 'signed_in' && path === '/login') route('/', true)
  }, [state.status, path])

  if (state.status === 'loading') return <Loading />
  if (isPublic || state.status !== 'signed_in') {
    return (
      <>
        <div class="public-bar">
          <LanguageSwitch />
        </div>
        {/* Signed out on a private page (just signed out, or the session is gone): nothing of that page is
            rendered (its screens need the user) until the effect above has moved to /login. */}
        <main id="main" class="main">
          {isPublic ? <Routes /> : <Loading />}
        </main>
      </>
    )
  }
  return (
    <>
      <a href="#main" class="skip">
        {t('nav.home')}
      </a>
      <Header />
      <main id="main" class="main" tabIndex={-1}>
        {/* Another user's unsent changes are in this browser: nothing reads the store until the officer decides. */}
        {state.foreign ? <ForeignChangesDialog foreign={state.foreign} /> : <Routes />}
      </main>
      <Dialog title={t('relogin.title')} open={state.expired} onClose={() => {}}>
        <p>{t('relogin.body')}</p>
        <LoginForm username={state.me.username} />
      </Dialog>
    </>
  )
}

/**
 * After a deploy, an old page asks for a screen's chunk that no longer exists. Reload once to get the new
 * build (the flag stops a loop when the chunk is missing for another reason, e.g. offline without a cache).
 */
function reloadOnMissingChunk(error: Error): void {
  if (!/dynamically imported module|Importing a module script failed|error loading dynamically/i.test(String(error))) return
  try {
    if (sessionStorage.getItem('binhan.chunkReload')) return
    sessionStorage.setItem('binhan.chunkReload', '1')
  } catch {
    return
  }
  location.reload()
}

/** A screen loaded: a later missing chunk may reload again. */
function clearChunkReload(): void {
  try {
    sessionStorage.removeItem('binhan.chunkReload')
  } catch {
    // Private mode: nothing to clear.
  }
}

function Routes() {
  return (
    <ErrorBoundary onError={reloadOnMissingChunk}>
      <Router onLoadEnd={clearChunkReload}>
        <Route path="/login" component={LoginPage} />
        <Route path="/accept-invite" component={AcceptInvite} />
        <Route path="/dev/outbox" component={DevOutbox} />
        <Route path="/" component={Home} />
        <Route path="/account/password" component={ChangePassword} />
        <Route path="/caseload" component={Caseload} />
        <Route path="/persons" component={PersonsList} />
        <Route path="/persons/new" component={RegisterPerson} />
        <Route path="/persons/:id" component={PersonPage} />
        <Route path="/persons/:id/access" component={PersonAccess} />
        <Route path="/reports" component={Reports} />
        <Route path="/targets" component={Targets} />
        <Route path="/province/overview" component={ProvinceOverview} />
        <Route path="/activities" component={Activities} />
        <Route path="/models" component={Models} />
        <Route path="/models/:id" component={ModelPage} />
        <Route path="/certification" component={Certification} />
        <Route path="/certification/:rest*" component={CertificationDetail} />
        <Route path="/import" component={ImportPage} />
        <Route path="/sync" component={SyncPage} />
        <Route path="/handovers" component={Handovers} />
        <Route path="/province/users" component={ProvinceUsers} />
        <Route path="/province/audit" component={ProvinceAudit} scope="province" />
        <Route path="/province/settings" component={ProvinceSettings} />
        <Route path="/admin/audit" component={PlatformAudit} scope="platform" />
        <Route path="/admin/provinces" component={AdminProvinces} />
        <Route path="/admin/provinces/:code" component={AdminProvince} />
        <Route default component={NotFound} />
      </Router>
    </ErrorBoundary>
  )
}

export function App() {
  return (
    <I18nProvider>
      <LocationProvider>
        <AuthProvider>
          <OfflineBanner />
          <UpdateBanner />
          <Shell />
        </AuthProvider>
      </LocationProvider>
    </I18nProvider>
  )
}
